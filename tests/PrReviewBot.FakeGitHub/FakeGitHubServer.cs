using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PrReviewBot.FakeGitHub;

/// <summary>
/// A fake GitHub REST API served by Kestrel on 127.0.0.1, at the root (like api.github.com) and
/// under <c>/api/v3/</c> (like GitHub Enterprise Server). Like GitHub, it checks the App's JSON web
/// token on <c>/app</c> calls and an unexpired installation token of the right installation on
/// repository calls, pages lists with <c>Link</c> headers, and answers 422 for a review comment on
/// a line outside the diff, a body over 65,536 characters or more than 50 annotations. Faults are
/// injected on request: an answer in place of the real one (<see cref="FailNext"/>), a secondary
/// rate limit, a slow answer, or a write stored whose answer is then lost
/// (<see cref="LoseAnswersToWrites"/>). Every request is recorded. All state is guarded by one
/// lock; read it through <see cref="Inspect{T}"/>.
/// </summary>
public sealed partial class FakeGitHubServer : IAsyncDisposable
{
    public const string EnterprisePrefix = "/api/v3";
    public const int MaxBodyCharacters = 65536;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly object gate = new();
    private readonly WebApplication app;
    private readonly RSA appKey;
    private readonly List<RecordedRequest> requests = [];
    private readonly List<string> arrivals = [];
    private readonly Dictionary<string, (long InstallationId, DateTimeOffset ExpiresAt)> tokens = new(StringComparer.Ordinal);
    private readonly List<FakeRepository> repositories = [];
    private readonly List<Fault> faults = [];
    private long nextId = 1000;

    private FakeGitHubServer(WebApplication app, RSA appKey)
    {
        this.app = app;
        this.appKey = appKey;
    }

    public long AppId { get; } = 4242;

    public string AppSlug { get; } = "prreviewbot-test";

    /// <summary>The login GitHub gives the App's comments.</summary>
    public FakeUser Bot => new(AppSlug + "[bot]", "Bot");

    /// <summary>How long the installation tokens it issues last (GitHub: one hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>http://127.0.0.1:PORT/</c>, the API root like <c>https://api.github.com/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The same API under <c>/api/v3/</c>, like GitHub Enterprise Server.</summary>
    public Uri EnterpriseBaseUrl => new(BaseUrl, EnterprisePrefix.TrimStart('/') + "/");

    /// <summary>The App's private key, made fresh for each fake, in PEM as GitHub hands it out.</summary>
    public string PrivateKeyPem => appKey.ExportRSAPrivateKeyPem();

    public static async Task<FakeGitHubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRouting();
        var app = builder.Build();
        var server = new FakeGitHubServer(app, RSA.Create(2048));
        app.Use(server.AuthenticateAndRecordAsync);
        server.MapApi(app);
        server.MapApi(app.MapGroup(EnterprisePrefix));
        server.MapGraphQl(app);
        server.MapArchiveHost(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public FakeRepository AddRepository(string owner, string name, long installationId)
    {
        lock (gate)
        {
            var repository = new FakeRepository { Owner = owner, Name = name, InstallationId = installationId, Id = NextId() };
            repository.Roles[owner] = "admin";
            repositories.Add(repository);
            return repository;
        }
    }

    public FakePullRequest OpenPullRequest(FakeRepository repository, int number, string headSha, params FakeFile[] files)
    {
        ArgumentNullException.ThrowIfNull(repository);
        lock (gate)
        {
            var pull = new FakePullRequest { Number = number, HeadSha = headSha };
            repository.PullRequests[number] = pull;
            SetHead(repository, pull, headSha, files);
            return pull;
        }
    }

    /// <summary>A push to the pull request's branch: a new head with these files.</summary>
    public void Push(FakeRepository repository, FakePullRequest pull, string headSha, params FakeFile[] files)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(pull);
        lock (gate)
        {
            SetHead(repository, pull, headSha, files);
        }
    }

    /// <summary>
    /// The base branch moved on: <c>base.sha</c> names <paramref name="baseSha"/> from now on, and the merge base is
    /// <paramref name="mergeBaseSha"/> (the same as before unless given, as when the branch did not merge the base).
    /// </summary>
    public void MoveBase(FakePullRequest pull, string baseSha, string? mergeBaseSha = null)
    {
        ArgumentNullException.ThrowIfNull(pull);
        lock (gate)
        {
            pull.FormerBases[pull.BaseSha] = pull.MergeBaseSha;
            pull.BaseSha = baseSha;
            pull.MergeBaseSha = mergeBaseSha ?? pull.MergeBaseSha;
        }
    }

