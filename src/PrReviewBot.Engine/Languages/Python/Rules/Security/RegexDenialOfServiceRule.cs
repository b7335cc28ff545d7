using PrReviewBot.Engine.Detection.RegularExpressions;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A constant regular expression that can backtrack exponentially (ReDoS) given to <c>re</c> or
/// <c>regex</c>: a repetition that can read the same text in more than one way, followed by
/// something that can fail, as in <c>^(a+)+$</c> or <c>(\w+\s?)*$</c>.
/// </summary>
public sealed class RegexDenialOfServiceRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/regex-dos",
        "Regular expression with exponential backtracking",
        Category.Security,
        Severity.Warning,
        "Python's `re` engine backtracks: on a pattern whose repetition can split the same text in many ways, a short crafted input that almost matches makes one call run for minutes and blocks the worker (ReDoS).",
        "Rewrite the repetition so each character can be read one way only (`(\\w+\\s?)*` becomes `\\w+(\\s\\w+)*`, `(a+)+` becomes `a+`), or bound the input length before matching.");

    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "compile", "match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            var resolved = PythonSecurityHelpers.Resolved(module, call);
            var dot = resolved.LastIndexOf('.');
            if (dot < 0 || resolved[..dot] is not ("re" or "regex") || !Functions.Contains(resolved[(dot + 1)..]))
            {
                continue;
            }

            var function = resolved[(dot + 1)..];
            var patternArgument = call.Positional.Count > 0 ? call.Positional[0] : call.Keyword("pattern");
            if (patternArgument is null || PatternValue(module, call, patternArgument) is not { } pattern)
            {
                continue;
            }

            if (function is not "compile" && InputIsConstant(module, call))
            {
                continue;
            }

            if (function is "compile" && !CompiledIsUsed(module, call))
            {
                continue;
            }

            var flags = Flags(module, call, function);
            var verbose = flags.Contains("VERBOSE") || flags.Contains("X");
            var mode = function == "fullmatch" || (function == "compile" && CompiledUsedForFullMatch(module, call)) ? RegexMatchMode.Full : RegexMatchMode.Partial;
            var dotAll = flags.Contains("DOTALL") || flags.Contains("S");
            if (CatastrophicPatterns.IsExponential(pattern, mode, verbose, dotAll))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` gets a pattern that can backtrack exponentially (a repetition that can read the same text in more than one way, then something that can fail); a crafted input can make it run for minutes. Rewrite the repetition so each character is read one way only, or cap the input length first.");
            }
        }
    }

    /// <summary>Where the flags go: <c>re.compile(p, flags)</c>, <c>re.match(p, s, flags)</c>, <c>re.sub(p, repl, s, count, flags)</c>.</summary>
    private static int FlagsPosition(string function) => function switch
    {
        "compile" => 1,
        "sub" or "subn" => 4,
        "split" => 3,
        _ => 2,
    };

    /// <summary>The <c>re</c> flags named in the flags argument (<c>re.X | re.S</c> gives X and S); a bare one-letter name counts only as <c>re.X</c>.</summary>
    private static HashSet<string> Flags(PythonModule module, PythonCall call, string function)
    {
        var flags = module.Values.Of(call)?.Argument(FlagsPosition(function), "flags");
        return flags is null
            ? []
            : flags.DescendantsAndSelf()
                .Select(part => part switch
                {
                    PyMember { Target: PyName { Id: "re" or "regex" } } flag => flag.Name,
                    PyMember { Name: "VERBOSE" or "DOTALL" } flag => flag.Name,
                    PyName { Id: "VERBOSE" or "DOTALL" } flag => flag.Id,
                    _ => null,
                })
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The text searched is fixed when the code is written, so no attacker can craft it.</summary>
    private static bool InputIsConstant(PythonModule module, PythonCall call)
    {
        var input = module.Values.Of(call)?.Argument(call.Name is "sub" or "subn" ? 2 : 1, "string");
        return input is not null && module.Values.IsConstant(input, call.Scope);
    }

    /// <summary>
    /// A compiled pattern that can reach a match: stored anywhere but a local name, or a local name
    /// that is matched with, or handed on. <c>re.compile(...)</c> as a bare statement, or a local only
    /// ever <c>purge</c>d, never runs.
    /// </summary>
    private static bool CompiledIsUsed(PythonModule module, PythonCall call)
    {
        var assignment = PythonSecurityHelpers.AssignedFrom(module, call);
        if (assignment is null)
        {
            var statement = module.Tokens.FirstOrDefault(token => token.Start.Line == call.Line && token.Kind is not (PythonTokenKind.Indent or PythonTokenKind.Dedent));
            return statement is null || !call.Callee.StartsWith(statement.Text, StringComparison.Ordinal) || call.Column != statement.Start.Column;
        }

        if (assignment is not { Targets: [{ Kind: PythonTargetKind.Name } target] })
        {
            return true;
        }

        var next = module.Assignments.FirstOrDefault(candidate => candidate.Line > call.Line && ReferenceEquals(candidate.Scope, call.Scope)
            && candidate.Targets.Any(other => other.Kind == PythonTargetKind.Name && other.Text == target.Text))?.Line ?? int.MaxValue;
        var uses = module.Calls.Where(use => use.Line > call.Line && use.Line < next && use.Callee.StartsWith(target.Text + ".", StringComparison.Ordinal)).ToList();
        var read = module.NamesRead.Any(use => use.Line > call.Line && use.Line < next && use.Name == target.Text);
        // A module-level pattern nobody uses here is there for other modules to import.
        return uses.Count == 0 ? read || call.Scope is null : uses.Any(use => Functions.Contains(use.Name) && use.Name != "compile");
    }

    /// <summary><c>p = re.compile(...)</c> followed somewhere by <c>p.fullmatch(...)</c>.</summary>
    private static bool CompiledUsedForFullMatch(PythonModule module, PythonCall call) =>
        PythonSecurityHelpers.AssignedFrom(module, call) is { Targets: [var target, ..] }
        && module.Calls.Any(use => string.Equals(use.Callee, target.Text + ".fullmatch", StringComparison.Ordinal));

    /// <summary>The pattern's text when it is a plain string literal, or a name bound only to one in this scope or at module level.</summary>
    private static string? PatternValue(PythonModule module, PythonCall call, PythonArgument argument)
    {
        if (LiteralValue(module, argument.FirstToken, argument.LastToken) is { } literal)
        {
            return literal;
        }

        if (module.Values.Of(argument) is not PyName { Id: var name })
        {
            return null;
        }

        // The literal's own tokens, because the regex engine sees raw and escaped literals differently.
        var assignments = module.Values.AssignmentsVisible(name, call.Scope, call.Line);
        return assignments is [{ IsAugmented: false, Targets.Count: 1 } only] && module.Values.Of(only) is PyString
            ? LiteralValue(module, only.ValueFirstToken, only.ValueLastToken)
            : null;
    }

    /// <summary>The value of a run of plain string literal tokens (implicit concatenation, parentheses allowed).</summary>
    private static string? LiteralValue(PythonModule module, int first, int last)
    {
        var tokens = module.Tokens;
        if (first < 0 || last >= tokens.Count || last < first)
        {
            return null;
        }

        var value = new System.Text.StringBuilder();
        var any = false;
        for (var index = first; index <= last; index++)
        {
            var token = tokens[index];
            if (token.Kind is PythonTokenKind.NonLogicalNewline or PythonTokenKind.Comment || token.IsOp("(") || token.IsOp(")"))
            {
                continue;
            }

            if (token.Kind != PythonTokenKind.StringLiteral)
            {
                return null;
            }

            var quote = token.Text.IndexOfAny(['\'', '"']);
            var prefix = quote < 0 ? string.Empty : token.Text[..quote].ToLowerInvariant();
            if (prefix.Contains('f', StringComparison.Ordinal))
            {
                return null;
            }

            var body = PythonModuleBuilder.StringValue(token);
            value.Append(prefix.Contains('r', StringComparison.Ordinal) ? body : Unescape(body));
            any = true;
        }

        return any ? value.ToString() : null;
    }

    /// <summary>Escapes that change what the regex engine sees; others (<c>\d</c>, <c>\n</c>) mean the same to it either way.</summary>
    private static string Unescape(string body)
    {
        var result = new System.Text.StringBuilder(body.Length);
        for (var index = 0; index < body.Length; index++)
        {
            if (body[index] == '\\' && index + 1 < body.Length && body[index + 1] is '\\' or '\'' or '"')
            {
                result.Append(body[index + 1]);
                index++;
            }
            else
            {
                result.Append(body[index]);
            }
        }

        return result.ToString();
    }
}
