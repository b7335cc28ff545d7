using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Files in directories every user can write to, under names another user can predict:
/// <c>Path.GetTempFileName()</c>, paths written out under <c>/tmp</c>, <c>/var/tmp</c>,
/// <c>/dev/shm</c>, <c>C:\Windows\Temp</c>, <c>%TEMP%</c> and the like, and the temporary directory
/// joined with a fixed name (<c>Path.Combine(Path.GetTempPath(), "app.lock")</c>). The temporary
/// directory on its own, or joined with a random name, is how it should be used.
/// </summary>
public sealed partial class InsecureTempFileRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/insecure-temp-file",
        "Predictable file in a shared temporary directory",
        Category.Security,
        Severity.Warning,
        "Every local user can create files in the shared temporary directories; one who knows or guesses the name first can plant a link to another file, read what the application writes, or feed it their own content.",
        "Create a private directory or file with an unpredictable name (`Directory.CreateTempSubdirectory()`, `Path.Combine(Path.GetTempPath(), Path.GetRandomFileName())` opened with `FileMode.CreateNew`), or use an application-owned directory.");

    /// <summary>Directories that any local user can write to, at the start of a path.</summary>
    [GeneratedRegex(
        @"^(?:%USERPROFILE%[\\/]AppData[\\/]Local[\\/]Temp|%TEMP%|%TMP%|%TMPDIR%|\$TMPDIR|(?:[A-Za-z]:|\\\\[^\\/]+)?[\\/](?:Windows[\\/]Temp|Temp|Tmp)|/(?:var/tmp|usr/tmp|dev/shm|dev/mqueue|run/lock|var/run/lock|Library/Caches|Users/Shared|private/tmp|private/var/tmp))(?:[\\/]|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SharedDirectory();

    private static readonly HashSet<string> TemporaryVariables = new(StringComparer.OrdinalIgnoreCase) { "TEMP", "TMP", "TMPDIR" };

    /// <summary>Methods that only compare or search a path; a shared directory named there is not written to.</summary>
    private static readonly HashSet<string> ReadingMethods = new(StringComparer.Ordinal)
    {
        "StartsWith", "EndsWith", "Contains", "Equals", "IndexOf", "LastIndexOf", "Replace", "Compare", "CompareTo", "IsMatch", "Match", "Split", "TrimStart", "TrimEnd",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SecurityPatterns.Mentions(context, "GetTempFileName"))
        {
            AnalyzeTempFileName(context);
        }

        var reported = new HashSet<SyntaxNode>();
        foreach (var token in SecurityPatterns.Occurrences(context, StringComparison.OrdinalIgnoreCase, "tmp", "temp", "/dev/shm", "/dev/mqueue", "/run/lock", "Library/Caches", "Users/Shared"))
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "GetTempPath"
                && token.Parent is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax directory } })
            {
                AnalyzeTemporaryDirectory(context, directory, reported);
                continue;
            }

            if (token.Parent is LiteralExpressionSyntax { Parent: ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax variable } }
                && TypeNames.InvokedName(variable) is "GetEnvironmentVariable" or "ExpandEnvironmentVariables")
            {
                AnalyzeTemporaryDirectory(context, variable, reported);
                continue;
            }

            if (token.Parent is not (LiteralExpressionSyntax or InterpolatedStringTextSyntax))
            {
                continue;
            }

            var part = token.Parent as ExpressionSyntax ?? token.Parent.FirstAncestorOrSelf<InterpolatedStringExpressionSyntax>();
            if (part is null)
            {
                continue;
            }

            var whole = StringShape.Whole(part);
            if (!reported.Add(whole) || whole.FirstAncestorOrSelf<AttributeSyntax>() is not null
                || !SharedDirectory().IsMatch(StringShape.Prefix(whole, context.Model)) || IsOnlyRead(whole))
            {
                continue;
            }

            context.Report(this, whole, $"`{SecurityPatterns.Code(whole)}` names a path in a directory every local user can write to; use a private directory or an unpredictable name created with `FileMode.CreateNew`.");
        }
    }

    private void AnalyzeTempFileName(CSharpRuleContext context)
    {
        foreach (var token in SecurityPatterns.Occurrences(context, StringComparison.Ordinal, "GetTempFileName"))
        {
            if (token.Parent is not IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax member } name
                || member.Name != name
                || !IsFrameworkPath(member.Expression))
            {
                continue;
            }

            SyntaxNode reported = member.Parent is InvocationExpressionSyntax invocation ? invocation : member;
            context.Report(this, reported, $"`{SecurityPatterns.Code(reported)}` creates a file with a guessable name in the shared temporary directory (and fails after 65,535 files); use `Path.GetRandomFileName()` in a private directory with `FileMode.CreateNew`.");
        }
    }

    /// <summary>The temporary directory joined with a fixed name: <c>Path.Combine(Path.GetTempPath(), "app.lock")</c> or <c>Path.GetTempPath() + "app.lock"</c>.</summary>
    private void AnalyzeTemporaryDirectory(CSharpRuleContext context, InvocationExpressionSyntax source, HashSet<SyntaxNode> reported)
    {
        if (!IsTemporaryDirectory(source, context.Model))
        {
            return;
        }

        if (SecurityPatterns.ValueParent(source, out _) is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
        {
            // var dir = Path.GetTempPath(); … Path.Combine(dir, "name"): look at the uses of the variable in its scope.
            foreach (var use in SecurityPatterns.IdentifiersIn(context, SecurityPatterns.Scope(declarator), declarator.Identifier.ValueText))
            {
                if (use.Parent is IdentifierNameSyntax identifier && identifier.SpanStart > declarator.Span.End)
                {
                    ReportFixedName(context, identifier, reported);
                }
            }

            return;
        }

        ReportFixedName(context, source, reported);
    }

    private void ReportFixedName(CSharpRuleContext context, ExpressionSyntax directory, HashSet<SyntaxNode> reported)
    {
        var parent = SecurityPatterns.ValueParent(directory, out var child);
        ExpressionSyntax? joined = null;
        IEnumerable<ExpressionSyntax> others = [];
        if (parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Combine" or "Join" } combine } call } arguments }
            && IsFrameworkPath(combine.Expression)
            && arguments.Arguments[0] == parent)
        {
            joined = call;
            others = arguments.Arguments.Skip(1).Select(argument => argument.Expression);
        }
        else if (parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } concatenation && concatenation.Left == child)
        {
            joined = concatenation;
            others = [concatenation.Right];
        }

        if (joined is null || !others.Any() || others.Any(other => SecurityPatterns.StringValue(other, context.Model) is not { Length: > 0 }) || !reported.Add(joined))
        {
            return;
        }

        context.Report(this, joined, $"`{SecurityPatterns.Code(joined)}` uses a fixed name in the shared temporary directory, where another user can create it first; add an unpredictable part (`Path.GetRandomFileName()`) or use `Directory.CreateTempSubdirectory()`.");
    }

    /// <summary><c>Path.GetTempPath()</c>, <c>Environment.GetEnvironmentVariable("TEMP")</c> or <c>Environment.ExpandEnvironmentVariables("%TEMP%")</c>.</summary>
    private static bool IsTemporaryDirectory(InvocationExpressionSyntax invocation, SemanticModel model)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } member)
        {
            return false;
        }

        var arguments = invocation.ArgumentList.Arguments;
        return method switch
        {
            "GetTempPath" => IsFrameworkPath(member.Expression),
            "GetEnvironmentVariable" => arguments.Count == 1 && SecurityPatterns.StringValue(arguments[0].Expression, model) is { } name && TemporaryVariables.Contains(name),
            "ExpandEnvironmentVariables" => arguments.Count == 1 && SecurityPatterns.StringValue(arguments[0].Expression, model) is { } text && TemporaryVariables.Contains(text.Trim('%')),
            _ => false,
        };
    }

    /// <summary><c>Path</c>, <c>IO.Path</c> or <c>System.IO.Path</c>, not a type of the same name elsewhere.</summary>
    private static bool IsFrameworkPath(ExpressionSyntax expression) =>
        expression.ToString().Replace(" ", string.Empty, StringComparison.Ordinal) is "Path" or "IO.Path" or "System.IO.Path" or "global::System.IO.Path";

    /// <summary>True when the path is only compared or searched for, not used to reach a file.</summary>
    private static bool IsOnlyRead(ExpressionSyntax path)
    {
        var parent = SecurityPatterns.ValueParent(path, out _);
        return parent switch
        {
            ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation } => TypeNames.InvokedName(invocation) is { } method && ReadingMethods.Contains(method),
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } => ReadingMethods.Contains(method),
            BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression),
            _ => parent is ConstantPatternSyntax or CaseSwitchLabelSyntax or SwitchExpressionArmSyntax or IsPatternExpressionSyntax,
        };
    }
}
