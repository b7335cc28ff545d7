using System.Text.RegularExpressions;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>Name resolution and string-shape helpers shared by the Python security rules.</summary>
internal static partial class PythonSecurityHelpers
{
    /// <summary>
    /// The callee with its first segment replaced by the module path it was imported from:
    /// <c>pk.loads</c> after <c>import pickle as pk</c> is <c>pickle.loads</c>; <c>loads</c> after
    /// <c>from pickle import loads</c> is <c>pickle.loads</c>. Unimported names are returned as written.
    /// </summary>
    public static string Resolve(PythonModule module, string callee)
    {
        var head = Head(callee);
        var import = module.Imports.LastOrDefault(candidate => candidate.Level == 0 && !candidate.IsStar
            && string.Equals(candidate.BoundName, head, StringComparison.Ordinal));
        return Apply(import, callee);
    }

    /// <summary>
    /// As <see cref="Resolve(PythonModule, string)"/>, for a call: a function-local import counts only inside its own
    /// function (and before the call); a module-level import counts inside functions, or above a module-level call.
    /// </summary>
    public static string Resolved(PythonModule module, PythonCall call)
    {
        if (DynamicImport(module, call) is { } dynamic)
        {
            return dynamic;
        }

        var head = Head(call.Callee);
        var candidates = module.Imports.Where(candidate => candidate.Level == 0 && !candidate.IsStar
            && string.Equals(candidate.BoundName, head, StringComparison.Ordinal)).ToList();
        var local = candidates.LastOrDefault(candidate => candidate.InFunction && candidate.StatementLine <= call.Line && Encloses(call.Scope, candidate.StatementLine));
        var import = local ?? candidates.LastOrDefault(candidate => !candidate.InFunction && (call.Scope is not null || candidate.StatementLine < call.Line));
        return Apply(import, call.Callee);
    }

