using Microsoft.CodeAnalysis;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>Source text of a node in a form fit for a one-line message.</summary>
public static class SyntaxText
{
    private const int MaxLength = 48;

    /// <summary>The node's text on one line, whitespace collapsed, cut to a readable length.</summary>
    public static string Brief(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var text = string.Join(' ', node.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }
}
