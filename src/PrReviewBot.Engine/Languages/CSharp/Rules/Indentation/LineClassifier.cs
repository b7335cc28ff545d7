using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Indentation;

/// <summary>
/// Decides, for the first token on a line, whether the line starts a construct whose
/// indentation is fixed by convention (statement, member, accessor, brace, <c>else</c>/<c>catch</c>,
/// <c>case</c> label) and relative to which line. Everything else is a continuation line
/// (wrapped arguments, fluent chains, initializers, query clauses) and is never judged.
/// </summary>
/// <param name="firstCode">Where a 0-based line's code starts (past its spaces and tabs).</param>
internal sealed class LineClassifier(TextLineCollection lines, Func<int, int> firstCode, bool hasFullContent)
{
    private static readonly HashSet<SyntaxKind> ContinuationTokens =
    [
        SyntaxKind.DotToken, SyntaxKind.CommaToken, SyntaxKind.CloseParenToken, SyntaxKind.CloseBracketToken, SyntaxKind.QuestionToken,
        SyntaxKind.QuestionQuestionToken, SyntaxKind.ColonToken, SyntaxKind.EqualsGreaterThanToken, SyntaxKind.EqualsToken,
        SyntaxKind.BarBarToken, SyntaxKind.AmpersandAmpersandToken, SyntaxKind.BarToken, SyntaxKind.AmpersandToken, SyntaxKind.CaretToken,
        SyntaxKind.PlusToken, SyntaxKind.MinusToken, SyntaxKind.SlashToken, SyntaxKind.PercentToken, SyntaxKind.LessThanToken,
        SyntaxKind.GreaterThanToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.ExclamationEqualsToken, SyntaxKind.DotDotToken,
    ];

    public IndentExpectation? Classify(SyntaxToken token)
    {
        var expectation = ClassifyCore(token);
        if (expectation is null)
        {
            return null;
        }

        // Broken or partial code (only the diff's hunks) parses into shapes that say nothing about depth.
        var scope = token.Parent?.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (scope is null || scope.ContainsDiagnostics || (expectation.AnchorLine < 0 && !hasFullContent))
        {
            return null;
        }

        return expectation;
    }

    private IndentExpectation? ClassifyCore(SyntaxToken token)
    {
        // Dots, commas, closing brackets, binary operators and literals only ever continue a line.
        if (ContinuationTokens.Contains(token.Kind()) || SyntaxFacts.IsLiteralExpression(token.Kind()))
        {
            return null;
        }

        var parent = token.Parent;
        switch (token.Kind())
        {
            case SyntaxKind.OpenBraceToken when !IsStatementBlock(parent):
                return OpenBrace(parent);
            case SyntaxKind.CloseBraceToken:
                return CloseBrace(token, parent);
            case SyntaxKind.ElseKeyword when parent is ElseClauseSyntax { Parent: IfStatementSyntax owner } clause:
                return new(LineOf(owner.IfKeyword), [0], clause, "`else`");
            case SyntaxKind.CatchKeyword when parent is CatchClauseSyntax { Parent: TryStatementSyntax owner } clause:
                return new(LineOf(owner.TryKeyword), [0], clause, "`catch`");
            case SyntaxKind.FinallyKeyword when parent is FinallyClauseSyntax { Parent: TryStatementSyntax owner } clause:
                return new(LineOf(owner.TryKeyword), [0], clause, "`finally`");
        }

        if (parent is SwitchLabelSyntax label && label.GetFirstToken() == token
            && label.Parent is SwitchSectionSyntax section && section.Parent is SwitchStatementSyntax switchStatement)
        {
            var what = label.IsKind(SyntaxKind.DefaultSwitchLabel) ? "`default` label" : "`case` label";
            return new(BraceAnchor(switchStatement.OpenBraceToken, switchStatement), [1, 0], section.Labels[0] == label ? section : null, what);
        }

        SyntaxNode? construct = null;
        for (var node = parent; node is not null and not CompilationUnitSyntax && node.GetFirstToken() == token; node = node.Parent)
        {
            if (node is StatementSyntax or MemberDeclarationSyntax or AccessorDeclarationSyntax)
            {
                construct = node;
            }
        }

        return construct switch
        {
            GlobalStatementSyntax global => new(-1, [0], global, "Statement"),
            StatementSyntax statement => Statement(statement),
            MemberDeclarationSyntax member => Member(member),
            AccessorDeclarationSyntax { Parent: AccessorListSyntax { Parent: { } owner } list } accessor =>
                new(BraceAnchor(list.OpenBraceToken, owner), [1], accessor, "Accessor"),
            _ => AfterAttributes(token),
        };
    }

