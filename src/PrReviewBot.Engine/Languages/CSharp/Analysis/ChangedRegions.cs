using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// The stretches of a file's text that rules search for their words when they read only what a change
/// touched: each changed member, using, attribute list or base list with the comments before it; the
/// head (attributes, name, bases, opening brace) and the closing brace of every namespace and type that
/// holds a change; and the fields and initialized or expression-bodied properties of those types. The
/// last are there because a finding about a field can reach into the member that uses it (a reader
/// created in a field and loaded a line below it), so they are searched even when unchanged. In text
/// order without overlaps, so a search over them finds what a search over the file would, minus
/// what lies elsewhere, in the same order. The whole file when <see cref="CSharpRuleContext.AnalyzesWholeFile"/>.
/// </summary>
public sealed class ChangedRegions
{
    private ChangedRegions(IReadOnlyList<TextSpan> spans, bool wholeFile)
    {
        Spans = spans;
        IsWholeFile = wholeFile;
    }

    /// <summary>The regions in text order, none touching another.</summary>
    public IReadOnlyList<TextSpan> Spans { get; }

    /// <summary>True when the one region is the whole file.</summary>
    public bool IsWholeFile { get; }

    /// <summary>The file's regions, worked out once and shared by every rule that asks.</summary>
    public static ChangedRegions Of(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Fact(Compute);
    }

    /// <summary>These regions and some more (a rule's own additions), still in order and without overlaps.</summary>
    public IReadOnlyList<TextSpan> With(IEnumerable<TextSpan> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        return IsWholeFile ? Spans : Merge([.. Spans, .. more]);
    }

    /// <summary>The head of a type or namespace: from its attributes to its opening brace (all of it when it has no body).</summary>
    public static TextSpan Head(SyntaxNode container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var open = container switch
        {
            BaseTypeDeclarationSyntax type => type.OpenBraceToken,
            NamespaceDeclarationSyntax space => space.OpenBraceToken,
            FileScopedNamespaceDeclarationSyntax space => space.SemicolonToken,
            _ => default,
        };
        return open.FullSpan.IsEmpty ? container.FullSpan : TextSpan.FromBounds(container.FullSpan.Start, open.FullSpan.End);
    }

    private static ChangedRegions Compute(CSharpRuleContext context)
    {
        if (context.AnalyzesWholeFile)
        {
            return new ChangedRegions([context.Root.FullSpan], wholeFile: true);
        }

        var spans = new List<TextSpan>();
        Collect(context, context.Root, spans);
        return new ChangedRegions(Merge(spans), wholeFile: false);
    }

    private static void Collect(CSharpRuleContext context, SyntaxNode container, List<TextSpan> spans)
    {
        foreach (var child in container.ChildNodes())
        {
            if (child is BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or EnumDeclarationSyntax)
            {
                if (context.TouchesChange(child))
                {
                    spans.Add(Head(child));
                    if (Tail(child) is { } tail)
                    {
                        spans.Add(tail);
                    }

                    Collect(context, child, spans);
                }
            }
            else if (context.TouchesChange(child) || (container is TypeDeclarationSyntax && IsTypeScoped(child)))
            {
                spans.Add(child.FullSpan);
            }
        }
    }

    /// <summary>Members whose code runs in the type's scope rather than in a body of its own: fields, and properties with an initializer or an expression body.</summary>
    private static bool IsTypeScoped(SyntaxNode member) => member switch
    {
        BaseFieldDeclarationSyntax => true,
        PropertyDeclarationSyntax property => property.Initializer is not null || property.ExpressionBody is not null,
        IndexerDeclarationSyntax indexer => indexer.ExpressionBody is not null,
        _ => false,
    };

    /// <summary>The closing brace of a type or namespace and what follows it up to the next declaration.</summary>
    private static TextSpan? Tail(SyntaxNode container)
    {
        var close = container switch
        {
            BaseTypeDeclarationSyntax type => type.CloseBraceToken,
            NamespaceDeclarationSyntax space => space.CloseBraceToken,
            _ => default,
        };
        return close.FullSpan.IsEmpty ? null : TextSpan.FromBounds(close.FullSpan.Start, container.FullSpan.End);
    }

    private static List<TextSpan> Merge(List<TextSpan> spans)
    {
        spans.Sort((left, right) => left.Start.CompareTo(right.Start));
        var merged = new List<TextSpan>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = TextSpan.FromBounds(merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else if (!span.IsEmpty)
            {
                merged.Add(span);
            }
        }

        return merged;
    }
}
