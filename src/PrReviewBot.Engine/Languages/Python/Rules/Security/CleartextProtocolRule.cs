using System.Net;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// Data sent over a protocol without encryption: Telnet and FTP clients, an SMTP session that
/// never calls <c>starttls()</c>, and <c>http://</c>/<c>ftp://</c> URLs that an HTTP client is
/// given. A URL string alone is not judged (namespaces, docs and links are not requests), and
/// neither is a request to this machine or an internal host name.
/// </summary>
public sealed class CleartextProtocolRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/cleartext-protocol",
        "Unencrypted network protocol",
        Category.Security,
        Severity.Error,
        "Anyone on the network path can read and change what is sent without TLS: credentials, session cookies, personal data, and the response this code trusts.",
        "Use the encrypted form: `https://`, `ftplib.FTP_TLS` or SFTP, SSH instead of Telnet, `smtplib.SMTP_SSL` or `starttls()` before `login()`.");

    /// <summary>Client calls and the position (and keyword) of the URL they are given.</summary>
    private static readonly Dictionary<string, (int Position, string Keyword)> UrlCalls = BuildUrlCalls();

    private static readonly HashSet<string> HttpMethods = new(StringComparer.Ordinal)
    {
        "get", "post", "put", "delete", "patch", "head", "options",
    };

    /// <summary>Constructors of session objects whose methods send requests.</summary>
    private static readonly HashSet<string> Sessions = new(StringComparer.Ordinal)
    {
        "requests.Session", "requests.session", "requests.sessions.Session", "httpx.Client", "httpx.AsyncClient",
        "aiohttp.ClientSession", "urllib3.PoolManager", "urllib3.poolmanager.PoolManager",
    };

    /// <summary>How far above a request the literal of its URL may be and still be shown with it.</summary>
    private const int UrlReach = 3;

    /// <summary>Clients judged by their callee alone, in <see cref="Analyze"/>'s switch.</summary>
    private static readonly HashSet<string> Clients = new(StringComparer.Ordinal)
    {
        "telnetlib.Telnet", "telnetlib3.open_connection", "ftplib.FTP", "smtplib.SMTP", "urllib3.HTTPConnectionPool", "urllib3.connectionpool.HTTPConnectionPool",
        "http.client.HTTPConnection", "httplib.HTTPConnection",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            // The URL a request is given may be written a few lines above it; other findings lie on the call's own statement.
            if (!context.TouchesChange(call.Line - UrlReach, call.Line))
            {
                continue;
            }

            // Only clients are parsed: parsing every call of the module costs more than the rest of the rule.
            var resolved = module.Values.Resolve(call);
            var slot = UrlSlot(context, call, resolved);
            if ((slot is null && !Clients.Contains(resolved)) || module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            switch (resolved)
            {
                case "telnetlib.Telnet" or "telnetlib3.open_connection":
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}` talks Telnet, which sends logins and commands unencrypted; use SSH (for example `paramiko` or `asyncssh`).");
                    continue;
                case "ftplib.FTP":
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}` talks plain FTP, which sends the password and files unencrypted; use `ftplib.FTP_TLS` (and call `prot_p()`) or SFTP.");
                    continue;
                case "smtplib.SMTP" when !IsLocal(module.Values.ConstantString(parsed.Argument(0, "host"), call.Scope)) && NeverStartsTls(context, call):
                    context.Report(this, call.Line, call.Line, $"The `{call.Callee}` session never calls `starttls()`, so the login and mail go unencrypted; call `starttls()` before `login()`, or use `smtplib.SMTP_SSL`.", Severity.Warning);
                    continue;
                case "urllib3.HTTPConnectionPool" or "urllib3.connectionpool.HTTPConnectionPool" or "http.client.HTTPConnection" or "httplib.HTTPConnection"
                    when module.Values.ConstantString(parsed.Argument(0, "host"), call.Scope) is { Length: > 0 } host && !IsLocal(host) && !IsInternal(host):
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}` connects to `{host}` over plain HTTP; use the HTTPS variant (`HTTPSConnectionPool`, `HTTPSConnection`).");
                    continue;
                default:
                    break;
            }

            if (slot is not var (position, keyword) || parsed.Argument(position, keyword) is not { } url || CleartextUrl(context, url, call.Scope) is not var (text, literalLine))
            {
                continue;
            }

            var scheme = text.StartsWith("ftp", StringComparison.OrdinalIgnoreCase) ? "FTP" : "HTTP";
            var credentials = parsed.Keyword("auth") is not null ? " with credentials" : string.Empty;
            var start = literalLine < call.Line && call.Line - literalLine <= UrlReach ? literalLine : call.Line;
            context.Report(this, start, call.Line, $"`{call.Callee}` sends a request{credentials} to `{Shorten(text)}` over plain {scheme}; use `{(scheme == "FTP" ? "ftps://` or SFTP" : "https://`")} instead.");
        }
    }

    /// <summary>Where a request call takes its URL (position and keyword), read from its callee alone so that only requests are parsed; null for other calls.</summary>
    private static (int Position, string Keyword)? UrlSlot(PythonRuleContext context, PythonCall call, string resolved)
    {
        if (UrlCalls.TryGetValue(resolved, out var known))
        {
            return known;
        }

        var dot = resolved.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        // Most calls are neither requests nor session methods: tell by the method name before cutting the callee up.
        var method = resolved.AsSpan(dot + 1);
        if (!HttpMethodNames.Contains(method) && method is not ("request" or "open" or "retrieve" or "urlopen"))
        {
            return null;
        }

        var receiver = resolved[..dot];
        if (receiver.EndsWith("()", StringComparison.Ordinal) && !Sessions.Contains(receiver[..^2])
            && !(receiver[..^2] is "urllib.request.URLopener" or "urllib.request.FancyURLopener" or "urllib.request.OpenerDirector" or "urllib.request.build_opener"))
        {
            return null;
        }

        if (!receiver.EndsWith("()", StringComparison.Ordinal))
        {
            // `with requests.Session() as session:` binds the session without an assignment.
            if (receiver.Contains('.', StringComparison.Ordinal) || WithTarget(context.Module, receiver, call) is not { } bound)
            {
                return null;
            }

            receiver = bound;
            if (!Sessions.Contains(receiver))
            {
                return null;
            }
        }

        return method switch
        {
            _ when HttpMethodNames.Contains(method) => (0, "url"),
            "request" => (1, "url"),
            "open" or "retrieve" when receiver.StartsWith("urllib.request.", StringComparison.Ordinal) => (0, "fullurl"),
            "urlopen" => (1, "url"),
            _ => null,
        };
    }

    /// <summary><see cref="HttpMethods"/> asked with a slice of a callee, without cutting it out.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> HttpMethodNames = HttpMethods.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>What <c>with X(...) as name:</c> around the call binds <paramref name="name"/> to: the resolved callee of X.</summary>
    private static string? WithTarget(PythonModule module, string name, PythonCall call)
    {
        foreach (var statement in module.Statements)
        {
            if (statement.Keyword != "with" || !ReferenceEquals(statement.Scope, call.Scope) || statement.Line > call.Line || statement.EndLine < call.Line
                || module.Values.Of(statement) is not PyCall opened || opened.Function.DottedName is not { } callee)
            {
                continue;
            }

            for (var i = statement.FirstToken; i < statement.LastToken; i++)
            {
                if (module.Tokens[i].IsName("as") && module.Tokens[i + 1].IsName(name))
                {
                    return module.Values.Resolve(callee, call.Scope, call.Line);
                }
            }
        }

        return null;
    }

    /// <summary>The clear-text URL an argument holds (a literal, a name assigned one, a parameter defaulting to one, or a string built on one), and the line of its literal.</summary>
    private static (string Text, int Line)? CleartextUrl(PythonRuleContext context, PyExpr argument, PythonDefinition? scope)
    {
        var module = context.Module;
        var value = argument;
        var line = argument.Line;
        if (argument is PyName name)
        {
            var assignments = module.Values.AssignmentsVisible(name.Id, scope, name.Line);
            if (assignments.Count == 1 && module.Values.Of(assignments[0]) is { } assigned)
            {
                value = assigned;
                line = ReferenceEquals(assignments[0].Scope, scope) ? assignments[0].Line : argument.Line;
            }
            else if (assignments.Count == 0 && Parameter(scope, name.Id) is { Default: { } fallback } parameter
                && PythonExpressionParser.ParseText(fallback, parameter.Line) is { } parsedDefault)
            {
                value = parsedDefault;
                line = parameter.Line;
            }
        }

        var text = module.Values.ConstantString(value, scope);
        if (text is null && PythonValues.Pieces(value) is [PyString first, ..] && first.Value.Length > 8 && first.Value.IndexOf('/', 8) > 0)
        {
            // "http://api.example.org/" + path: the host is fixed even though the path is not.
            text = first.Value;
        }

        return text is not null && IsCleartext(text) ? (text, line) : null;
    }

    private static PythonParameter? Parameter(PythonDefinition? scope, string name) =>
        scope is { Kind: PythonDefinitionKind.Function } function ? function.Parameters.FirstOrDefault(parameter => parameter.Name == name) : null;

    private static bool IsCleartext(string url)
    {
        var trimmed = url.Trim();
        string rest;
        if (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            rest = trimmed[7..];
        }
        else if (trimmed.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase))
        {
            rest = trimmed[6..];
        }
        else
        {
            return false;
        }

        var end = rest.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? rest : rest[..end];
        var at = authority.LastIndexOf('@');
        var host = at < 0 ? authority : authority[(at + 1)..];
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? host : host[..(close + 1)];
        }
        else if (host.Count(character => character == ':') == 1)
        {
            host = host[..host.IndexOf(':', StringComparison.Ordinal)];
        }

        return host.Length > 0 && !host.Contains('{', StringComparison.Ordinal) && !host.Contains('%', StringComparison.Ordinal) && !IsLocal(host) && !IsInternal(host);
    }

    /// <summary>This machine: nothing crosses a network.</summary>
    private static bool IsLocal(string? host)
    {
        if (host is null)
        {
            return false;
        }

        var name = host.Trim().Trim('[', ']').ToLowerInvariant();
        if (name is "localhost" or "0.0.0.0" or "::1" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return true;
        }

        return IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Hosts that only resolve inside a private network: single-label service names, internal zones, private and link-local addresses.</summary>
    private static bool IsInternal(string host)
    {
        var name = host.Trim().Trim('[', ']').ToLowerInvariant();
        if (IPAddress.TryParse(name, out var address))
        {
            var bytes = address.GetAddressBytes();
            return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                ? bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and < 32) || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 169 && bytes[1] == 254)
                : address.IsIPv6LinkLocal || address.IsIPv6UniqueLocal;
        }

        return !name.Contains('.', StringComparison.Ordinal) || name.EndsWith(".internal", StringComparison.Ordinal) || name.EndsWith(".local", StringComparison.Ordinal)
            || name.EndsWith(".lan", StringComparison.Ordinal) || name.EndsWith(".svc", StringComparison.Ordinal);
    }

    /// <summary>True when no <c>starttls()</c> is called on the name the session is assigned to, in the same function; sessions passed on unnamed are not judged.</summary>
    private static bool NeverStartsTls(PythonRuleContext context, PythonCall call)
    {
        var module = context.Module;
        var assignment = module.Assignments.FirstOrDefault(candidate => candidate.Line == call.Line && ReferenceEquals(candidate.Scope, call.Scope));
        string? name = null;
        if (assignment is { Targets.Count: 1 } && assignment.Targets[0].Kind is PythonTargetKind.Name or PythonTargetKind.Attribute)
        {
            name = assignment.Targets[0].Text;
        }
        else
        {
            foreach (var statement in module.Statements)
            {
                if (statement.Keyword == "with" && statement.Line == call.Line)
                {
                    for (var i = statement.FirstToken; i < statement.LastToken; i++)
                    {
                        if (module.Tokens[i].IsName("as") && module.Tokens[i + 1].Kind == PythonTokenKind.Name)
                        {
                            name = module.Tokens[i + 1].Text;
                        }
                    }
                }
            }
        }

        if (name is null)
        {
            return false;
        }

        return !module.Calls.Any(other => other.Name == "starttls" && string.Equals(other.Callee, name + ".starttls", StringComparison.Ordinal)
            && (ReferenceEquals(other.Scope, call.Scope) || name.StartsWith("self.", StringComparison.Ordinal)));
    }

    private static string Shorten(string url) => url.Length <= 60 ? url : url[..57] + "...";

    private static Dictionary<string, (int Position, string Keyword)> BuildUrlCalls()
    {
        var calls = new Dictionary<string, (int Position, string Keyword)>(StringComparer.Ordinal);
        foreach (var client in new[] { "requests", "httpx", "requests.api" })
        {
            foreach (var method in new[] { "get", "post", "put", "delete", "patch", "head", "options" })
            {
                calls[client + "." + method] = (0, "url");
            }

            calls[client + ".request"] = (1, "url");
            calls[client + ".stream"] = (1, "url");
        }

        calls["requests.Request"] = (1, "url");
        calls["httpx.Request"] = (1, "url");
        calls["urllib.request.urlopen"] = (0, "url");
        calls["urllib.request.Request"] = (0, "url");
        calls["urllib.request.urlretrieve"] = (0, "url");
        calls["urllib.urlopen"] = (0, "url");
        calls["urllib.urlretrieve"] = (0, "url");
        calls["urllib2.urlopen"] = (0, "url");
        calls["urllib2.Request"] = (0, "url");
        return calls;
    }
}
