using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.TypeHints;

/// <summary>An added <c>#nullable disable</c> where null checking was on: the code after it loses it.</summary>
public sealed class NullableDisabledRule : CSharpRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "cs/nullable-disabled",
        "`#nullable disable` turns off null checking",
        Category.TypeHints,
        Severity.Note,
        "With nullable reference types off, the compiler no longer says which references may be null, so a missing null check shows up as a `NullReferenceException` in production instead of a warning at build time.",
        "Remove the directive and annotate the code (`string?` where null is allowed), or scope it tightly with `#nullable restore` right after the few lines that need it.");

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Entity Framework writes `#nullable disable` at the top of every migration it scaffolds.
        if (GeneratedCode.IsGeneratedFile(context) || context.Role == CodeRole.Migration)
        {
            return;
        }

        var directives = FileDirectives.Of(context).All.OfType<NullableDirectiveTriviaSyntax>().Where(directive => directive.IsActive).ToList();

        for (var index = 0; index < directives.Count; index++)
        {
            var directive = directives[index];
            if (!directive.SettingToken.IsKind(SyntaxKind.DisableKeyword))
            {
                continue;
            }

            // Where the project (or an earlier directive) had nullable analysis off, the directive changes nothing.
            var (warnings, annotations) = directive.SpanStart > 0
                ? (context.Model.GetNullableContext(directive.SpanStart - 1).WarningsEnabled(), context.Model.GetNullableContext(directive.SpanStart - 1).AnnotationsEnabled())
                : (context.Project.NullableContext.WarningsEnabled(), context.Project.NullableContext.AnnotationsEnabled());
            var wasOn = directive.TargetToken.Kind() switch
            {
                SyntaxKind.WarningsKeyword => warnings,
                SyntaxKind.AnnotationsKeyword => annotations,
                _ => warnings || annotations,
            };
            if (!wasOn || IsFileWideOptOut(context, directive))
            {
                continue;
            }

            var what = directive.TargetToken.Kind() switch
            {
                SyntaxKind.WarningsKeyword => "turns off nullable warnings",
                SyntaxKind.AnnotationsKeyword => "turns off nullable annotations (every reference type becomes oblivious)",
                _ => "turns off null checking",
            };
            var until = index + 1 < directives.Count
                ? "up to the next `#nullable` directive"
                : "for the rest of the file";
            context.Report(
                this,
                directive,
                $"`{directive.ToString().Trim()}` {what} {until}; annotate the code instead, or restore it right after the lines that need it.");
        }
    }

    /// <summary>
    /// A <c>#nullable disable</c> before the first declaration of a file that existed before the
    /// change: the documented way to turn nullable on for a project and opt its old files out one
    /// by one. The file is no less checked than it was; a new file that opts out is still reported.
    /// </summary>
    private static bool IsFileWideOptOut(CSharpRuleContext context, NullableDirectiveTriviaSyntax directive)
    {
        var firstDeclaration = context.Root.Members.FirstOrDefault();
        var beforeDeclarations = firstDeclaration is null || directive.SpanStart < firstDeclaration.SpanStart;
        var existingFile = !context.ChangedLines.EveryLine && context.HasFullContent && context.ChangedLines.Added.Count < context.Text.Lines.Count;
        return beforeDeclarations && existingFile;
    }
}
