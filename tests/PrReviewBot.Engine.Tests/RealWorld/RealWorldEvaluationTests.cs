using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Languages;
using Xunit.Abstractions;

namespace PrReviewBot.Engine.Tests.RealWorld;

/// <summary>
/// Real merged changes of public C# and Python repositories, reviewed as the CLI's <c>--git</c>
/// reviews them, against judgements made by reading each finding (see README.md in this folder).
/// </summary>
public sealed class RealWorldEvaluationTests(ITestOutputHelper output)
{
    private static RealWorldEvaluation Evaluation => RealWorldEvaluation.Current;

    [Fact]
    public void The_set_holds_a_hundred_and_fifty_merged_changes_of_eighteen_repositories_in_both_languages()
    {
        var cases = Evaluation.Cases;
        var repositories = cases.GroupBy(@case => @case.Repository).ToList();

        Assert.True(cases.Count >= 150, $"{cases.Count} cases");
        Assert.True(repositories.Count >= 18, $"{repositories.Count} repositories");
        Assert.True(cases.Count(@case => @case.MainLanguage == SourceLanguage.CSharp) >= 75, "fewer than 75 C# changes");
        Assert.True(cases.Count(@case => @case.MainLanguage == SourceLanguage.Python) >= 75, "fewer than 75 Python changes");
        Assert.All(cases, @case => Assert.Contains(@case.Licence, new[] { "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause" }));
    }

    [Fact]
    public void Every_changed_text_file_comes_with_its_head_and_base_versions()
    {
        var missing = Evaluation.Cases
            .SelectMany(@case => @case.Snapshot.Files
                .Where(file => !file.IsBinary && file.Status != ChangeStatus.Deleted)
                .Where(file => file.NewContent is null || (file.Status != ChangeStatus.Added && file.OldContent is null))
                .Select(file => $"{@case.Repository}@{@case.ShortCommit} {file.Path}"))
            .ToList();

        Assert.True(missing.Count == 0, "cases miss file versions:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void No_finding_judged_wrong_or_preexisting_comes_back()
    {
        var rejected = Evaluation.Rejected.ToList();

        Assert.True(
            rejected.Count == 0,
            $"{rejected.Count} findings were judged wrong or pre-existing:\n"
            + string.Join('\n', rejected.Select(finding =>
                $"- {finding.Location} {finding.Key.Rule} ({Judgement.Name(finding.Verdict)}): {finding.Judgement!.Reason}\n    {finding.Finding.Message}")));
    }

    [Fact]
    public void Every_finding_has_a_judgement()
    {
        var unjudged = Evaluation.Unjudged.DistinctBy(finding => finding.Key).ToList();

        Assert.True(
            unjudged.Count == 0,
            $"{unjudged.Count} findings have no judgement. Read each one, fill in verdict and reason and add the lines to RealWorld/judgments.tsv "
            + $"(or set {RealWorldEvaluation.DumpVariable}=FOLDER and start from FOLDER/findings.tsv):\n"
            + string.Join('\n', unjudged.Select(finding => $"# {finding.Location}: {finding.Finding.Message}\n{finding.ToLine()}")));
    }

    [Fact]
    public void Reports_precision_per_rule()
    {
        output.WriteLine(Evaluation.PrecisionMarkdown());
        if (Evaluation.Stale.Count > 0)
        {
            output.WriteLine($"{Evaluation.Stale.Count} judgements match no current finding (remove them when re-judging):");
            foreach (var judgement in Evaluation.Stale)
            {
                output.WriteLine(judgement.ToLine());
            }
        }

        Assert.NotEmpty(Evaluation.Cases);
    }
}
