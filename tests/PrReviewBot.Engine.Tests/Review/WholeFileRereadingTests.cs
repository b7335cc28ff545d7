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

    [Fact]
    public void An_added_member_without_docs_is_reported_alike_when_its_rule_reads_only_the_change_and_the_names_it_found()
    {
        const string before = """
            namespace App;

            /// <summary>Stores projects.</summary>
            public sealed class ProjectStore
            {
                /// <summary>Loads one.</summary>
                public void Load(string name) { }

                public void Save(string name) { }

                /// <summary>Deletes one.</summary>
                public void Delete(string name) { }

                /// <summary>Renames one.</summary>
                public void Rename(string name) { }
            }
            """;
        var after = before.Replace(
            "    public void Save(string name) { }\n",
            "    public void Save(string name) { }\n\n    public void Archive(string name) { }\n\n    public void Save(string name, bool overwrite) { }\n",
            StringComparison.Ordinal);

        var findings = BothScopes(BaseChanges.Modified("src/ProjectStore.cs", before, after));

        // The overload of an undocumented method the base already had is not the change's to document.
        Assert.Equal(["11-11 cs/missing-xml-docs Public method `ProjectStore.Archive` has no XML documentation."], findings);
    }

    [Fact]
    public void A_rule_that_reports_the_lookalikes_of_its_added_findings_itself_is_not_run_again_on_the_whole_file()
    {
        var rereading = new AddedLineRule("test/rereading", reportsLookalikes: false);
        var itself = new AddedLineRule("test/itself", reportsLookalikes: true);
        const string before = "namespace App;\n\npublic static class Sums\n{\n    public static int One() => 1;\n}\n";
        var after = before.Replace("=> 1;\n", "=> 1;\n\n    public static int Two() => 2;\n", StringComparison.Ordinal);

        new ReviewEngine(new Engine.Languages.CSharp.CSharpAnalyzer([rereading, itself]))
            .Review(new PullRequestSnapshot([BaseChanges.Modified("src/Sums.cs", before, after)]), ReviewOptions.Default with { Scope = AnalysisScope.ChangedCode });

        Assert.Equal([false, true], rereading.HeadReadWhole);
        Assert.Equal([false], itself.HeadReadWhole);
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

    /// <summary>Reports the first added line, and notes whether each reading of the head (not of the base) was of the whole file.</summary>
    private sealed class AddedLineRule(string id, bool reportsLookalikes) : Engine.Languages.CSharp.CSharpRule
    {
        public override RuleDescriptor Descriptor { get; } = new(id, "Added line", Category.Comments, Severity.Note, "For tests.", "None.");

        public override bool ReportsLookalikesOfAddedFindings => reportsLookalikes;

        public System.Collections.Concurrent.ConcurrentQueue<bool> HeadReadWhole { get; } = new();

        public override void Analyze(Engine.Languages.CSharp.CSharpRuleContext context)
        {
            if (context.Text.ToString().Contains("Two()", StringComparison.Ordinal))
            {
                HeadReadWhole.Enqueue(context.AnalyzesWholeFile);
            }

            if (context.ChangedLines.Added.Count > 0)
            {
                var line = context.ChangedLines.Added.Min();
                context.Report(this, context.Text.Lines[line - 1].Span, "An added line.");
            }
        }
    }
}
