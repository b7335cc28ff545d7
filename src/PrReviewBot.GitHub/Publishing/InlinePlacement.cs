using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.GitHub.Publishing;

/// <summary>
/// Where on the diff an inline comment for a finding may sit. GitHub accepts a comment only on a
/// line of one of the file's hunks (added or context, new side), and a range only within one hunk;
/// one line outside makes it reject the whole review, so placement is decided here, before posting.
/// </summary>
/// <param name="StartLine">First line of a multi-line comment; null for a single line.</param>
/// <param name="Exact">True when the comment spans exactly the finding's lines, so a suggestion block applies as written.</param>
public sealed record InlinePlacement(string Path, int Line, int? StartLine, bool Exact)
{
    public static InlinePlacement? For(Finding finding, IReadOnlyList<Hunk>? hunks)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (hunks is null || hunks.Count == 0)
        {
            return null;
        }

        foreach (var hunk in hunks)
        {
            var lines = NewSideLines(hunk);
            if (lines.Contains(finding.StartLine) && lines.Contains(finding.EndLine))
            {
                return finding.StartLine == finding.EndLine
                    ? new InlinePlacement(finding.Path, finding.EndLine, null, Exact: true)
                    : new InlinePlacement(finding.Path, finding.EndLine, finding.StartLine, Exact: true);
            }
        }

        // The range crosses hunks: anchor on one line of it that is in the diff, without a suggestion.
        var anchor = Enumerable.Range(finding.StartLine, finding.EndLine - finding.StartLine + 1)
            .FirstOrDefault(line => hunks.Any(hunk => hunk.Lines.Any(diffLine => diffLine.Kind == DiffLineKind.Added && diffLine.NewLine == line)));
        return anchor > 0 ? new InlinePlacement(finding.Path, anchor, null, Exact: false) : null;
    }

    private static HashSet<int> NewSideLines(Hunk hunk) =>
        hunk.Lines.Where(line => line.Kind != DiffLineKind.Removed && line.NewLine is not null).Select(line => line.NewLine!.Value).ToHashSet();
}
