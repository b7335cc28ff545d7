using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

/// <summary>
/// A labelled corpus in the style of public security-rule suites: every snippet under
/// <c>SecurityCorpus/vulnerable</c> must get a security finding on the line marked <c>// vuln</c>,
/// and no snippet under <c>SecurityCorpus/safe</c> may get any security finding.
/// </summary>
public sealed class SecurityCorpusTests
{
    private static readonly ReviewEngine Engine = new();

    public static TheoryData<string> Vulnerable() => Snippets("vulnerable");

    public static TheoryData<string> Safe() => Snippets("safe");

    [Theory]
    [MemberData(nameof(Vulnerable))]
    public void Flags_the_vulnerable_line(string name)
    {
        var source = File.ReadAllText(Path.Combine(SecurityCorpusFiles.Folder, "vulnerable", name));
        var expectedLine = Array.FindIndex(source.Split('\n'), line => line.Contains("// vuln", StringComparison.Ordinal)) + 1;

        var findings = Security(name, source);

        Assert.True(
            findings.Any(finding => finding.StartLine <= expectedLine && expectedLine <= finding.EndLine),
            $"expected a security finding on line {expectedLine}; got: [{string.Join("; ", findings.Select(f => $"{f.StartLine} {f.Rule.Id}"))}]");
    }

    [Theory]
    [MemberData(nameof(Safe))]
    public void Leaves_the_safe_look_alike_alone(string name)
    {
        var findings = Security(name, File.ReadAllText(Path.Combine(SecurityCorpusFiles.Folder, "safe", name)));

        Assert.True(findings.Count == 0, string.Join("\n", findings.Select(f => $"{f.StartLine} {f.Rule.Id}: {f.Message}")));
    }

    private static List<Finding> Security(string name, string source) =>
        [.. Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile(name, source)])).Security];

    private static TheoryData<string> Snippets(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(SecurityCorpusFiles.Folder, kind), "*.cs").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }
}
