using Microsoft.CodeAnalysis;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// The nodes of <see cref="CSharpRuleContext.ChangedNodes"/>, walked once per file: several security rules visit
/// every one of them, and the walk, which asks of each declaration whether it touches the change, is the same for all.
/// </summary>
public sealed class ChangedNodeList
{
    private ChangedNodeList(IReadOnlyList<SyntaxNode> nodes) => Nodes = nodes;

    /// <summary>The nodes in the order <see cref="CSharpRuleContext.ChangedNodes"/> gives them.</summary>
    public IReadOnlyList<SyntaxNode> Nodes { get; }

    /// <summary>The file's changed nodes, listed by the first rule that asks.</summary>
    public static IReadOnlyList<SyntaxNode> Of(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Fact(static file => new ChangedNodeList([.. file.ChangedNodes()])).Nodes;
    }
}
