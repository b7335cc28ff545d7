namespace PrReviewBot.Engine.Languages.Python.Rules;

/// <summary>
/// The module's tokens without comments and non-logical line breaks, so a token's neighbours are the code
/// around it. Several rules read them; <see cref="Of"/> makes the list once per file.
/// </summary>
internal sealed class PythonCodeTokens
{
    private PythonCodeTokens(List<PythonToken> tokens)
    {
        Tokens = tokens;
    }

    public List<PythonToken> Tokens { get; }

    public static PythonCodeTokens Of(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Fact(static context => new PythonCodeTokens(
            [.. context.Module.Tokens.Where(token => token.Kind is not (PythonTokenKind.Comment or PythonTokenKind.NonLogicalNewline))]));
    }

    /// <summary>The indices of the tokens that start in the changed code (every index when the rules read the whole file), in order.</summary>
    public IEnumerable<int> ChangedIndices(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.AnalyzesWholeFile)
        {
            for (var index = 0; index < Tokens.Count; index++)
            {
                yield return index;
            }

            yield break;
        }

        foreach (var span in context.ChangedSpans)
        {
            for (var index = PythonTokenization.FirstTokenFrom(Tokens, span.First); index < Tokens.Count && Tokens[index].Start.Line <= span.Last; index++)
            {
                yield return index;
            }
        }
    }
}
