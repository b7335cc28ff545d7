using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Review;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.Server.Reviews;

/// <summary>How the last review saw one file of the pull request: its place in the coverage and its findings.</summary>
/// <param name="Kind">One of <c>reviewed</c>, <c>text</c>, <c>skipped</c>, <c>unchanged</c> (no added lines), <c>deleted</c>.</param>
public sealed record RecordedFile(
    string Path,
    string Kind,
    SourceLanguage? Language,
    int AddedLines,
    bool WholeFile,
    string? SkipReason,
    bool SkipChosen,
    bool BaseMissing,
    IReadOnlyList<RecordedFinding> Findings);

public sealed record RecordedFinding(string RuleId, int StartLine, int EndLine, string Message, string? Replacement, string Fingerprint, Severity Severity);

/// <summary>
/// What the last completed review of a pull request saw, kept in the server's store so the next push is reviewed
/// only where it changed: the head and base it covered, a key of the settings the findings depend on, and every
/// file's coverage and findings. Anything that does not read back exactly (an older format, a broken or oversized
/// record, a rule this engine no longer has) means a full review, never a guess.
/// </summary>
public sealed record ReviewRecord(int Version, string HeadSha, string BaseSha, string Settings, IReadOnlyList<RecordedFile> Files)
{
    public const int CurrentVersion = 1;

    /// <summary>A record this large is not kept (the next review is a full one): a few thousand findings fit well below it.</summary>
    public const int MaxJsonLength = 4 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>
    /// What a review based on this record may skip: the files it knew, at its head and base. A file it could not
    /// review (a gap, perhaps GitHub failing to serve it) is not among them, so the next review tries it again.
    /// </summary>
    public ReviewBasis Basis(Func<ReviewOptions, bool> applies) =>
        new(HeadSha, BaseSha, Files.Where(file => file.Kind != "skipped" || file.SkipChosen || file.Language is null).Select(file => file.Path).ToHashSet(StringComparer.Ordinal)) { Applies = applies };

