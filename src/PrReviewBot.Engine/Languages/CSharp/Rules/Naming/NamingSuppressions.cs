using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

/// <summary>
/// Where the author turned naming checks off, so that a name there is theirs on purpose: the IDE's naming rule
/// (<c>#pragma warning disable IDE1006</c>, to its <c>restore</c>) and ReSharper's (<c>// ReSharper disable
/// InconsistentNaming</c> to <c>// ReSharper restore InconsistentNaming</c> or the file's end; with <c>disable once</c>,
/// the line after the comment). Npgsql's <c>LogMessages.cs</c> disables InconsistentNaming for the PascalCase
/// parameters its log templates name.
/// </summary>
internal sealed class NamingSuppressions
{
    private const string Marker = "ReSharper ";

    private static readonly string[] Inspections = ["InconsistentNaming", "All"];

    private readonly List<TextSpan> spans;

    private NamingSuppressions(CSharpRuleContext context)
    {
        spans = FileDirectives.Of(context).WarningDisabled("IDE1006");
        var text = SinkSyntax.TextOf(context.Tree);
        int? disabledFrom = null;
        for (var at = text.IndexOf(Marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Marker, at + Marker.Length, StringComparison.Ordinal))
        {
            var comment = context.Root.FindTrivia(at);
            if (!comment.IsKind(SyntaxKind.SingleLineCommentTrivia) || Directive(comment.ToString()) is not var (disable, once))
            {
                continue;
            }

            if (once)
            {
                var next = context.Text.Lines.GetLineFromPosition(comment.Span.End).LineNumber + 1;
                spans.Add(TextSpan.FromBounds(comment.SpanStart, next < context.Text.Lines.Count ? context.Text.Lines[next].End : text.Length));
            }
            else if (disable)
            {
                disabledFrom ??= comment.SpanStart;
            }
            else if (disabledFrom is { } from)
            {
                spans.Add(TextSpan.FromBounds(from, comment.SpanStart));
                disabledFrom = null;
            }
        }

        if (disabledFrom is { } open)
        {
            spans.Add(TextSpan.FromBounds(open, text.Length));
        }
    }

    public static NamingSuppressions Of(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Fact(file => new NamingSuppressions(file));
    }

    /// <summary>True when naming checks are off at <paramref name="position"/>.</summary>
    public bool Covers(int position) => spans.Exists(span => span.Contains(position));

    /// <summary>
    /// What a <c>// ReSharper disable [once] A, B</c> or <c>// ReSharper restore A</c> comment does to naming: null when it
    /// is not such a comment or names neither InconsistentNaming nor All.
    /// </summary>
    private static (bool Disable, bool Once)? Directive(string comment)
    {
        var words = comment.TrimStart('/', ' ', '\t').Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words is not ["ReSharper", "disable" or "restore", ..])
        {
            return null;
        }

        var once = words.Length > 2 && words[2] == "once";
        var names = words.Skip(once ? 3 : 2);
        return names.Any(name => Inspections.Contains(name, StringComparer.Ordinal)) ? (words[1] == "disable", once) : null;
    }
}