    /// <summary><c>__import__("os").system(...)</c> or <c>importlib.import_module("os").system(...)</c>: <c>os.system</c>.</summary>
    private static string? DynamicImport(PythonModule module, PythonCall call)
    {
        var callee = call.Callee;
        var marker = callee.IndexOf("().", StringComparison.Ordinal);
        if (marker < 0 || callee.IndexOf("().", marker + 3, StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        var importer = callee[..marker];
        var inner = module.Calls.LastOrDefault(candidate => candidate.Line == call.Line && candidate.Column <= call.Column
            && string.Equals(candidate.Callee, importer, StringComparison.Ordinal));
        if (inner is null || Resolve(module, importer) is not ("__import__" or "builtins.__import__" or "importlib.import_module")
            || inner.Positional.Count == 0 || !IsPlainStringLiteral(inner.Positional[0].Text))
        {
            return null;
        }

        var name = inner.Positional[0].Text.Trim().Trim('"', '\'');
        return Identifier().IsMatch(name.Replace('.', '_')) ? name + callee[(marker + 2)..] : null;
    }

    private static bool Encloses(PythonDefinition? scope, int line)
    {
        for (var definition = scope; definition is not null; definition = definition.Parent)
        {
            if (definition.Line <= line && line <= definition.EndLine)
            {
                return true;
            }
        }

        return false;
    }

    private static string Head(string callee)
    {
        var dot = callee.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? callee : callee[..dot];
    }

    private static string Apply(PythonImport? import, string callee)
    {
        if (import is null)
        {
            return callee;
        }

        var dot = callee.IndexOf('.', StringComparison.Ordinal);
        var rest = dot < 0 ? string.Empty : callee[dot..];
        if (import.IsFromImport)
        {
            return import.Module + "." + import.ImportedName + rest;
        }

        return import.Alias is null ? callee : import.Module + rest;
    }

    /// <summary>True when the text is nothing but plain string literals (no f-string, no names).</summary>
    public static bool IsPlainStringLiteral(string text)
    {
        var trimmed = text.Trim();
        while (trimmed.Length > 2 && trimmed[0] == '(' && trimmed[^1] == ')')
        {
            trimmed = trimmed[1..^1].Trim();
        }

        return PlainLiterals().IsMatch(trimmed);
    }

    /// <summary>True when the argument is a constant: a plain string literal, number, bytes, None or a list/tuple of plain literals.</summary>
    public static bool IsConstant(PythonArgument argument) =>
        argument.Shape == PythonArgumentShape.StringLiteral || IsConstantText(argument.Text);

    public static bool IsConstantText(string text)
    {
        var trimmed = text.Trim();
        if (IsPlainStringLiteral(trimmed) || NumberOrNone().IsMatch(trimmed))
        {
            return true;
        }

        if (trimmed.Length >= 2 && ((trimmed[0] == '[' && trimmed[^1] == ']') || (trimmed[0] == '(' && trimmed[^1] == ')')))
        {
            var inner = trimmed[1..^1].Trim().TrimEnd(',');
            return inner.Length == 0 || inner.Split(',').All(part => IsPlainStringLiteral(part) || NumberOrNone().IsMatch(part.Trim()));
        }

        return false;
    }

    /// <summary>Whether an expression's text builds a string from non-literals: f-string with fields, <c>%</c>, <c>.format(</c> or <c>+</c> with a literal.</summary>
    public static bool IsBuiltString(string text)
    {
        var trimmed = text.Trim();
        if (FStringWithField().IsMatch(trimmed) || ((PercentFormat().IsMatch(trimmed) || FormatCall().IsMatch(trimmed)) && !EmptyFormatting().IsMatch(trimmed)))
        {
            return true;
        }

        return trimmed.Contains('+', StringComparison.Ordinal) && (trimmed.Contains('"', StringComparison.Ordinal) || trimmed.Contains('\'', StringComparison.Ordinal))
            && !IsPlainStringLiteral(trimmed.Replace("+", " ", StringComparison.Ordinal));
    }

    public static bool IsBuiltShape(PythonArgument argument) => argument.Shape switch
    {
        PythonArgumentShape.FString => argument.Text.Contains('{', StringComparison.Ordinal),
        PythonArgumentShape.PercentFormat or PythonArgumentShape.FormatCall => !EmptyFormatting().IsMatch(argument.Text),
        PythonArgumentShape.Concatenation => true,
        _ => false,
    };

    /// <summary>The value of the last assignment to <paramref name="name"/> before <paramref name="line"/> in the same scope, with any later augmented parts.</summary>
    public static IReadOnlyList<PythonAssignment> AssignmentsTo(PythonModule module, string name, int line, PythonDefinition? scope) =>
        [.. module.Assignments.Where(assignment => assignment.Line < line && ReferenceEquals(assignment.Scope, scope)
            && assignment.Targets.Any(target => target.Kind == PythonTargetKind.Name && string.Equals(target.Text, name, StringComparison.Ordinal)))];

    /// <summary>Splits an expression on top-level <c>+</c> (outside brackets and string literals).</summary>
    public static IReadOnlyList<string> SplitPlus(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        char quote = '\0';
        var start = 0;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (quote != '\0')
            {
                if (character == '\\')
                {
                    index++;
                }
                else if (character == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (character)
            {
                case '\'' or '"':
                    quote = character;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case '+' when depth == 0:
                    parts.Add(text[start..index].Trim());
                    start = index + 1;
                    break;
                default:
                    break;
            }
        }

        parts.Add(text[start..].Trim());
        return parts;
    }

    /// <summary>True when every name the value is made of is only ever assigned constants (in the same scope or at module level).</summary>
    public static bool IsConstantName(PythonModule module, string name, int line, PythonDefinition? scope)
    {
        var assignments = AssignmentsTo(module, name, line, scope);
        if (assignments.Count == 0 && scope is not null)
        {
            assignments = [.. module.Assignments.Where(assignment => assignment.Scope is null
                && assignment.Targets.Any(target => target.Kind == PythonTargetKind.Name && string.Equals(target.Text, name, StringComparison.Ordinal)))];
        }

        return assignments.Count > 0 && assignments.All(assignment => assignment.Value is not null && IsConstantText(assignment.Value));
    }

    public static bool IsIdentifier(string text) => Identifier().IsMatch(text.Trim());

    public static bool IsTrue(PythonArgument? argument) => argument is not null && string.Equals(argument.Text.Trim(), "True", StringComparison.Ordinal);

    public static bool IsFalse(PythonArgument? argument) => argument is not null && string.Equals(argument.Text.Trim(), "False", StringComparison.Ordinal);

    [GeneratedRegex("""^(?:(?:[rRbBuU]{0,2})(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")\s*)+$""")]
    private static partial Regex PlainLiterals();

    [GeneratedRegex(@"^(?:-?\d[\d_.eEjJxXoObB]*|None|True|False)$")]
    private static partial Regex NumberOrNone();

    [GeneratedRegex("""^(?:[rR]?[fF]|[fF][rR])['"][\s\S]*\{[^{]""")]
    private static partial Regex FStringWithField();

    [GeneratedRegex("""['"]\s*%\s*[\w(\[{]""")]
    private static partial Regex PercentFormat();

    [GeneratedRegex("""['"]\s*\.format\s*\(""")]
    private static partial Regex FormatCall();

    /// <summary>A plain literal formatted with nothing: <c>'...'.format()</c> or <c>'...' % ()</c>.</summary>
    [GeneratedRegex("""^(?:[rRbBuU]{0,2})(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")\s*(?:\.format\s*\(\s*\)|%\s*\(\s*\))$""")]
    private static partial Regex EmptyFormatting();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();
}