    /// <summary>
    /// A key of everything besides the files that decides the findings: the effective options and this build of the
    /// engine. Findings made under another key are not carried over.
    /// </summary>
    public static string SettingsOf(ReviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stable = options with { DisabledRules = new SortedSet<string>(options.DisabledRules, StringComparer.Ordinal) };
        string text;
        try
        {
            text = JsonSerializer.Serialize(stable, Json);
        }
        catch (NotSupportedException)
        {
            // Options that do not serialize cannot be compared: a key no record shares, so every review is a full one.
            return "unkeyed-" + Guid.NewGuid().ToString("N");
        }

        text += "|" + typeof(ReviewEngine).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// The record of a review: the files of <paramref name="pull"/>'s snapshot as <paramref name="result"/> saw them, and
    /// its carried files as <paramref name="previous"/> had them. Null when the review cannot be the basis of another
    /// (an engine problem is not tied to a file).
    /// </summary>
    public static ReviewRecord? Of(LoadedPullRequest pull, ReviewResult result, string settings, ReviewRecord? previous)
    {
        ArgumentNullException.ThrowIfNull(pull);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Coverage.Problems.Count > 0)
        {
            return null;
        }

        var coverage = result.Coverage;
        var reviewed = coverage.Reviewed.ToDictionary(file => file.Path, StringComparer.Ordinal);
        var text = coverage.TextOnly.ToDictionary(file => file.Path, StringComparer.Ordinal);
        var skipped = coverage.Skipped.GroupBy(file => file.Path, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        var baseMissing = coverage.BaseMissing.ToHashSet(StringComparer.Ordinal);
        var findings = result.Findings.ToLookup(finding => finding.Path, StringComparer.Ordinal);
        var files = new List<RecordedFile>();
        foreach (var file in pull.Snapshot.Files)
        {
            var recorded = findings[file.Path].Select(finding => new RecordedFinding(finding.Rule.Id, finding.StartLine, finding.EndLine, finding.Message, finding.Replacement, finding.Fingerprint, finding.Severity)).ToList();
            files.Add((reviewed.TryGetValue(file.Path, out var r), text.TryGetValue(file.Path, out var t), skipped.TryGetValue(file.Path, out var s)) switch
            {
                (true, _, _) => new RecordedFile(file.Path, "reviewed", r!.Language, r.AddedLines, r.WholeFile, null, false, baseMissing.Contains(file.Path), recorded),
                (_, true, _) => new RecordedFile(file.Path, "text", null, t!.AddedLines, false, null, false, baseMissing.Contains(file.Path), recorded),
                (_, _, true) => new RecordedFile(file.Path, "skipped", s!.Language, 0, false, s.Reason, s.Chosen, false, recorded),
                _ => new RecordedFile(file.Path, file.Status == ChangeStatus.Deleted ? "deleted" : "unchanged", null, 0, false, null, false, false, recorded),
            });
        }

        if (pull.Carried is { } carried)
        {
            var earlier = previous?.Files.ToDictionary(file => file.Path, StringComparer.Ordinal);
            foreach (var path in carried)
            {
                if (earlier is null || !earlier.TryGetValue(path, out var file))
                {
                    return null;
                }

                files.Add(file);
            }
        }

        return new ReviewRecord(CurrentVersion, pull.HeadSha, pull.BaseSha, settings, [.. files.OrderBy(file => file.Path, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The whole pull request's result: <paramref name="partial"/> (the files reviewed now) with the coverage and findings
    /// of the <paramref name="carried"/> files from this record. Null when the record does not hold every carried file or
    /// names a rule <paramref name="rules"/> does not have.
    /// </summary>
    public ReviewResult? Merge(ReviewResult partial, IReadOnlyList<string> carried, IReadOnlyList<RuleDescriptor> rules)
    {
        ArgumentNullException.ThrowIfNull(partial);
        ArgumentNullException.ThrowIfNull(carried);
        ArgumentNullException.ThrowIfNull(rules);
        var byPath = Files.ToDictionary(file => file.Path, StringComparer.Ordinal);
        var byId = rules.ToDictionary(rule => rule.Id, StringComparer.Ordinal);
        var coverage = partial.Coverage;
        var reviewed = coverage.Reviewed.ToList();
        var text = coverage.TextOnly.ToList();
        var skipped = coverage.Skipped.ToList();
        var baseMissing = coverage.BaseMissing.ToList();
        var unchanged = coverage.UnchangedFiles;
        var findings = partial.Findings.ToList();
        foreach (var path in carried)
        {
            if (!byPath.TryGetValue(path, out var file))
            {
                return null;
            }

            switch (file.Kind)
            {
                case "reviewed" when file.Language is { } language:
                    reviewed.Add(new ReviewedFile(path, language, file.AddedLines, file.WholeFile));
                    break;
                case "text":
                    text.Add(new TextCheckedFile(path, file.AddedLines));
                    break;
                case "skipped":
                    skipped.Add(new SkippedFile(path, file.SkipReason ?? "skipped", file.Language) { Chosen = file.SkipChosen });
                    break;
                case "unchanged":
                    unchanged++;
                    break;
                case "deleted":
                    break;
                default:
                    return null;
            }

            if (file.BaseMissing)
            {
                baseMissing.Add(path);
            }

            foreach (var finding in file.Findings)
            {
                if (!byId.TryGetValue(finding.RuleId, out var rule))
                {
                    return null;
                }

                findings.Add(new Finding(rule, path, finding.StartLine, finding.EndLine, finding.Message, finding.Replacement, finding.Fingerprint) { Severity = finding.Severity });
            }
        }

        var merged = coverage with
        {
            Reviewed = [.. reviewed.OrderBy(file => file.Path, StringComparer.Ordinal)],
            Skipped = [.. skipped.OrderBy(file => file.Path, StringComparer.Ordinal)],
            UnchangedFiles = unchanged,
            TextOnly = [.. text.OrderBy(file => file.Path, StringComparer.Ordinal)],
            BaseMissing = [.. baseMissing.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };

        // The engine's own order, so a merged summary reads as a full review's would.
        var ordered = findings
            .OrderBy(finding => finding.Rule.Category)
            .ThenByDescending(finding => finding.Severity)
            .ThenBy(finding => finding.Path, StringComparer.Ordinal)
            .ThenBy(finding => finding.StartLine)
            .ThenBy(finding => finding.Rule.Id, StringComparer.Ordinal)
            .ThenBy(finding => finding.Message, StringComparer.Ordinal)
            .ToList();
        return partial with { Findings = ordered, Coverage = merged };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The record in <paramref name="json"/>; null when there is none, or it is broken, oversized or of another format.</summary>
    public static ReviewRecord? FromJson(string? json)
    {
        if (json is null || json.Length > MaxJsonLength)
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize<ReviewRecord>(json, Json);
            return record is { Version: CurrentVersion, HeadSha.Length: > 0, BaseSha.Length: > 0, Settings.Length: > 0, Files: not null }
                && record.Files.All(file => file is { Path: not null, Kind: not null, Findings: not null } && file.Findings.All(finding => finding is { RuleId: not null, Message: not null, Fingerprint: not null }))
                ? record
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
