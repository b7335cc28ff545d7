using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Languages.Python;
using PrReviewBot.Engine.Languages.Text;

namespace PrReviewBot.Engine.Review;

/// <summary>
/// The one pipeline both front doors use: classify files, run the language analyzers, keep
/// findings that touch added lines, fingerprint them and order them as the summary reads.
/// Pure: no network, no clock, no GitHub types.
/// </summary>
public sealed class ReviewEngine
{
    private readonly CSharpAnalyzer csharp;
    private readonly PythonAnalyzer python;
    private readonly TextAnalyzer textAnalyzer;

    /// <param name="csharp">The C# analyzer; every C# rule by default.</param>
    /// <param name="text">The analyzer for every text file; every text rule by default, none when only a C# analyzer is given.</param>
    /// <param name="python">The Python analyzer; every Python rule by default, none when only a C# analyzer is given.</param>
    public ReviewEngine(CSharpAnalyzer? csharp = null, TextAnalyzer? text = null, PythonAnalyzer? python = null)
    {
        this.csharp = csharp ?? new CSharpAnalyzer();
        textAnalyzer = text ?? (csharp is null ? new TextAnalyzer() : new TextAnalyzer([]));
        this.python = python ?? (csharp is null ? new PythonAnalyzer() : new PythonAnalyzer([]));
    }

    /// <summary>Every rule the engine can run, ordered by id.</summary>
    public IReadOnlyList<RuleDescriptor> Rules =>
        [.. csharp.Rules.Select(rule => rule.Descriptor)
            .Concat(python.Rules.Select(rule => rule.Descriptor))
            .Concat(textAnalyzer.Rules.Select(rule => rule.Descriptor))
            .OrderBy(rule => rule.Id, StringComparer.Ordinal)];

    /// <summary>
    /// The languages whose files get a code review: those with at least one enabled security rule.
    /// A language without one is only text-checked, so the verdict never claims a review it did not do.
    /// </summary>
    private HashSet<SourceLanguage> ReviewedLanguages(ReviewOptions options)
    {
        var languages = new HashSet<SourceLanguage>();
        if (csharp.Rules.Any(rule => rule.Descriptor.Category == Category.Security && options.IsEnabled(rule.Descriptor)))
        {
            languages.Add(SourceLanguage.CSharp);
        }

        if (python.Rules.Any(rule => rule.Descriptor.Category == Category.Security && options.IsEnabled(rule.Descriptor)))
        {
            languages.Add(SourceLanguage.Python);
        }

        return languages;
    }

    public ReviewResult Review(PullRequestSnapshot snapshot, ReviewOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        options ??= ReviewOptions.Default;
        var exclusions = options.Exclude.Select(pattern => new GlobPattern(pattern)).ToArray();
        var projectFiles = ProjectFiles(snapshot);
        var editorConfigs = projectFiles
            .Where(pair => pair.Key.EndsWith(".editorconfig", StringComparison.Ordinal))
            .Select(pair => EditorConfigFile.Parse(pair.Key, pair.Value))
            .ToArray();

        var reviewed = new List<ReviewedFile>();
        var skipped = new List<SkippedFile>();
        var problems = new List<string>();
        var supported = ReviewedLanguages(options);
        var sources = new List<CSharpSource>();
        var pythonSources = new List<PythonSourceFile>();
        var textSources = new List<TextSource>();
        var textOnly = new List<TextCheckedFile>();
        var changedLines = new Dictionary<string, (ChangedLines Lines, string Text)>(StringComparer.Ordinal);
        var unchanged = 0;

        foreach (var file in snapshot.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.Status == ChangeStatus.Deleted)
            {
                continue;
            }

            var language = SourceLanguages.FromPath(file.Path) is { } detected && (supported.Contains(detected) || detected == SourceLanguage.CSharp)
                ? detected
                : (SourceLanguage?)null;
            var text = file.IsBinary ? null : file.NewContent ?? (file.Hunks.Count > 0 ? HunkText.RebuildNewFile(file.Hunks) : null);
            if (FileClassifier.SkipReason(file, text, options, exclusions) is { } reason)
            {
                skipped.Add(new SkippedFile(file.Path, reason, language));
                continue;
            }

            var lines = file.ChangedLines;
            if (text is null || (!lines.EveryLine && lines.Added.Count == 0))
            {
                unchanged++;
                continue;
            }

            changedLines[file.Path] = (lines, text);
            var role = CodeRoles.Of(file.Path, text);
            textSources.Add(new TextSource(file.Path, text, lines) { Role = role });
            if (language is null)
            {
                textOnly.Add(new TextCheckedFile(file.Path, FileClassifier.AddedLineCount(file, text)));
                continue;
            }

            var wholeFile = file.NewContent is not null || IsWholeNewFile(file);
            reviewed.Add(new ReviewedFile(file.Path, language.Value, FileClassifier.AddedLineCount(file, text), wholeFile));
            if (language == SourceLanguage.Python)
            {
                pythonSources.Add(new PythonSourceFile(file.Path, text, lines, wholeFile) { Role = role });
            }
            else
            {
                sources.Add(new CSharpSource(file.Path, text, lines, wholeFile, EditorConfigFile.Resolve(editorConfigs, file.Path)) { Project = CSharpProjectFacts.For(file.Path, projectFiles), Role = role });
            }
        }