    /// <summary>A block that is itself a statement of a block or a switch section: judged as a statement.</summary>
    private static bool IsStatementBlock(SyntaxNode? parent) =>
        parent is BlockSyntax { Parent: BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax };

    private IndentExpectation? OpenBrace(SyntaxNode? parent) => parent switch
    {
        BlockSyntax { Parent: StatementSyntax and not LabeledStatementSyntax or ElseClauseSyntax or CatchClauseSyntax or FinallyClauseSyntax
            or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax } block =>
            new(LineOf(block.Parent!.GetFirstToken()), [0], null, "Opening brace"),
        BaseTypeDeclarationSyntax or NamespaceDeclarationSyntax or SwitchStatementSyntax =>
            new(LineOf(parent.GetFirstToken()), [0], null, "Opening brace"),
        AccessorListSyntax { Parent: { } owner } => new(LineOf(owner.GetFirstToken()), [0], null, "Opening brace"),
        _ => null,
    };

    private IndentExpectation? CloseBrace(SyntaxToken token, SyntaxNode? parent)
    {
        var (open, owner) = parent switch
        {
            BlockSyntax block => (block.OpenBraceToken, block.Parent),
            BaseTypeDeclarationSyntax type => (type.OpenBraceToken, type),
            NamespaceDeclarationSyntax ns => (ns.OpenBraceToken, ns),
            SwitchStatementSyntax switchStatement => (switchStatement.OpenBraceToken, switchStatement),
            AccessorListSyntax list => (list.OpenBraceToken, list.Parent),
            _ => (default, null),
        };
        if (owner is null || open.IsMissing || open.RawKind == 0 || LineOf(open) == LineOf(token))
        {
            return null;
        }

        var anchorOwner = parent is BlockSyntax ? owner : parent!;
        if (owner is SwitchSectionSyntax)
        {
            // A braced case body may close level with its label.
            return new(BraceAnchor(open, anchorOwner), [0, -1], null, "Closing brace");
        }

        return new(BraceAnchor(open, anchorOwner), parent is BlockSyntax body && IsWrappedLambdaBody(body) ? [0, 1] : [0], null, "Closing brace");
    }

