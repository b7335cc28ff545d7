namespace PrReviewBot.Engine.Tests.RealWorld;

/// <summary>One line of <c>judgments.tsv</c>: a finding on a real change and what a reader made of it.</summary>
public sealed record Judgement(FindingKey Key, Verdict? Verdict, string Reason)
{
    public const string Header = "repo\tcommit\trule\tpath\tcode\tverdict\treason";

    /// <summary>The file's spelling of each verdict.</summary>
    public static string Name(Verdict? verdict) => verdict switch
    {
        RealWorld.Verdict.Correct => "correct",
        RealWorld.Verdict.Nit => "nit",
        RealWorld.Verdict.Wrong => "wrong",
        RealWorld.Verdict.Preexisting => "preexisting",
        _ => string.Empty,
    };

    public string ToLine() =>
        string.Join('\t', Key.Repository, Key.Commit, Key.Rule, Key.Path, Key.Code, Name(Verdict), Reason.Replace('\t', ' '));

    /// <summary>Reads the judgements file; a blank verdict is allowed in a dump but not in the committed file.</summary>
    public static IReadOnlyList<Judgement> ReadAll(string path)
    {
        var judgements = new List<Judgement>();
        var lines = File.ReadAllLines(path);
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.Length == 0 || line.StartsWith('#') || line == Header)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 7)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}:{index + 1}: expected 7 tab-separated fields, found {fields.Length}");
            }

            var verdict = fields[5] switch
            {
                "correct" => RealWorld.Verdict.Correct,
                "nit" => RealWorld.Verdict.Nit,
                "wrong" => RealWorld.Verdict.Wrong,
                "preexisting" => RealWorld.Verdict.Preexisting,
                _ => throw new InvalidDataException($"{Path.GetFileName(path)}:{index + 1}: verdict must be correct, nit, wrong or preexisting, not '{fields[5]}'"),
            };
            if (verdict is RealWorld.Verdict.Wrong or RealWorld.Verdict.Preexisting && fields[6].Trim().Length == 0)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}:{index + 1}: a {fields[5]} judgement needs a reason");
            }

            judgements.Add(new Judgement(new FindingKey(fields[0], fields[1], fields[2], fields[3], fields[4]), verdict, fields[6]));
        }

        return judgements;
    }
}
