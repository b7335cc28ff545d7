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

    public ReviewResult Review(PullRequestSnapshot snapshot, ReviewOptions? options = null, CancellationToken cancellationToken = default) =>
        Review(snapshot, options, null, cancellationToken);

    /// <summary>Reviews the change, taking the trees <paramref name="parsedAhead"/> made of its head texts while the front door read them.</summary>
    public ReviewResult Review(PullRequestSnapshot snapshot, ReviewOptions? options, ParseAhead? parsedAhead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        options ??= ReviewOptions.Default;
        var exclusions = options.Exclude.Select(pattern => new GlobPattern(pattern)).ToArray();
        var projectFiles = ProjectFiles(snapshot);
        var attributes = GitAttributes.From(projectFiles);
        var editorConfigs = projectFiles
            .Where(pair => pair.Key.EndsWith(".editorconfig", StringComparison.Ordinal))
            .Select(pair => EditorConfigFile.Parse(pair.Key, pair.Value))
            .ToArray();

        var reviewed = new List<ReviewedFile>();
        var skipped = new List<SkippedFile>();
        var problems = new List<string>();
        var supported = ReviewedLanguages(options);
        var textOnly = new List<TextCheckedFile>();
        var files = new Dictionary<string, FileUnderReview>(StringComparer.Ordinal);
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
            if (FileClassifier.ChosenSkipReason(file.Path, exclusions, attributes) is { } chosen)
            {
                skipped.Add(new SkippedFile(file.Path, chosen, language) { Chosen = true });
                continue;
            }

            var text = file.IsBinary ? null : file.NewContent ?? (file.Hunks.Count > 0 ? HunkText.RebuildNewFile(file.Hunks) : null);
            if (FileClassifier.SkipReason(file, text, options) is { } reason)
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

            var wholeFile = file.NewContent is not null || IsWholeNewFile(file);
            files[file.Path] = new FileUnderReview(file, text, lines, language, wholeFile, CodeRoles.Of(file.Path, text));
            if (language is null)
            {
                textOnly.Add(new TextCheckedFile(file.Path, FileClassifier.AddedLineCount(file, text)));
            }
            else
            {
                reviewed.Add(new ReviewedFile(file.Path, language.Value, FileClassifier.AddedLineCount(file, text), wholeFile));
            }
        }

        var headFiles = files.Values.Select(file => new FileVersion(file, file.Text, file.Lines, file.HasFullContent)).ToList();
        var head = Analyze(headFiles, options, editorConfigs, projectFiles, problems, csharp.BatchThreshold, parsedAhead, cancellationToken);

        // Only files with findings on added lines are compared with their base version, and only with the
        // rules that reported those findings, so the cost stays with them.
        var onAdded = head.Where(finding => files[finding.Path].Lines.TouchesAdded(finding.StartLine, finding.EndLine)).ToList();
        var withFindings = onAdded.Select(finding => files[finding.Path]).Distinct().Where(file => file.HasBase).ToList();
        foreach (var file in withFindings)
        {
            file.BaseText = file.File.OldContent ?? snapshot.ReadBaseVersion?.Invoke(file.File);
        }

        var firedOn = onAdded.ToLookup(finding => finding.Path, finding => finding.Rule, StringComparer.Ordinal);
        var baseFiles = withFindings
            .Where(file => file.BaseText is not null)
            .Select(file => new FileVersion(file, file.BaseText!, ChangedLines.All, true) { OnlyRules = RulesToCompare(firedOn[file.Path]) })
            .ToList();
        var compared = baseFiles.Select(version => version.File.Path).ToHashSet(StringComparer.Ordinal);
        var excusable = onAdded.Where(finding => compared.Contains(finding.Path));

        // After a change over the batching threshold (analysed in batches, or whole only because memory allowed it), its
        // base versions are analysed in batches, a few million characters at a time: read whole, with every head text still
        // held, they made the review's peak (PowerShell's 3,025-file range: 10 M characters of base versions in one compilation).
        var largeChange = csharp.IsLarge(headFiles.Where(version => version.File.Language == SourceLanguage.CSharp).Select(version => (version.Text, version.Lines)));
        var baseline = Analyze(baseFiles, OnlyRulesThatFired(excusable, options), editorConfigs, projectFiles, [], largeChange ? csharp.BatchChars : csharp.BatchThreshold, null, cancellationToken)
            .ToLookup(finding => finding.Path, StringComparer.Ordinal);

        // File by file on every core: a file compared with its base version may be parsed again, in both versions,
        // to tell the declarations the change added (on PowerShell's 474-file change, 0.4 s on one core).
        var perFile = head.GroupBy(finding => finding.Path, StringComparer.Ordinal).ToArray();
        var introduced = new List<RawFinding>[perFile.Length];
        FileParallelism.ForEach(
            perFile.Length,
            index => files[perFile[index].Key].Text.Length,
            index =>
            {
                var file = files[perFile[index].Key];
                List<RawFinding>? before = file.HasBase && file.BaseText is not null ? [.. baseline[file.Path]] : null;
                introduced[index] = [.. Introduced(file, [.. perFile[index]], before)];
            },
            cancellationToken);

        var candidates = Enumerable.Range(0, perFile.Length)
            .SelectMany(index => introduced[index].Select(finding => (Finding: finding, Lines: files[perFile[index].Key].SplitLines)))
            .ToList();
        var kept = MovedCode.Drop(snapshot.Files, candidates);

        var findings = Finalize(kept, files);
        var rules = Rules.Where(options.IsEnabled).ToArray();
        var coverage = new Coverage(reviewed, skipped, problems, unchanged)
        {
            TextOnly = textOnly,
            ReviewedLanguages = [.. supported.Order()],
            BaseMissing = [.. withFindings.Where(file => file.BaseText is null).Select(file => file.File.Path).Order(StringComparer.Ordinal)],
        };
        return new ReviewResult(findings, coverage, rules, snapshot.HeadCommit);
    }

    /// <summary>
    /// The rules a base version is read with: those that reported on the added lines of its head, the only findings it may
    /// excuse. A text rule's security finding is dropped where a language rule flags the same line for security, so a file
    /// with one is read with every rule that fired anywhere, as the head was.
    /// </summary>
    private static HashSet<string>? RulesToCompare(IEnumerable<RuleDescriptor> fired) =>
        fired.Any(rule => rule.Category == Category.Security && rule.Id.StartsWith("text/", StringComparison.Ordinal))
            ? null
            : fired.Select(rule => rule.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The base versions only need the rules whose findings they may excuse: the others are not run on them.</summary>
    private ReviewOptions OnlyRulesThatFired(IEnumerable<RawFinding> excusable, ReviewOptions options)
    {
        var fired = excusable.Select(finding => finding.Rule.Id).ToHashSet(StringComparer.Ordinal);
        var disabled = Rules.Select(rule => rule.Id).Where(id => !fired.Contains(id)).Concat(options.DisabledRules).ToHashSet(StringComparer.Ordinal);
        return options with { DisabledRules = disabled };
    }

    /// <summary>Runs every analyzer on the given versions of the files; findings already pass through the files' role policy.</summary>
    /// <param name="csharpBatchThreshold">Above this weight the C# versions are analysed in batches.</param>
    /// <param name="parsedAhead">Trees of the versions' texts parsed while the input was read, if any.</param>
    private List<RawFinding> Analyze(
        List<FileVersion> versions,
        ReviewOptions options,
        EditorConfigFile[] editorConfigs,
        Dictionary<string, string> projectFiles,
        ICollection<string> problems,
        long csharpBatchThreshold,
        ParseAhead? parsedAhead,
        CancellationToken cancellationToken)
    {
        if (versions.Count == 0)
        {
            return [];
        }

        // The project facts depend only on the folder: evaluated once per folder, each MSBuild file parsed once.
        var projects = new CSharpProjectFacts.Reader(projectFiles);

        var csharpSources = versions
            .Where(version => version.File.Language == SourceLanguage.CSharp)
            .Select(version => new CSharpSource(version.File.Path, version.Text, version.Lines, version.HasFullContent, EditorConfigFile.Resolve(editorConfigs, version.File.Path))
            {
                Project = projects.For(version.File.Path),
                Role = version.File.Role,
                OnlyRules = version.OnlyRules,
            })
            .ToList();
        var pythonSources = versions
            .Where(version => version.File.Language == SourceLanguage.Python)
            .Select(version => new PythonSourceFile(version.File.Path, version.Text, version.Lines, version.HasFullContent) { Role = version.File.Role, OnlyRules = version.OnlyRules })
            .ToList();
        var textSources = versions
            .Select(version => new TextSource(version.File.Path, version.Text, version.Lines) { Role = version.File.Role, OnlyRules = version.OnlyRules })
            .ToList();
        var raw = csharp.Analyze(csharpSources, options, problems, csharpBatchThreshold, parsedAhead, cancellationToken)
            .Concat(python.Analyze(pythonSources, options, problems, cancellationToken))
            .Concat(textAnalyzer.Analyze(textSources, options, problems, cancellationToken))
            .ToList();

        var byPath = versions.ToDictionary(version => version.File.Path, version => (version.File.Role, version.Text), StringComparer.Ordinal);
        var result = new List<RawFinding>(raw.Count);
        foreach (var finding in raw)
        {
            var (role, text) = byPath[finding.Path];
            if (RolePolicy.Apply(finding, role, line => LineAt(text, line)) is { } applied)
            {
                result.Add(applied);
            }
        }

        // After the role policy: a language finding the policy drops must not take a text finding it keeps with it.
        return DropTextRepeats(result);
    }

    /// <summary>The text of a 1-based line, found without splitting the whole file (the role policy asks for very few).</summary>
    private static string LineAt(string text, int line)
    {
        var start = 0;
        for (var current = 1; current < line; current++)
        {
            start = text.IndexOf('\n', start) + 1;
            if (start == 0)
            {
                return string.Empty;
            }
        }

        var end = text.IndexOf('\n', start);
        return text[start..(end < 0 ? text.Length : end)].TrimEnd('\r');
    }

    /// <summary>
    /// The findings of one file that the change introduced: those on added lines that its base
    /// version did not have, and whole-file style findings only where the change made the file worse.
    /// </summary>
    /// <param name="before">The base version's findings; null when no base version was given.</param>
    private static IEnumerable<RawFinding> Introduced(FileUnderReview file, List<RawFinding> head, List<RawFinding>? before)
    {
        var wholeFile = head.Where(finding => finding.Rule.JudgesWholeFile).ToLookup(finding => finding.Rule.Id, StringComparer.Ordinal);
        foreach (var rule in wholeFile)
        {
            var baseOfRule = before?.Where(finding => finding.Rule.Id == rule.Key).ToList();
            foreach (var finding in PreexistingFindings.JudgeWholeFile([.. rule], file.Lines, baseOfRule))
            {
                yield return finding;
            }
        }

        var onAdded = head.Where(finding => !finding.Rule.JudgesWholeFile && file.Lines.TouchesAdded(finding.StartLine, finding.EndLine)).ToList();
        if (before is null || onAdded.Count == 0)
        {
            foreach (var finding in onAdded)
            {
                yield return finding;
            }

            yield break;
        }

        var baseText = file.BaseText!;
        var lineByLine = head.Where(finding => !finding.Rule.JudgesWholeFile).ToList();
        var introduced = PreexistingFindings.Drop(lineByLine, file.Lines, file.SplitLines, [.. before.Where(finding => !finding.Rule.JudgesWholeFile)], baseText.Split('\n')).ToList();

        // Docs and type hints are asked of the declarations the change added, not of old ones it edited or renamed.
        if (!introduced.Any(JudgesDeclaration))
        {
            foreach (var finding in introduced)
            {
                yield return finding;
            }

            yield break;
        }

        var declaredBefore = Declarations(file.Language, baseText);
        var scopesBefore = declaredBefore.Select(declaration => declaration.Scope).ToHashSet(StringComparer.Ordinal);
        var renamed = Renamed(file, declaredBefore, [.. introduced.Where(JudgesDeclaration).Select(finding => finding.Scope!).Where(scope => !scopesBefore.Contains(scope))]);
        foreach (var finding in introduced)
        {
            var existed = JudgesDeclaration(finding) && (scopesBefore.Contains(finding.Scope!) || renamed.Contains(finding.Scope!));
            if (!existed)
            {
                yield return finding;
            }
        }
    }

    /// <summary>
    /// The head's declarations among <paramref name="scopes"/> (none of which the base has by name) whose body some base
    /// declaration has: renamed, not added. The head is read again, and base bodies compared, only when there are such scopes.
    /// </summary>
    private static HashSet<string> Renamed(FileUnderReview file, IReadOnlyList<(string Scope, Func<string> Body)> declaredBefore, HashSet<string> scopes)
    {
        if (scopes.Count == 0)
        {
            return [];
        }

        var bodiesNow = Declarations(file.Language, file.Text)
            .Where(declaration => scopes.Contains(declaration.Scope))
            .Select(declaration => (declaration.Scope, Body: Fingerprints.Normalize(declaration.Body())))
            .Where(declaration => declaration.Body.Length >= MinRenamedBody)
            .ToList();
        if (bodiesNow.Count == 0)
        {
            return [];
        }

        // Normalising keeps a body's length or shortens it: a base body shorter than every head body cannot match one.
        var shortest = bodiesNow.Min(declaration => declaration.Body.Length);
        var bodiesBefore = declaredBefore
            .Select(declaration => declaration.Body())
            .Where(body => body.Length >= shortest)
            .Select(Fingerprints.Normalize)
            .ToHashSet(StringComparer.Ordinal);
        return [.. bodiesNow.Where(declaration => bodiesBefore.Contains(declaration.Body)).Select(declaration => declaration.Scope)];
    }

    /// <summary>Bodies shorter than this (<c>pass</c>, <c>return None</c>) are too common to show that a declaration was renamed.</summary>
    private const int MinRenamedBody = 40;

    private static bool JudgesDeclaration(RawFinding finding) =>
        finding.Scope is not null && finding.Rule.Category is Category.Docs or Category.TypeHints;

    /// <summary>Every declaration of a file's version, named as rule contexts name a finding's scope, with its body (read when asked).</summary>
    private static IReadOnlyList<(string Scope, Func<string> Body)> Declarations(SourceLanguage? language, string text) => language switch
    {
        SourceLanguage.CSharp => CSharpScopes.Declared(text),
        SourceLanguage.Python => PythonScopes.Declared(text),
        _ => [],
    };

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

    /// <summary>Drops suggestions that would not apply, dedupes, orders and fingerprints the findings the change introduced.</summary>
    private static List<Finding> Finalize(IReadOnlyList<RawFinding> raw, Dictionary<string, FileUnderReview> files)
    {
        var ordered = raw
            .DistinctBy(finding => (finding.Rule.Id, finding.Path, finding.StartLine, finding.Message))
            .OrderBy(finding => finding.Rule.Category)
            .ThenByDescending(finding => finding.Severity)
            .ThenBy(finding => finding.Path, StringComparer.Ordinal)
            .ThenBy(finding => finding.StartLine)
            .ThenBy(finding => finding.Rule.Id, StringComparer.Ordinal)
            .ThenBy(finding => finding.Message, StringComparer.Ordinal);

        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<Finding>();
        foreach (var finding in ordered)
        {
            var file = files[finding.Path];
            var lines = file.SplitLines;
            var endLine = Math.Min(finding.EndLine, lines.Length);
            var startLine = Math.Min(finding.StartLine, endLine);
            var flagged = string.Join('\n', lines[(startLine - 1)..endLine]);
            var key = string.Join('\u0001', finding.Rule.Id, finding.Path, Fingerprints.Normalize(flagged), finding.Message);
            occurrences[key] = occurrences.TryGetValue(key, out var seen) ? seen + 1 : 0;
            var fingerprint = Fingerprints.Compute(finding.Rule.Id, finding.Path, flagged, finding.Message, occurrences[key]);
            var replacement = SuggestionApplies(finding, file.Lines, startLine, endLine) ? finding.Replacement : null;
            result.Add(new Finding(finding.Rule, finding.Path, startLine, endLine, finding.Message, replacement, fingerprint) { Severity = finding.Severity });
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

/// <summary>A version of a changed file as the analyzers read it: its head, or its base compared with it.</summary>
internal sealed record FileVersion(FileUnderReview File, string Text, ChangedLines Lines, bool HasFullContent)
{
    /// <summary>The ids of the rules to read it with; null for every enabled rule.</summary>
    public IReadOnlySet<string>? OnlyRules { get; init; }
}

/// <summary>One changed file on its way through the review: its head text, what changed, its language and role.</summary>
internal sealed record FileUnderReview(ChangedFile File, string Text, ChangedLines Lines, SourceLanguage? Language, bool HasFullContent, CodeRole Role)
{
    private string[]? splitLines;

    public string Path => File.Path;

    /// <summary>True when a base version exists to compare with: the file was modified, renamed or copied, not added or reviewed by path.</summary>
    public bool HasBase => !File.EveryLineChanged && File.Status.HasBaseVersion();

    /// <summary>The base version's text, once the review has read it (only files with findings get one); null when there is none.</summary>
    public string? BaseText { get; set; }

    /// <summary>The head text split at <c>\n</c>, made once and only for files that need it.</summary>
    public string[] SplitLines => splitLines ??= Text.Split('\n');
}

