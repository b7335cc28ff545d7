using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

/// <summary>
/// The file's preprocessor directives in order, and the inactive <c>#if</c> text between them, read
/// once per file for every rule that asks. The walk enters only the nodes that hold a directive, so
/// it costs little even in a long file (stepping from one directive to the next token by token
/// does not: it reads every token after the first directive).
/// </summary>
internal sealed class FileDirectives
{
    private readonly int fileEnd;

    private FileDirectives(CompilationUnitSyntax root)
    {
        fileEnd = root.FullSpan.End;
        if (!root.ContainsDirectives)
        {
            return;
        }

        // Inactive text always sits in the trivia of the directive before it, so the same walk finds it.
        foreach (var trivia in root.DescendantTrivia(node => node.ContainsDirectives))
        {
            if (trivia.IsDirective && trivia.GetStructure() is DirectiveTriviaSyntax directive)
            {
                All.Add(directive);
            }
            else if (trivia.IsKind(SyntaxKind.DisabledTextTrivia))
            {
                InactiveText.Add(trivia);
            }
        }
    }

    /// <summary>Every directive of the file, first to last.</summary>
    public List<DirectiveTriviaSyntax> All { get; } = [];

    /// <summary>The code that inactive <c>#if</c> branches hold, first to last.</summary>
    public List<SyntaxTrivia> InactiveText { get; } = [];

    /// <summary>
    /// Where the author turned off one of the warnings <paramref name="codes"/> names (<c>#pragma warning disable CS1591</c>,
    /// or every warning), from the <c>disable</c> to its <c>restore</c> or the file's end.
    /// </summary>
    public List<TextSpan> WarningDisabled(params string[] codes)
    {
        var ranges = new List<TextSpan>();
        int? start = null;
        foreach (var directive in All)
        {
            if (directive is not PragmaWarningDirectiveTriviaSyntax pragma
                || !(pragma.ErrorCodes.Count == 0 || pragma.ErrorCodes.Any(code => codes.Contains(code.ToString().Trim(), StringComparer.Ordinal))))
            {
                continue;
            }

            if (pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword))
            {
                start ??= pragma.SpanStart;
            }
            else if (start is { } from)
            {
                ranges.Add(TextSpan.FromBounds(from, pragma.SpanStart));
                start = null;
            }
        }

        if (start is { } open)
        {
            ranges.Add(TextSpan.FromBounds(open, fileEnd));
        }

        return ranges;
    }

    public static FileDirectives Of(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Fact(file => new FileDirectives(file.Root));
    }
}
