using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>SQL text built with an f-string, <c>%</c>, <c>.format</c> or <c>+</c> that reaches a DB-API, Django, SQLAlchemy or pandas call.</summary>
public sealed partial class SqlInjectionRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/sql-injection",
        "SQL built from non-constant strings",
        Category.Security,
        Severity.Error,
        "SQL text assembled from variable strings lets whoever controls one of them rewrite the query: read other users' rows, change data or drop tables.",
        "Keep the SQL constant and pass values as parameters: `cursor.execute(\"SELECT * FROM t WHERE id = %s\", (user_id,))`, or `text(\"... :id\")` with bind parameters.");

    private static readonly HashSet<string> MethodSinks = new(StringComparer.Ordinal)
    {
        "execute", "executemany", "executescript", "raw", "read_sql", "read_sql_query", "exec_driver_sql",
    };

    private static readonly string[] SqlKeywords = ["sql", "query", "statement", "operation"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            var isMethodSink = MethodSinks.Contains(call.Name) && (call.Callee.Contains('.', StringComparison.Ordinal) || call.Name.StartsWith("read_sql", StringComparison.Ordinal));
            var resolved = PythonSecurityHelpers.Resolved(module, call);
            var isText = string.Equals(call.Name, "text", StringComparison.Ordinal) && resolved.StartsWith("sqlalchemy", StringComparison.Ordinal);
            if (isMethodSink || isText)
            {
                var positional = call.Positional;
                var sql = positional.Count > 0 ? positional[0] : SqlKeywords.Select(call.Keyword).FirstOrDefault(argument => argument is not null);
                if (sql is not null && IsBuilt(module, sql, call, out var via))
                {
                    context.Report(this, call.Line, call.Line, $"SQL passed to `{call.Name}` is built from non-constant strings{via}; pass the values as query parameters instead.");
                }

                continue;
            }

            if (string.Equals(call.Name, "extra", StringComparison.Ordinal) && call.Callee.Contains('.', StringComparison.Ordinal))
            {
                var where = call.Keyword("where");
                if (where is not null && ContainsBuiltString().IsMatch(where.Text))
                {
                    context.Report(this, call.Line, call.Line, "`extra(where=...)` gets SQL built from non-constant strings; use `params=` or the ORM's filters instead.");
                }
            }
        }
    }

    private static bool IsBuilt(PythonModule module, PythonArgument sql, PythonCall call, out string via)
    {
        via = string.Empty;
        if (PythonSecurityHelpers.IsBuiltShape(sql))
        {
            return sql.Shape != PythonArgumentShape.Concatenation
                || !PythonSecurityHelpers.SplitPlus(sql.Text).All(part => PythonSecurityHelpers.IsConstantText(part)
                    || (PythonSecurityHelpers.IsIdentifier(part) && PythonSecurityHelpers.IsConstantName(module, part, call.Line, call.Scope)));
        }

        var name = sql.Text.Trim();
        if (!PythonSecurityHelpers.IsIdentifier(name))
        {
            return false;
        }

        foreach (var assignment in PythonSecurityHelpers.AssignmentsTo(module, name, call.Line, call.Scope))
        {
            if (assignment.Value is null)
            {
                continue;
            }

            var built = assignment.IsAugmented
                ? !PythonSecurityHelpers.IsConstantText(assignment.Value) && !IsConstantConcatenation(module, assignment)
                : PythonSecurityHelpers.IsBuiltString(assignment.Value) && !IsConstantConcatenation(module, assignment);
            if (built)
            {
                via = $" (through `{name}`)";
                return true;
            }
        }

        return false;
    }

    /// <summary><c>BASE + " WHERE id = ?"</c> where every name is a constant.</summary>
    private static bool IsConstantConcatenation(PythonModule module, PythonAssignment assignment)
    {
        var parts = PythonSecurityHelpers.SplitPlus(assignment.Value!);
        return parts.All(part => PythonSecurityHelpers.IsConstantText(part)
            || (PythonSecurityHelpers.IsIdentifier(part) && PythonSecurityHelpers.IsConstantName(module, part, assignment.Line, assignment.Scope)));
    }

    [GeneratedRegex("""(?:\b[rR]?[fF][rR]?['"][^'"\n]*\{[^{]|['"]\s*%\s*[\w(\[{]|['"]\s*\.format\s*\(|['"]\s*\+\s*[A-Za-z_]|[A-Za-z_)\]]\s*\+\s*[rRbB]?['"])""")]
    private static partial Regex ContainsBuiltString();
}
