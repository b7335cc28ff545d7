using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Benchmarks.SecuritySuites;

/// <summary>
/// Scores the engine's security findings against a labelled corpus built by <c>extract.py</c>:
/// per suite and language, the share of vulnerable lines a security finding covers (recall) and
/// the share of look-alike safe lines it covers (false alarms), then the same per family.
/// </summary>
public static class SecuritySuiteScorer
{
    /// <summary>Lines either side of a label whose findings the details list as "fired nearby".</summary>
    private const int Nearby = 3;

    public static int Run(string corpus, string? detailsPath)
    {
        var labels = LabelFile.Read(Path.Combine(corpus, "labels.tsv"));
        var files = labels.GroupBy(label => label.Case).OrderBy(group => group.Key, CaseKey.Comparer).ToList();
        var engine = new ReviewEngine();
        var results = new ConcurrentDictionary<CaseKey, CaseResult>();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var source = File.ReadAllText(Path.Combine(corpus, "cases", file.Key.Suite, file.Key.Language, file.Key.File));
            results[file.Key] = Review(engine, file.Key, source);
        });

        var outcomes = new List<Outcome>();
        foreach (var file in files)
        {
            var result = results[file.Key];
            foreach (var label in file.OrderBy(label => label.Line))
            {
                var covering = result.Findings.Where(finding => finding.StartLine <= label.EndLine && label.Line <= finding.EndLine).ToList();
                var nearby = result.Findings
                    .Where(finding => finding.StartLine <= label.EndLine + Nearby && label.Line - Nearby <= finding.EndLine)
                    .Select(finding => finding.Rule.Id)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal);
                var text = label.Line <= result.Lines.Length ? result.Lines[label.Line - 1].Trim() : string.Empty;
                outcomes.Add(new Outcome(label, covering.Count > 0, text, string.Join(",", nearby)));
            }
        }

        var output = Console.Out;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Count} files, {outcomes.Count} labelled lines, reviewed in {stopwatch.Elapsed.TotalSeconds:F1} s"));
        var testRole = results.Where(pair => pair.Value.Role != CodeRole.Product).Select(pair => pair.Key).ToList();
        if (testRole.Count > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{testRole.Count} files read by the engine as test or example code (from their content): their lines are scored all the same"));
        }

        output.WriteLine();
        WriteTable(output, "Per suite and language", outcomes, outcome => $"{outcome.Label.Case.Suite} {outcome.Label.Case.Language}");
        WriteTable(output, "Per language, all suites", outcomes, outcome => outcome.Label.Case.Language);
        foreach (var group in outcomes.GroupBy(outcome => $"{outcome.Label.Case.Suite} {outcome.Label.Case.Language}").OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            WriteTable(output, $"{group.Key} by family", [.. group], outcome => outcome.Label.Family);
        }

        if (detailsPath is not null)
        {
            WriteDetails(detailsPath, outcomes);
            output.WriteLine($"misses and false positives: {detailsPath}");
        }

        return 0;
    }

    private static CaseResult Review(ReviewEngine engine, CaseKey key, string source)
    {
        // A neutral product path: a test/ or fixtures/ folder (or a test-like name) would give the
        // file a test role, where the engine deliberately holds security findings back.
        var extension = key.Language == "python" ? ".py" : ".cs";
        var path = "src/app/" + Neutral(Path.GetFileNameWithoutExtension(key.File)) + extension;
        var result = engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile(path, source)]));
        var findings = result.Security.OrderBy(finding => finding.StartLine).ThenBy(finding => finding.Rule.Id, StringComparer.Ordinal).ToList();
        return new CaseResult(findings, source.Split('\n'), CodeRoles.Of(path, source));
    }

    private static string Neutral(string stem)
    {
        var name = new StringBuilder(stem.Length);
        foreach (var character in stem)
        {
            name.Append(char.IsAsciiLetterOrDigit(character) ? character : '_');
        }

        // Test-like endings and prefixes would make the file a test by its name.
        var text = name.ToString();
        foreach (var word in new[] { "test", "Test", "spec", "fixture", "Fixture" })
        {
            text = text.Replace(word, "case", StringComparison.Ordinal);
        }

        return "m_" + text;
    }

    private static void WriteTable(TextWriter output, string title, IReadOnlyCollection<Outcome> outcomes, Func<Outcome, string> key)
    {
        output.WriteLine($"## {title}");
        output.WriteLine();
        output.WriteLine("| group | vulnerable | hit | recall | safe | flagged | flagged % |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in outcomes.GroupBy(key).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            output.WriteLine(Row(group.Key, [.. group]));
        }

        if (outcomes.Select(key).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            output.WriteLine(Row("**all**", outcomes));
        }

        output.WriteLine();
    }

    private static string Row(string name, IReadOnlyCollection<Outcome> outcomes)
    {
        var vulnerable = outcomes.Count(outcome => outcome.Label.Vulnerable);
        var hit = outcomes.Count(outcome => outcome.Label.Vulnerable && outcome.Covered);
        var safe = outcomes.Count(outcome => !outcome.Label.Vulnerable);
        var flagged = outcomes.Count(outcome => !outcome.Label.Vulnerable && outcome.Covered);
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {vulnerable} | {hit} | {Percent(hit, vulnerable)} | {safe} | {flagged} | {Percent(flagged, safe)} |");
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:F1} %");

    private static void WriteDetails(string path, IEnumerable<Outcome> outcomes)
    {
        var details = new StringBuilder();
        details.Append("kind\tsuite\tlanguage\tfile\tline\tfamily\torigin_rule\trules_nearby\ttext\n");
        foreach (var outcome in outcomes.Where(outcome => outcome.Label.Vulnerable != outcome.Covered)
                     .OrderBy(outcome => outcome.Label.Vulnerable ? 0 : 1)
                     .ThenBy(outcome => outcome.Label.Case, CaseKey.Comparer)
                     .ThenBy(outcome => outcome.Label.Line))
        {
            var label = outcome.Label;
            details.Append(CultureInfo.InvariantCulture, $"{(label.Vulnerable ? "miss" : "false-positive")}\t{label.Case.Suite}\t{label.Case.Language}\t{label.Case.File}\t{label.Line}\t{label.Family}\t{label.OriginRule}\t{outcome.RulesNearby}\t{Clean(outcome.Text)}\n");
        }

        File.WriteAllText(path, details.ToString());
    }

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\r', ' ');

    private sealed record CaseResult(IReadOnlyList<Finding> Findings, string[] Lines, CodeRole Role);

    private sealed record Outcome(Label Label, bool Covered, string Text, string RulesNearby);
}