        var raw = csharp.Analyze(sources, options, problems, cancellationToken)
            .Concat(python.Analyze(pythonSources, options, problems, cancellationToken))
            .Concat(textAnalyzer.Analyze(textSources, options, problems, cancellationToken))
            .ToList();
        var findings = Finalize(DropTextRepeats(raw), changedLines);
        var rules = Rules.Where(options.IsEnabled).ToArray();
        var coverage = new Coverage(reviewed, skipped, problems, unchanged) { TextOnly = textOnly, ReviewedLanguages = [.. supported.Order()] };
        return new ReviewResult(findings, coverage, rules, snapshot.HeadCommit);
    }

    /// <summary>
    /// A line a language rule already flags for security needs no second, text-rule finding
    /// (a GitHub token in a C# string is both a hard-coded secret and a leaked one): say it once.
    /// </summary>
    private static List<RawFinding> DropTextRepeats(List<RawFinding> raw)
    {
        var languageSecurity = raw
            .Where(finding => finding.Rule.Category == Category.Security && !finding.Rule.Id.StartsWith("text/", StringComparison.Ordinal))
            .Select(finding => (finding.Path, finding.StartLine))
            .ToHashSet();
        return [.. raw.Where(finding => !(finding.Rule.Id.StartsWith("text/", StringComparison.Ordinal)
            && finding.Rule.Category == Category.Security
            && languageSecurity.Contains((finding.Path, finding.StartLine))))];
    }

    /// <summary>Keeps findings on added lines, drops suggestions that would not apply, dedupes and fingerprints.</summary>
    private static List<Finding> Finalize(
        IReadOnlyList<RawFinding> raw,
        Dictionary<string, (ChangedLines Lines, string Text)> files)
    {
        var ordered = raw
            .Where(finding => files.TryGetValue(finding.Path, out var file) && file.Lines.TouchesAdded(finding.StartLine, finding.EndLine))
            .DistinctBy(finding => (finding.Rule.Id, finding.Path, finding.StartLine, finding.Message))
            .OrderBy(finding => finding.Rule.Category)
            .ThenByDescending(finding => finding.Rule.Severity)
            .ThenBy(finding => finding.Path, StringComparer.Ordinal)
            .ThenBy(finding => finding.StartLine)
            .ThenBy(finding => finding.Rule.Id, StringComparer.Ordinal)
            .ThenBy(finding => finding.Message, StringComparer.Ordinal);

        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var textLines = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var result = new List<Finding>();
        foreach (var finding in ordered)
        {
            var file = files[finding.Path];

            // Only files with findings are split into lines, once each.
            if (!textLines.TryGetValue(finding.Path, out var lines))
            {
                lines = file.Text.Split('\n');
                textLines[finding.Path] = lines;
            }

            var endLine = Math.Min(finding.EndLine, lines.Length);
            var startLine = Math.Min(finding.StartLine, endLine);
            var flagged = string.Join('\n', lines[(startLine - 1)..endLine]);
            var key = string.Join('\u0001', finding.Rule.Id, finding.Path, Fingerprints.Normalize(flagged), finding.Message);
            occurrences[key] = occurrences.TryGetValue(key, out var seen) ? seen + 1 : 0;
            var fingerprint = Fingerprints.Compute(finding.Rule.Id, finding.Path, flagged, finding.Message, occurrences[key]);
            var replacement = SuggestionApplies(finding, file.Lines, startLine, endLine) ? finding.Replacement : null;
            result.Add(new Finding(finding.Rule, finding.Path, startLine, endLine, finding.Message, replacement, fingerprint));
        }

        return result;
    }

    /// <summary>
    /// A suggestion replaces whole lines, so every line must be visible in the diff (GitHub rejects
    /// others) and, without the full file, known from the hunks.
    /// </summary>
    private static bool SuggestionApplies(RawFinding finding, ChangedLines lines, int startLine, int endLine) =>
        finding.Replacement is not null && Enumerable.Range(startLine, endLine - startLine + 1).All(lines.IsInDiff);

    /// <summary>An added file whose single hunk starts at line 1: the hunk is the whole file.</summary>
    private static bool IsWholeNewFile(ChangedFile file) =>
        file.Status == ChangeStatus.Added && file.Hunks is [{ OldCount: 0, NewStart: <= 1 }];

    private static Dictionary<string, string> ProjectFiles(PullRequestSnapshot snapshot)
    {
        var files = new Dictionary<string, string>(snapshot.ContextFiles, StringComparer.Ordinal);
        foreach (var file in snapshot.Files.Where(file => PullRequestSnapshot.IsContextFile(file.Path)))
        {
            if (file.Status == ChangeStatus.Deleted)
            {
                files.Remove(file.Path);
            }
            else if (file.NewContent is { } content)
            {
                files[file.Path] = content;
            }
            else if (file.Hunks.Count > 0 && !files.ContainsKey(file.Path))
            {
                files[file.Path] = HunkText.RebuildNewFile(file.Hunks);
            }
        }

        return files;
    }
}
