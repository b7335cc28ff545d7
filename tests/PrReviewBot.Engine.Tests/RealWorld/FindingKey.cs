using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Tests.RealWorld;

/// <summary>
/// How a judgement names a finding: the case, the rule, the file and the flagged code with its
/// whitespace collapsed. Line numbers are left out so a judgement survives lines moving.
/// </summary>
public sealed partial record FindingKey(string Repository, string Commit, string Rule, string Path, string Code)
{
    private const int MaxCodeLength = 160;

    public static FindingKey Of(RealWorldCase @case, Finding finding) =>
        new(@case.Repository, @case.ShortCommit, finding.Rule.Id, finding.Path, FlaggedCode(@case.HeadText(finding.Path), finding));

    public static string Normalise(string code)
    {
        var collapsed = Whitespace().Replace(code, " ").Trim();
        return collapsed.Length <= MaxCodeLength ? collapsed : collapsed[..MaxCodeLength];
    }

    private static string FlaggedCode(string? text, Finding finding)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var lines = text.Split('\n');
        var first = Math.Clamp(finding.StartLine, 1, lines.Length);
        var last = Math.Clamp(finding.EndLine, first, lines.Length);
        return Normalise(string.Join(' ', lines[(first - 1)..last]));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
