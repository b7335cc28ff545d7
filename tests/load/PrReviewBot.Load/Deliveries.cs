using System.Globalization;
using System.Text;
using PrReviewBot.Server.Tests.EndToEnd;

namespace PrReviewBot.Load;

/// <summary>pull_request bodies for <c>acme/shop#N</c>, shaped as the end-to-end tests shape them (as GitHub does).</summary>
public static class Deliveries
{
    public const string Owner = GitHubAppScenario.Owner;
    public const string Repository = GitHubAppScenario.Name;
    public const long InstallationId = GitHubAppScenario.InstallationId;

    public static byte[] PullRequest(int number, string headSha) =>
        Encoding.UTF8.GetBytes(GitHubPayloads.PullRequest("synchronize", Owner, Repository, InstallationId, number, headSha));

    public static string Sha(int index) => index.ToString("x", CultureInfo.InvariantCulture).PadLeft(40, 'c');
}