    /// <summary>A force-push (a rebase, an amended commit): a new head the earlier heads are not ancestors of.</summary>
    public void ForcePush(FakeRepository repository, FakePullRequest pull, string headSha, params FakeFile[] files)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(pull);
        lock (gate)
        {
            SetHead(repository, pull, headSha, files);
            pull.Rewrites.Add(headSha);
        }
    }

    /// <summary>The next <paramref name="times"/> requests whose path starts with <paramref name="pathPrefix"/> get this answer instead.</summary>
    public void FailNext(string method, string pathPrefix, int status, int times = 1, IReadOnlyDictionary<string, string>? headers = null)
    {
        lock (gate)
        {
            faults.Add(new Fault(method, pathPrefix, status, headers ?? new Dictionary<string, string>(), times));
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> requests whose path starts with <paramref name="pathPrefix"/>
    /// meet a secondary rate limit, answered as GitHub does: 403 (or 429) with quota left, the
    /// message saying so, and <c>retry-after</c> only when <paramref name="retryAfterSeconds"/> is given.
    /// </summary>
    public void HitSecondaryLimitNext(string method, string pathPrefix, int times = 1, int status = 403, int? retryAfterSeconds = null)
    {
        var headers = new Dictionary<string, string> { ["x-ratelimit-limit"] = "5000", ["x-ratelimit-remaining"] = "4990" };
        if (retryAfterSeconds is { } seconds)
        {
            headers["retry-after"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        lock (gate)
        {
            faults.Add(new Fault(method, pathPrefix, status, headers, times)
            {
                Message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            });
        }
    }

    /// <summary>
    /// How long every answer takes, as GitHub's do over the network (zero: at once). Load runs set it,
    /// so reviews proceed at the pace real GitHub allows rather than as fast as a loopback fake answers.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The next request whose path starts with <paramref name="pathPrefix"/> is answered normally, but only after <paramref name="delay"/>: a slow GitHub.</summary>
    public void DelayNext(string method, string pathPrefix, TimeSpan delay)
    {
        lock (gate)
        {
            faults.Add(new Fault(method, pathPrefix, Status: null, new Dictionary<string, string>(), 1) { Delay = delay });
        }
    }

    /// <summary>Revokes every installation token issued so far, as GitHub does when an installation's permissions change.</summary>
    public void RevokeInstallationTokens()
    {
        lock (gate)
        {
            tokens.Clear();
        }
    }

    /// <summary>Reads the fake's state under its lock, so a test sees a consistent picture while the server writes.</summary>
    public T Inspect<T>(Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (gate)
        {
            return read();
        }
    }

    /// <summary>Every request answered so far, in the order the answers went out.</summary>
    public IReadOnlyList<RecordedRequest> Requests => Inspect(() => requests.ToList());

    /// <summary>How many requests reached the fake so far, answered or refused.</summary>
    public int RequestCount => Inspect(() => arrivals.Count);

    /// <summary>True once a request for <paramref name="method"/> <paramref name="apiPath"/> has arrived, even if it is still being answered.</summary>
    public bool HasReceived(string method, string apiPath) => Inspect(() => arrivals.Contains($"{method} {apiPath}"));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        appKey.Dispose();
    }

    private static void SetHead(FakeRepository repository, FakePullRequest pull, string headSha, FakeFile[] files)
    {
        pull.HeadSha = headSha;
        pull.Files = files;
        pull.Heads.Add(headSha);
        pull.FilesAt[headSha] = files;
        foreach (var file in files.Where(file => file.HeadText is not null))
        {
            repository.SetContent(headSha, file.Path, file.HeadText!);
        }

        foreach (var file in files.Where(file => file.BaseText is not null))
        {
            repository.SetContent(pull.MergeBaseSha, file.PreviousPath ?? file.Path, file.BaseText!);
        }
    }

    private long NextId() => Interlocked.Increment(ref nextId);

    private async Task AuthenticateAndRecordAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var apiPath = path.StartsWith(EnterprisePrefix + "/", StringComparison.Ordinal) ? path[EnterprisePrefix.Length..] : path;
        request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        request.Body.Position = 0;
        lock (gate)
        {
            arrivals.Add($"{request.Method} {apiPath}");
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted).ConfigureAwait(false);
        }

        var known = apiPath.StartsWith("/app", StringComparison.Ordinal) || apiPath.StartsWith("/repos/", StringComparison.Ordinal) || IsGraphQl(apiPath) || IsArchiveHost(apiPath);
        var caller = known ? await AuthenticateAsync(request, apiPath).ConfigureAwait(false) : CallerKind.Rejected;
        var fault = caller == CallerKind.Rejected ? null : TakeFault(request.Method, apiPath);
        if (!known)
        {
            await WriteJsonAsync(context, StatusCodes.Status404NotFound, new { Message = "Not Found", DocumentationUrl = "https://docs.github.com/rest" }).ConfigureAwait(false);
        }
        else if (caller == CallerKind.Rejected)
        {
            var message = apiPath.StartsWith("/app", StringComparison.Ordinal) ? "A JSON web token could not be decoded" : "Bad credentials";
            await WriteJsonAsync(context, StatusCodes.Status401Unauthorized, new { Message = message, DocumentationUrl = "https://docs.github.com/rest" }).ConfigureAwait(false);
        }
        else if (fault is { Status: null })
        {
            await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
            await next(context).ConfigureAwait(false);
        }
        else if (fault is { Status: { } status })
        {
            foreach (var (name, value) in fault.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await WriteJsonAsync(context, status, new { Message = fault.Message ?? FaultMessage(status, fault.Headers), DocumentationUrl = "https://docs.github.com/rest" }).ConfigureAwait(false);
        }
        else
        {
            context.Response.Headers["x-ratelimit-limit"] = "5000";
            context.Response.Headers["x-ratelimit-remaining"] = "4999";
            if (MayLoseAnswer(request))
            {
                await AnswerOrLoseAsync(context, apiPath, next).ConfigureAwait(false);
            }
            else
            {
                await next(context).ConfigureAwait(false);
            }
        }

        lock (gate)
        {
            requests.Add(new RecordedRequest(request.Method, apiPath, request.QueryString.Value ?? string.Empty, caller, RecordedStatus(context), body, request.Headers.Accept.ToString()));
        }
    }

    /// <summary>The message GitHub sends with such an answer; Octokit tells rate limits from refusals by it.</summary>
    private static string FaultMessage(int status, IReadOnlyDictionary<string, string> headers)
    {
        var limited = status == 429 || headers.ContainsKey("retry-after") || (headers.TryGetValue("x-ratelimit-remaining", out var remaining) && remaining == "0");
        return (status, limited) switch
        {
            (403 or 429, true) => "API rate limit exceeded for this installation.",
            (403, false) => "Resource not accessible by integration",
            (404, _) => "Not Found",
            (422, _) => "Validation Failed",
            _ => "Server Error (fault injected by the test)",
        };
    }

    private Fault? TakeFault(string method, string apiPath)
    {
        lock (gate)
        {
            var fault = faults.FirstOrDefault(candidate =>
                string.Equals(candidate.Method, method, StringComparison.OrdinalIgnoreCase) && apiPath.StartsWith(candidate.PathPrefix, StringComparison.Ordinal) && candidate.Remaining > 0);
            if (fault is not null)
            {
                fault.Remaining--;
            }

            return fault;
        }
    }

    private async Task<CallerKind> AuthenticateAsync(HttpRequest request, string apiPath)
    {
        if (IsArchiveHost(apiPath))
        {
            // The archive host takes the token its redirect put in the URL, checked where the archive is served.
            return CallerKind.Installation;
        }

        var header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var credential = space > 0 ? header[(space + 1)..].Trim() : string.Empty;
        if (credential.Length == 0)
        {
            return CallerKind.Rejected;
        }

        if (apiPath.StartsWith("/app", StringComparison.Ordinal))
        {
            return header.StartsWith("Bearer ", StringComparison.Ordinal) && await IsValidAppJwtAsync(credential).ConfigureAwait(false) ? CallerKind.App : CallerKind.Rejected;
        }

        if (IsGraphQl(apiPath))
        {
            // GraphQL names its repository in the query; any live installation token may ask, and the query answers for its own repositories.
            lock (gate)
            {
                return tokens.TryGetValue(credential, out var token) && token.ExpiresAt > DateTimeOffset.UtcNow ? CallerKind.Installation : CallerKind.Rejected;
            }
        }

        var segments = apiPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || segments[0] != "repos")
        {
            return CallerKind.Rejected;
        }

        lock (gate)
        {
            var repository = Find(segments[1], segments[2]);
            return repository is not null
                && tokens.TryGetValue(credential, out var token)
                && token.InstallationId == repository.InstallationId
                && token.ExpiresAt > DateTimeOffset.UtcNow
                ? CallerKind.Installation
                : CallerKind.Rejected;
        }
    }

    /// <summary>GitHub's rules for App JWTs: RS256 signed by the App's key, <c>iss</c> the App id, issued in the past, expiring within ten minutes.</summary>
    private async Task<bool> IsValidAppJwtAsync(string jwt)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(appKey.ExportParameters(includePrivateParameters: false)),
            ValidIssuer = AppId.ToString(CultureInfo.InvariantCulture),
            ValidateAudience = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        }).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return false;
        }

        var now = DateTimeOffset.UtcNow;
        return token.TryGetPayloadValue<long>("iat", out var issuedAt)
            && DateTimeOffset.FromUnixTimeSeconds(issuedAt) <= now.AddSeconds(30)
            && token.ValidTo <= now.AddMinutes(10).UtcDateTime.AddSeconds(30);
    }

    private FakeRepository? Find(string owner, string name) =>
        repositories.FirstOrDefault(repository =>
            string.Equals(repository.Owner, owner, StringComparison.OrdinalIgnoreCase) && string.Equals(repository.Name, name, StringComparison.OrdinalIgnoreCase));

    private static Task WriteJsonAsync(HttpContext context, int status, object value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value, Json));
    }

    /// <summary>An answer the test asked for in place of the real one; no <see cref="Status"/> means the real answer, late by <see cref="Delay"/>.</summary>
    private sealed class Fault(string method, string pathPrefix, int? Status, IReadOnlyDictionary<string, string> headers, int times)
    {
        public string Method { get; } = method;
        public string PathPrefix { get; } = pathPrefix;
        public int? Status { get; } = Status;
        public TimeSpan Delay { get; init; }
        public string? Message { get; init; }
        public IReadOnlyDictionary<string, string> Headers { get; } = headers;
        public int Remaining { get; set; } = times;
    }
}
