using System.Globalization;

namespace PrReviewBot.Benchmarks.SecuritySuites;

/// <summary>One labelled corpus file: which suite it came from, its language and its flattened name.</summary>
public sealed record CaseKey(string Suite, string Language, string File)
{
    public static IComparer<CaseKey> Comparer { get; } = Comparer<CaseKey>.Create((left, right) =>
    {
        var order = string.CompareOrdinal(left.Suite, right.Suite);
        order = order != 0 ? order : string.CompareOrdinal(left.Language, right.Language);
        return order != 0 ? order : string.CompareOrdinal(left.File, right.File);
    });
}

/// <summary>
/// A line the suite labels vulnerable or safe. <see cref="EndLine"/> closes the statement that
/// starts there, so a finding reported on any of its lines counts.
/// </summary>
public sealed record Label(CaseKey Case, int Line, int EndLine, bool Vulnerable, string Family, string OriginRule);

/// <summary>Reads <c>labels.tsv</c> by its header, so columns may be added; <c>end_line</c> is optional.</summary>
public static class LabelFile
{
    public static IReadOnlyList<Label> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(header, name);
        var (suite, language, file, line, endLine, label, family, origin) =
            (Column("suite"), Column("language"), Column("file"), Column("line"), Column("end_line"), Column("label"), Column("family"), Column("origin_rule"));
        if (suite < 0 || language < 0 || file < 0 || line < 0 || label < 0)
        {
            throw new InvalidDataException($"{path}: needs the columns suite, language, file, line and label");
        }

        var labels = new List<Label>(lines.Length);
        foreach (var row in lines.Skip(1).Where(row => row.Length > 0))
        {
            var cells = row.Split('\t');
            var start = int.Parse(cells[line], CultureInfo.InvariantCulture);
            var end = endLine >= 0 ? int.Parse(cells[endLine], CultureInfo.InvariantCulture) : start;
            var kind = cells[label];
            if (kind is not ("vulnerable" or "safe"))
            {
                throw new InvalidDataException($"{path}: label '{kind}' is neither vulnerable nor safe");
            }

            labels.Add(new Label(
                new CaseKey(cells[suite], cells[language], cells[file]),
                start,
                Math.Max(start, end),
                kind == "vulnerable",
                family >= 0 ? cells[family] : "unknown",
                origin >= 0 ? cells[origin] : string.Empty));
        }

        return labels;
    }
}