    /// <summary>
    /// A lambda or anonymous method passed as an argument (or set in an initializer) whose <c>{</c> ends
    /// a line (<c>.Configure(() =&gt; {</c>). Visual Studio indents its body one level past that line;
    /// ReSharper/Rider treat the argument as a continuation and indent the body two levels past it,
    /// closing the brace one level in. Both are formatter output, so both are accepted.
    /// </summary>
    private bool IsWrappedLambdaBody(BlockSyntax block) =>
        block.Parent is AnonymousFunctionExpressionSyntax function
        && block.OpenBraceToken.SpanStart != firstCode(LineOf(block.OpenBraceToken))
        && function.Parent is ArgumentSyntax or InitializerExpressionSyntax or AnonymousObjectMemberDeclaratorSyntax
            or AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax };

    private IndentExpectation? Statement(StatementSyntax statement)
    {
        if (statement is LabeledStatementSyntax)
        {
            return null;
        }

        switch (statement.Parent)
        {
            case BlockSyntax block:
                // Braced case bodies are laid out many ways; inside them, accept contents level with the braces too.
                return LineOf(block.OpenBraceToken) == LineOf(statement.GetFirstToken())
                    ? null
                    : new(BraceAnchor(block.OpenBraceToken, block.Parent ?? block), block.Parent is SwitchSectionSyntax ? [1, 0] : IsWrappedLambdaBody(block) ? [1, 2] : [1], statement, "Statement");
            case SwitchSectionSyntax section:
                var labelLine = LineOf(section.Labels[^1].GetLastToken());
                if (section.Statements.Count == 0 || LineOf(section.Statements[0].GetFirstToken()) == labelLine)
                {
                    return null;
                }

                var hasBlock = section.Statements.Any(candidate => candidate is BlockSyntax);
                return new(LineOf(section.Labels[0].GetFirstToken()), hasBlock ? [1, 0] : [1], statement, "Statement");
            case ElseClauseSyntax clause:
                return new(LineOf(clause.ElseKeyword), [1], statement, "Statement");
            case IfStatementSyntax or WhileStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax
                or UsingStatementSyntax or LockStatementSyntax or FixedStatementSyntax or DoStatementSyntax:
                var owner = statement.Parent!;
                var stacked = (statement is UsingStatementSyntax && owner is UsingStatementSyntax)
                    || (statement is FixedStatementSyntax && owner is FixedStatementSyntax);
                return new(LineOf(owner.GetFirstToken()), stacked ? [0, 1] : [1], statement, "Statement");
            default:
                return null;
        }
    }

    private IndentExpectation? Member(MemberDeclarationSyntax member)
    {
        var what = member switch
        {
            BaseTypeDeclarationSyntax or DelegateDeclarationSyntax => "Type declaration",
            BaseNamespaceDeclarationSyntax => "Namespace",
            _ => "Member",
        };
        return member.Parent switch
        {
            CompilationUnitSyntax => new(-1, [0], member, what),
            FileScopedNamespaceDeclarationSyntax ns => new(LineOf(ns.GetFirstToken()), [0], member, what),
            NamespaceDeclarationSyntax ns => new(BraceAnchor(ns.OpenBraceToken, ns), [1], member, what),
            BaseTypeDeclarationSyntax type => new(BraceAnchor(type.OpenBraceToken, type), [1], member, what),
            _ => null,
        };
    }

    /// <summary>The modifiers line after attribute lines, and further attribute lines: aligned with the first attribute.</summary>
    private IndentExpectation? AfterAttributes(SyntaxToken token)
    {
        foreach (var node in token.Parent?.AncestorsAndSelf() ?? [])
        {
            var attributes = node switch
            {
                MemberDeclarationSyntax member => member.AttributeLists,
                AccessorDeclarationSyntax accessor => accessor.AttributeLists,
                LocalFunctionStatementSyntax function => function.AttributeLists,
                _ => default,
            };
            if (attributes.Count == 0)
            {
                if (node is MemberDeclarationSyntax or AccessorDeclarationSyntax or StatementSyntax)
                {
                    return null;
                }

                continue;
            }

            var isAttributeLine = token.IsKind(SyntaxKind.OpenBracketToken) && token.Parent is AttributeListSyntax list && attributes.Contains(list);
            var isDeclarationLine = attributes[^1].GetLastToken().GetNextToken() == token;
            return isAttributeLine || isDeclarationLine
                ? new(LineOf(node.GetFirstToken()), [0], null, isAttributeLine ? "Attribute" : "Declaration")
                : null;
        }

        return null;
    }

    /// <summary>The line a brace's contents are indented from: the brace's own line when it starts the line (Allman), else the owner's first line (K&amp;R).</summary>
    private int BraceAnchor(SyntaxToken openBrace, SyntaxNode owner)
    {
        var line = LineOf(openBrace);
        return openBrace.SpanStart == firstCode(line) ? line : LineOf(owner.GetFirstToken());
    }

    private int LineOf(SyntaxToken token) => lines.IndexOf(token.SpanStart);
}
