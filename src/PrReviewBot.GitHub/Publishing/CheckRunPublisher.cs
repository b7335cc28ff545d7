using System.Globalization;
using Microsoft.Extensions.Logging;
using Octokit;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.GitHub.Publishing;

/// <summary>
/// The check run named PrReviewBot: pass or fail from <c>fail_on</c>, annotations on the 50 most severe findings
/// (what one request may carry; the rest are counted in its summary), and never <c>success</c> while a file of a supported
/// language went unreviewed.
/// </summary>
public sealed partial class CheckRunPublisher
{
    public const string Name = ToolInfo.Name;

    private readonly ILogger<CheckRunPublisher> logger;

    public CheckRunPublisher(ILogger<CheckRunPublisher> logger)
    {
        this.logger = logger;
    }

    public static CheckConclusion Conclusion(ReviewResult result, ReviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        if (result.Fails(options.FailOn))
        {
            return CheckConclusion.Failure;
        }

        var unreviewed = result.Coverage.Skipped.Any(file => file.IsGap) || result.Coverage.Problems.Count > 0;
        return unreviewed ? CheckConclusion.Neutral : CheckConclusion.Success;
    }

    /// <summary>Creates the check run; returns its id, or null when the App may not write checks (the review itself still stands).</summary>
    public async Task<long?> PublishAsync(InstallationClient installation, PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(request);
        var pull = request.PullRequest;
        var target = pull.Target;
        var result = request.Result;
        var title = Title(result);

        // One request carries at most 50 annotations, and a review must stay within a few requests however many
        // findings it has: the most severe are annotated, and the summary says how many more there are.
        var annotated = result.Findings.OrderByDescending(finding => finding.Severity)
            .ThenBy(finding => finding.Path, StringComparer.Ordinal)
            .ThenBy(finding => finding.StartLine)
            .Take(GitHubLimits.AnnotationsPerRequest)
            .Select(Annotation)
            .ToList();
        var notices = result.Findings.Count > annotated.Count
            ? [.. pull.Notices, string.Create(CultureInfo.InvariantCulture, $"{result.Findings.Count - annotated.Count} more finding{(result.Findings.Count - annotated.Count == 1 ? " is" : "s are")} not annotated (a check run takes {GitHubLimits.AnnotationsPerRequest} at once); the summary comment on the pull request lists every finding.")]
            : pull.Notices;
        var summary = GitHubLimits.Fit(SummaryWriter.Write(result, new SummaryContext(EngineTime: request.EngineTime, MaxExamplesPerGroup: pull.Options.MaxExamplesPerGroup) { Notices = notices }));
        try
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Names this publication's run among the runs of the commit, should the answer to creating it be lost.
            var externalId = string.Create(CultureInfo.InvariantCulture, $"{Name}:{pull.HeadSha}:{Guid.NewGuid():N}");
            var run = await CreateOnce.RunAsync(
                () => installation.Client.Check.Run.Create(target.Owner, target.Repository, new NewCheckRun(Name, pull.HeadSha)
                {
                    ExternalId = externalId,
                    Status = CheckStatus.Completed,
                    Conclusion = Conclusion(result, pull.Options),
                    Output = new NewCheckRunOutput(title, summary) { Annotations = annotated.Count > 0 ? annotated : null },
                }),
                async () => (await installation.Client.Check.Run.GetAllForReference(target.Owner, target.Repository, pull.HeadSha, new CheckRunRequest { CheckName = Name }).ConfigureAwait(false))
                    .CheckRuns.FirstOrDefault(candidate => candidate.ExternalId == externalId),
                (exception, attempt) => LogAnswerLost(logger, target.ToString(), attempt, exception.Message),
                cancellationToken).ConfigureAwait(false);
            return run.Id;
        }
        catch (ForbiddenException exception) when (exception is not RateLimitExceededException and not SecondaryRateLimitExceededException)
        {
            LogChecksForbidden(logger, target.ToString(), exception.Message);
            return null;
        }
        catch (ApiException exception) when (exception.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.UnprocessableEntity)
        {
            // The review and the summary are already posted; a check run GitHub will not take is not worth failing the job for.
            LogCheckRefused(logger, target.ToString(), (int)exception.StatusCode, exception.Message);
            return null;
        }
    }

    private static string Title(ReviewResult result)
    {
        var security = result.Security.Count();
        var suggestions = result.Suggestions.Count();
        var lead = security switch
        {
            0 when result.SecurityComplete => "No security defects",
            0 => "No security defects in the reviewed files",
            1 => "1 security defect",
            _ => string.Create(CultureInfo.InvariantCulture, $"{security} security defects"),
        };
        return suggestions == 0 ? lead : string.Create(CultureInfo.InvariantCulture, $"{lead}, {suggestions} suggestion{(suggestions == 1 ? string.Empty : "s")}");
    }

    private static NewCheckRunAnnotation Annotation(Finding finding) =>
        new(finding.Path, finding.StartLine, finding.EndLine, Level(finding.Severity), finding.Message)
        {
            Title = $"{finding.Rule.Title} ({finding.Rule.Id})",
        };

    private static CheckAnnotationLevel Level(Severity severity) => severity switch
    {
        Severity.Error => CheckAnnotationLevel.Failure,
        Severity.Warning => CheckAnnotationLevel.Warning,
        _ => CheckAnnotationLevel.Notice,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to creating the check run on {PullRequest} was lost (attempt {Attempt}: {Reason}); looking for it before creating it again")]
    private static partial void LogAnswerLost(ILogger logger, string pullRequest, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The App may not write check runs on {PullRequest} ({Reason}); grant 'Checks: write' to get one")]
    private static partial void LogChecksForbidden(ILogger logger, string pullRequest, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub refused the check run on {PullRequest} with {Status} ({Reason}); the review itself is posted")]
    private static partial void LogCheckRefused(ILogger logger, string pullRequest, int status, string reason);
}
