using System.Text.RegularExpressions;
using PrReviewBot.Engine.Detection.Taint;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;

using PrReviewBot.Engine.Languages.Python.Security.Sinks;
using PrReviewBot.Engine.Languages.Python.Values;

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

    /// <summary>asyncpg's and pg8000's query methods: generic names, so only on a receiver named like a connection.</summary>
    private static readonly HashSet<string> ConnectionMethods = new(StringComparer.Ordinal)
    {
        "fetch", "fetchrow", "fetchval", "cursor", "run",
    };

    private static readonly HashSet<string> ConnectionNames = new(StringComparer.Ordinal)
    {
        "conn", "connection", "con", "db", "database", "pool", "cur", "cursor",
    };

    private static bool IsConnection(string callee)
    {
        var dot = callee.LastIndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        var receiver = callee[..dot];
        return ConnectionNames.Contains(receiver[(receiver.LastIndexOf('.') + 1)..]);
    }

    private static readonly string[] SqlKeywords = ["sql", "query", "statement", "operation"];

    /// <summary>SQLAlchemy query methods that take a clause as raw SQL text when given a string.</summary>
    private static readonly HashSet<string> QueryClauses = new(StringComparer.Ordinal)
    {
        "filter", "having", "group_by", "order_by", "distinct", "where",
    };

    private static int EndLine(PythonModule module, PythonCall call) =>
        call.LastToken >= 0 && call.LastToken < module.Tokens.Count ? module.Tokens[call.LastToken].End.Line : call.Line;

    /// <summary>The value of <c>x := value</c>, as the call receives it.</summary>
    private static PyExpr Unwrapped(PyExpr value) => value is PyOther { Kind: "walrus", Parts: [_, var assigned] } ? Unwrapped(assigned) : value;

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tainted = PythonTaintRule.ReportTainted(this, context, PythonSinks.Sql, sink => $"SQL passed to `{sink.Call.Name}` is built from {PythonTaintRule.Origin(sink.Source)}; pass the values as query parameters instead.");
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            if (tainted.Contains(call.Line))
            {
                continue;
            }

            var isMethodSink = (MethodSinks.Contains(call.Name) && (call.Callee.Contains('.', StringComparison.Ordinal) || call.Name.StartsWith("read_sql", StringComparison.Ordinal)))
                || (ConnectionMethods.Contains(call.Name) && IsConnection(call.Callee));
            var resolved = module.Values.Resolve(call);
            var isText = string.Equals(call.Name, "text", StringComparison.Ordinal) && resolved.StartsWith("sqlalchemy", StringComparison.Ordinal);
            var isRawSql = string.Equals(call.Name, "RawSQL", StringComparison.Ordinal) && resolved.StartsWith("django.db.models", StringComparison.Ordinal);
            if (isMethodSink || isText || isRawSql)
            {
                var positional = call.Positional;
                var sql = positional.Count > 0 ? positional[0] : SqlKeywords.Select(call.Keyword).FirstOrDefault(argument => argument is not null);
                if (sql is not null && IsBuilt(module, sql, call, out var via, out var builtAt))
                {
                    context.Report(this, builtAt >= call.Line - 10 ? builtAt : call.Line, EndLine(module, call),
                        $"SQL passed to `{call.Name}` is built from non-constant strings{via}; pass the values as query parameters instead.");
                }

                continue;
            }

            if (string.Equals(call.Name, "extra", StringComparison.Ordinal) && call.Callee.Contains('.', StringComparison.Ordinal))
            {
                // Every clause of `extra()` (select, where, tables, order_by) is pasted into the query as written.
                var clauses = module.Values.Of(call)?.Arguments.Where(argument => argument.Keyword is not ("params" or "select_params")) ?? [];
                if (clauses.Any(clause => clause.Value.DescendantsAndSelf().Any(part => IsBuiltQuery(module, part, call.Line, call.Scope))))
                {
                    context.Report(this, call.Line, EndLine(module, call),
                        "`extra()` gets SQL built from non-constant strings; use `params=`/`select_params=` or the ORM's annotations and filters instead.");
                }

                continue;
            }

            if (QueryClauses.Contains(call.Name) && call.Callee.Contains("query", StringComparison.OrdinalIgnoreCase)
                && module.Values.Of(call)?.Argument(0, null) is { } clause && IsBuiltQuery(module, Unwrapped(clause), call.Line, call.Scope))
            {
                context.Report(this, call.Line, EndLine(module, call),
                    $"`{call.Name}` of a SQLAlchemy query gets raw SQL built from non-constant strings; use column expressions (`Model.name == value`) or `text()` with bound parameters.");
            }
        }

        ReportBuiltQueries(context);
    }

    private void ReportBuiltQueries(PythonRuleContext context)
    {
        foreach (var (line, built, source) in PythonTaintedSinks.BuiltStrings(context.Module, text => SqlVerb().IsMatch(text), text => SqlText().IsMatch(text), VulnerabilityFamily.SqlInjection))
        {
            if (!context.Covers(this, line))
            {
                context.Report(this, line, Math.Max(line, built.Line), $"SQL text is built from {PythonTaintRule.Origin(source)}; keep the query constant and pass the value as a parameter.");
            }
        }
    }

    /// <summary>Literal text that reads as a SQL statement: a verb and the clause that goes with it.</summary>
    [GeneratedRegex(@"^\s*(?:SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\b[\s\S]*\bSET|DELETE\s+FROM|REPLACE\s+INTO|MERGE\s+INTO|CREATE\s+TABLE|DROP\s+TABLE|ALTER\s+TABLE|EXEC(?:UTE)?\s)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlText();

    [GeneratedRegex(@"\b(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|MERGE|CREATE|DROP|ALTER|EXEC)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlVerb();

    private static bool IsBuilt(PythonModule module, PythonArgument sql, PythonCall call, out string via, out int builtAt)
    {
        via = string.Empty;
        builtAt = call.Line;
        var values = module.Values;
        if (values.Of(sql) is not { } written)
        {
            return false;
        }

        var value = Unwrapped(written);

        if (value is not PyName name)
        {
            return IsBuiltQuery(module, value, call.Line, call.Scope);
        }

        foreach (var assignment in values.AssignmentsVisible(name.Id, call.Scope, call.Line))
        {
            if (assignment.Line >= call.Line || !ReferenceEquals(assignment.Scope, call.Scope) || values.Of(assignment) is not { } assigned)
            {
                continue;
            }

            var built = assignment.IsAugmented
                ? !values.IsConstant(assigned, assignment.Scope)
                : IsBuiltQuery(module, assigned, assignment.Line, assignment.Scope);
            if (built)
            {
                via = $" (through `{name.Id}`)";
                builtAt = assignment.Line;
                return true;
            }
        }

        return false;
    }

    /// <summary>Text built by concatenation or formatting from a part that is not constant, unless every part is SQL an ORM compiled.</summary>
    private static bool IsBuiltQuery(PythonModule module, PyExpr value, int line, PythonDefinition? scope) =>
        PythonValues.IsBuiltString(value) && !module.Values.IsConstant(value, scope)
        && !(value is PyFString formatted && InterpolatesOnlyCompiledSql(module, formatted, line, scope));

    /// <summary>
    /// An f-string whose every field is SQL an ORM compiled (<c>f"EXPLAIN {sql}"</c> after
    /// <c>sql, params = qs.query.sql_with_params()</c>) or a constant: the query builder quoted the values
    /// or left them as placeholders, so nothing a user controls is spliced in.
    /// </summary>
    private static bool InterpolatesOnlyCompiledSql(PythonModule module, PyFString formatted, int line, PythonDefinition? scope) =>
        formatted.Fields.Count > 0 && formatted.Fields.All(field => IsCompiledSql(field)
            || (field is PyName name && (module.Values.IsConstant(name, scope) || IsCompiledSqlName(module, name.Id, line, scope))));

    /// <summary>
    /// A name that holds compiled SQL: assigned from a compiling call in the same scope (the first target of
    /// <c>sql, params = ...sql_with_params()</c>), or a parameter that every call of its function in this module
    /// fills with compiled SQL.
    /// </summary>
    private static bool IsCompiledSqlName(PythonModule module, string name, int line, PythonDefinition? scope)
    {
        if (AssignmentsAbove(module, name, line, scope) is { Count: > 0 } assignments)
        {
            return assignments.All(assignment => IsCompiledSqlAssignment(module, assignment, name));
        }

        // Only a private helper (`_run_explain`) is called from this module alone, so its callers here are all its callers.
        if (scope is not { Kind: PythonDefinitionKind.Function } || !scope.Name.StartsWith('_') || scope.Name.StartsWith("__", StringComparison.Ordinal))
        {
            return false;
        }

        var position = scope.Parameters.Select((parameter, index) => (parameter, index))
            .FirstOrDefault(pair => string.Equals(pair.parameter.Name, name, StringComparison.Ordinal));
        if (position.parameter is null)
        {
            return false;
        }

        var offset = scope.IsMethod && scope.Parameters.Count > 0 && scope.Parameters[0].IsSelfOrCls ? 1 : 0;
        var callers = module.Calls.Where(call => string.Equals(call.Name, scope.Name, StringComparison.Ordinal)
            && (scope.IsMethod ? call.Callee.Contains('.', StringComparison.Ordinal) : !call.Callee.Contains('.', StringComparison.Ordinal))).ToList();
        return callers.Count > 0 && callers.All(caller => module.Values.Of(caller)?.Argument(position.index - offset, name) switch
        {
            null => false,
            PyName source => AssignmentsAbove(module, source.Id, caller.Line, caller.Scope) is { Count: > 0 } sources
                && sources.All(assignment => IsCompiledSqlAssignment(module, assignment, source.Id)),
            var argument => IsCompiledSql(argument),
        });
    }

    /// <summary>The assignments to a name above a line in the same scope.</summary>
    private static List<PythonAssignment> AssignmentsAbove(PythonModule module, string name, int line, PythonDefinition? scope) =>
        [.. module.Values.AssignmentsVisible(name, scope, line).Where(assignment => assignment.Line < line && ReferenceEquals(assignment.Scope, scope))];

    private static bool IsCompiledSqlAssignment(PythonModule module, PythonAssignment assignment, string name)
    {
        if (assignment.IsAugmented || module.Values.Of(assignment) is not { } value)
        {
            return false;
        }

        if (assignment.Targets.Count >= 2)
        {
            // `sql, params = compiler.as_sql()`: the text is the first element of the pair.
            return string.Equals(assignment.Targets[0].Text, name, StringComparison.Ordinal) && IsCompiledPair(value);
        }

        return IsCompiledSql(value);
    }

    /// <summary>
    /// <c>str(qs.query)</c>, <c>stmt.compile(...)</c>, <c>str(stmt.compile(...))</c>, <c>cursor.mogrify(...)</c> (decoded or not),
    /// <c>qs.query.sql_with_params()[0]</c>; not the query string of a request or URL (<c>str(request.query)</c>,
    /// <c>str(parsed.query)</c>), which the client writes.
    /// </summary>
    private static bool IsCompiledSql(PyExpr expression)
    {
        if (expression is PyCall { Function: PyName { Id: "str" }, Arguments: [{ Keyword: null, Value: var inner }] })
        {
            if (inner is PyMember { Name: "query", Target: var owner })
            {
                return owner switch
                {
                    PyName name => !ClientQueryOwners.Contains(name.Id),
                    PyMember member => !ClientQueryOwners.Contains(member.Name),
                    _ => true,
                };
            }

            expression = inner;
        }

        return expression switch
        {
            PyCall { Function: PyMember { Name: "compile" or "mogrify" } } => true,
            PyCall { Function: PyMember { Name: "decode", Target: PyCall { Function: PyMember { Name: "mogrify" } } } } => true,
            PySubscript { Target: var pair, Index: PyConstant { Text: "0" } } => IsCompiledPair(pair),
            _ => false,
        };
    }

    /// <summary>Django's <c>query.sql_with_params()</c> and <c>compiler.as_sql()</c> return <c>(sql, params)</c>.</summary>
    private static bool IsCompiledPair(PyExpr expression) =>
        expression is PyCall { Function: PyMember { Name: "sql_with_params" or "as_sql" } };

    /// <summary>Objects whose <c>.query</c> is a URL's query string.</summary>
    private static readonly HashSet<string> ClientQueryOwners = new(StringComparer.Ordinal)
    {
        "request", "req", "url", "uri", "parsed", "parts", "split", "link",
    };
}
