using System.Diagnostics;
using System.Globalization;
using System.Text;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Tests.RealWorld;

/// <summary>
/// Every stored real change reviewed by today's engine, each finding matched to its judgement.
/// Computed once per test run; with <c>PRREVIEWBOT_REALWORLD_DUMP=FOLDER</c> it also writes
/// <c>findings.tsv</c> (every current finding, judged or not, ready to become <c>judgments.tsv</c>)
/// <c>precision.md</c> and <c>timings.tsv</c> (review time per case, slowest first) there.
/// </summary>
public sealed class RealWorldEvaluation
{
    public const string DumpVariable = "PRREVIEWBOT_REALWORLD_DUMP";

    private static readonly Lazy<RealWorldEvaluation> Shared = new(Run);

    private readonly IReadOnlyList<(RealWorldCase Case, TimeSpan Time)> timings;

    private RealWorldEvaluation(
        IReadOnlyList<RealWorldCase> cases,
        IReadOnlyList<JudgedFinding> findings,
        IReadOnlyList<Judgement> stale,
        IReadOnlyList<(RealWorldCase Case, TimeSpan Time)> timings)
    {
        Cases = cases;
        Findings = findings;
        Stale = stale;
        this.timings = timings;
    }

    public static RealWorldEvaluation Current => Shared.Value;

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "RealWorld");

    public IReadOnlyList<RealWorldCase> Cases { get; }

    public IReadOnlyList<JudgedFinding> Findings { get; }

    /// <summary>Judgements no finding matches any more (a rule stopped reporting, or the flagged code changed).</summary>
    public IReadOnlyList<Judgement> Stale { get; }

    public IEnumerable<JudgedFinding> Unjudged => Findings.Where(finding => finding.Judgement is null);

    public IEnumerable<JudgedFinding> Rejected => Findings.Where(finding => finding.Verdict is Verdict.Wrong or Verdict.Preexisting);

    private static RealWorldEvaluation Run()
    {
        var cases = RealWorldCase.LoadAll(Path.Combine(Folder, "Cases"));
        var judgements = Judgement.ReadAll(Path.Combine(Folder, "judgments.tsv"));
        var byKey = judgements.GroupBy(judgement => judgement.Key).ToDictionary(group => group.Key, group => group.First());
        var engine = new ReviewEngine();

        // The engine is pure, so the cases are reviewed side by side to keep the test short. Each
        // case is timed so that a change whose huge files slow the whole run can be spotted.
        var reviews = cases
            .AsParallel()
            .AsOrdered()
            .Select(@case =>
            {
                var clock = Stopwatch.StartNew();
                var result = engine.Review(@case.Snapshot, @case.Options);
                return (@case, result.Findings, clock.Elapsed);
            })
            .ToList();
        var findings = reviews
            .SelectMany(review => review.Findings.Select(finding => (review.@case, finding)))
            .Select(pair => (pair.@case, pair.finding, key: FindingKey.Of(pair.@case, pair.finding)))
            .Select(item => new JudgedFinding(item.@case, item.finding, item.key, byKey.GetValueOrDefault(item.key)))
            .ToList();

        var matched = findings.Select(finding => finding.Key).ToHashSet();
        var evaluation = new RealWorldEvaluation(
            cases,
            findings,
            [.. judgements.Where(judgement => !matched.Contains(judgement.Key))],
            [.. reviews.Select(review => (review.@case, review.Elapsed))]);
        if (Environment.GetEnvironmentVariable(DumpVariable) is { Length: > 0 } dump)
        {
            evaluation.Dump(dump);
        }

        return evaluation;
    }

    /// <summary>Every current finding as judgements-file lines, one per key, in a stable order.</summary>
    public IEnumerable<string> FindingLines() =>
        Findings
            .DistinctBy(finding => finding.Key)
            .OrderBy(finding => finding.Key.Repository, StringComparer.Ordinal)
            .ThenBy(finding => finding.Key.Commit, StringComparer.Ordinal)
            .ThenBy(finding => finding.Key.Path, StringComparer.Ordinal)
            .ThenBy(finding => finding.Finding.StartLine)
            .ThenBy(finding => finding.Key.Rule, StringComparer.Ordinal)
            .Select(finding => finding.ToLine());

    /// <summary>Per-rule precision as a markdown table, followed by the wrong and pre-existing findings with their reasons.</summary>
    public string PrecisionMarkdown()
    {
        var text = new StringBuilder();
        var csharp = Cases.Count(@case => @case.MainLanguage == SourceLanguage.CSharp);
        var python = Cases.Count(@case => @case.MainLanguage == SourceLanguage.Python);
        text.AppendLine(CultureInfo.InvariantCulture, $"{Cases.Count} merged changes ({csharp} C#, {python} Python) from {Cases.Select(@case => @case.Repository).Distinct().Count()} repositories; {Findings.Count} findings.");
        text.AppendLine();
        text.AppendLine("| Rule | Findings | correct | nit | wrong | pre-existing | unjudged | correct or nit |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var rule in Findings.GroupBy(finding => finding.Key.Rule).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            text.AppendLine(Row($"`{rule.Key}`", [.. rule]));
        }

        text.AppendLine(Row("**all rules**", Findings));
        var rejected = Rejected.ToList();
        if (rejected.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Wrong and pre-existing findings:");
            text.AppendLine();
            foreach (var finding in rejected.OrderBy(finding => finding.Key.Rule, StringComparer.Ordinal).ThenBy(finding => finding.Location, StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- `{finding.Key.Rule}` {Judgement.Name(finding.Verdict)}, {finding.Location}: {finding.Judgement!.Reason}");
            }
        }

        return text.ToString();
    }

    private static string Row(string name, IReadOnlyCollection<JudgedFinding> findings)
    {
        int Count(Verdict? verdict) => findings.Count(finding => finding.Verdict == verdict);
        var judged = findings.Count - Count(null);
        var good = Count(Verdict.Correct) + Count(Verdict.Nit);
        var share = judged == 0 ? "–" : (100.0 * good / judged).ToString("0", CultureInfo.InvariantCulture) + " %";
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {findings.Count} | {Count(Verdict.Correct)} | {Count(Verdict.Nit)} | {Count(Verdict.Wrong)} | {Count(Verdict.Preexisting)} | {Count(null)} | {share} |");
    }

    private void Dump(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "findings.tsv"), [Judgement.Header, .. FindingLines()]);
        File.WriteAllText(Path.Combine(folder, "precision.md"), PrecisionMarkdown());
        File.WriteAllLines(
            Path.Combine(folder, "timings.tsv"),
            ["repo\tcommit\tfiles\tmilliseconds", .. timings
                .OrderByDescending(timing => timing.Time)
                .Select(timing => string.Create(
                    CultureInfo.InvariantCulture,
                    $"{timing.Case.Repository}\t{timing.Case.ShortCommit}\t{timing.Case.Snapshot.Files.Count}\t{timing.Time.TotalMilliseconds:0}"))]);
    }
}
