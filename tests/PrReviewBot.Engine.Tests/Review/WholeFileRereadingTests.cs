using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Tests.Review;

/// <summary>
/// Rules read only the changed code, but a file compared with its base version must get every finding
/// the whole reading gets: an unchanged copy of a flagged line claims its base finding, so the copy the
/// change added is still reported. A rule that reports on an added line is therefore run again on the whole file.
/// </summary>
public sealed class WholeFileRereadingTests
{
    private static readonly ReviewEngine Engine = new();

    [Fact]
    public void An_added_copy_of_a_weak_hash_is_reported_although_the_base_had_the_original()
    {
        const string before = """
            using System.Security.Cryptography;

            namespace App;

            public static class Digests
            {
                public static void Both(byte[] data, System.Collections.Generic.List<byte[]> sums)
                {
                    sums.Add(MD5.HashData(data));
                }
            }
            """;
        var after = before.Replace(
            "        sums.Add(MD5.HashData(data));",
            "        sums.Add(MD5.HashData(data));\n        sums.Add(MD5.HashData(data));",
            StringComparison.Ordinal);

        var findings = BothScopes(BaseChanges.Modified("src/Digests.cs", before, after));

        Assert.Contains(findings, finding => finding.StartsWith("10-10 cs/weak-hash", StringComparison.Ordinal));
    }

    [Fact]
    public void An_added_copy_of_a_leaked_secret_is_reported_although_the_base_had_the_original()
    {
        var secret = "sk_live_" + new string('q', 8) + "Zx81Lm2Pq7Rt4Vw9";
        var before = $"name: app\npayments_api_key: \"{secret}\"\nretries: 3\n";
        var after = $"name: app\npayments_api_key: \"{secret}\"\nretries: 3\npayments_api_key: \"{secret}\"\n";

        var findings = BothScopes(BaseChanges.Modified("deploy/app.yml", before, after));

        Assert.Contains(findings, finding => finding.StartsWith("4-4 text/leaked-secret", StringComparison.Ordinal));
    }

    private static List<string> BothScopes(ChangedFile file)
    {
        var snapshot = new PullRequestSnapshot([file]);
        var changedCode = Describe(Engine.Review(snapshot, ReviewOptions.Default with { Scope = AnalysisScope.ChangedCode }).Findings);
        var wholeFiles = Describe(Engine.Review(snapshot, ReviewOptions.Default with { Scope = AnalysisScope.WholeFiles }).Findings);
        Assert.Equal(wholeFiles, changedCode);
        return changedCode;
    }

    private static List<string> Describe(IEnumerable<Finding> findings) =>
        [.. findings.Select(finding => $"{finding.StartLine}-{finding.EndLine} {finding.Rule.Id} {finding.Message}")];
}
