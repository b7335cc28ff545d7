using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// SQL text built from non-constant strings (or taken from the request) that reaches an ADO.NET
/// command, a data adapter, an Entity Framework raw-SQL API or a Dapper call.
/// </summary>
public sealed class SqlInjectionRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/sql-injection",
        "SQL built from non-constant strings",
        Category.Security,
        Severity.Error,
        "SQL text assembled from variable strings lets whoever controls one of them rewrite the query: read other users' rows, change data or drop tables.",
        "Use parameters (`@id` with `cmd.Parameters.AddWithValue`) or an ORM's interpolated API (`FromSqlInterpolated`); never splice values into the SQL text.");

    private static readonly HashSet<string> CommandTypes = new(StringComparer.Ordinal)
    {
        "SqlCommand", "OleDbCommand", "OdbcCommand", "SqliteCommand", "SQLiteCommand", "NpgsqlCommand", "MySqlCommand",
        "OracleCommand", "SqlCeCommand", "DB2Command", "FbCommand", "NpgsqlBatchCommand", "MySqlScript",
        "SqlDataAdapter", "OleDbDataAdapter", "OdbcDataAdapter", "SQLiteDataAdapter", "NpgsqlDataAdapter",
        "MySqlDataAdapter", "OracleDataAdapter", "SqlCeDataAdapter", "QueryDefinition", "SqliteDataAdapter",
        "NamedQueryDefinition", "NamedSQLQueryDefinition", "QueryImpl", "SqlQueryImpl",
    };

    /// <summary>Types whose SQL text is their last constructor argument: <c>new SqlDataSource(connectionString, selectCommand)</c>.</summary>
    private static readonly HashSet<string> LastArgumentCommandTypes = new(StringComparer.Ordinal) { "SqlDataSource", "AccessDataSource" };

    /// <summary>Raw-SQL ORM methods; the SQL is their first string argument.</summary>
    private static readonly HashSet<string> RawSqlMethods = new(StringComparer.Ordinal)
    {
        "ExecuteSqlRaw", "ExecuteSqlRawAsync", "FromSqlRaw", "SqlQueryRaw", "ExecuteSqlCommand", "ExecuteSqlCommandAsync",
        "FromSql", "SqlQuery", "ExecuteSql", "ExecuteSqlAsync", "ExecuteQuery", "ExecuteCommand", "ExecuteStoreQuery",
        "ExecuteStoreCommand", "CreateSQLQuery", "GetSqlStringCommand", "GetItemQueryIterator", "GetItemQueryStreamIterator",
    };

    /// <summary>ServiceStack.OrmLite's raw-SQL extensions: their names are common words, so the receiver must be a connection.</summary>
    private static readonly HashSet<string> OrmLiteMethods = new(StringComparer.Ordinal)
    {
        "Select", "SelectAsync", "SelectLazy", "SelectNonDefaults", "SelectNonDefaultsAsync", "Single", "SingleAsync", "Scalar",
        "ScalarAsync", "Column", "ColumnAsync", "ColumnLazy", "ColumnDistinct", "ColumnDistinctAsync", "Lookup", "LookupAsync",
        "Dictionary", "DictionaryAsync", "Exists", "ExistsAsync", "SqlList", "SqlListAsync", "SqlColumn", "SqlColumnAsync",
        "SqlScalar", "SqlScalarAsync", "SqlProcedure", "ExecuteSql", "ExecuteSqlAsync", "KeyValuePairs", "KeyValuePairsAsync",
    };

    /// <summary>NHibernate session methods that take HQL or SQL text.</summary>
    private static readonly HashSet<string> SessionMethods = new(StringComparer.Ordinal)
    {
        "CreateQuery", "CreateFilter", "CreateFilterAsync", "Delete", "DeleteAsync", "GetNamedQuery", "GetNamedSQLQuery",
    };

    /// <summary>Of <see cref="RawSqlMethods"/>, those whose EF Core overloads take a <c>FormattableString</c> and parameterize it.</summary>
    private static readonly HashSet<string> InterpolationParameterized = new(StringComparer.Ordinal)
    {
        "FromSql", "SqlQuery", "ExecuteSql", "ExecuteSqlAsync", "ExecuteSqlCommand", "ExecuteSqlCommandAsync",
    };

    private static readonly HashSet<string> DapperMethods = new(StringComparer.Ordinal)
    {
        "Query", "QueryAsync", "QueryFirst", "QueryFirstAsync", "QueryFirstOrDefault", "QueryFirstOrDefaultAsync",
        "QuerySingle", "QuerySingleAsync", "QuerySingleOrDefault", "QuerySingleOrDefaultAsync", "QueryMultiple",
        "QueryMultipleAsync", "QueryUnbufferedAsync", "Execute", "ExecuteAsync", "ExecuteScalar", "ExecuteScalarAsync",
        "ExecuteReader", "ExecuteReaderAsync", "ExecuteNonQuery", "ExecuteNonQueryAsync", "ExecuteDataSet",
        "ExecuteDataset", "ExecuteDatasetAsync", "ExecuteDataRow", "ExecuteDataRowAsync", "UpdateDataSet", "UpdateDataSetAsync",
    };

    /// <summary>Static ADO.NET helpers whose first argument is always the connection, its connection string or a transaction.</summary>
    private static readonly HashSet<string> ProviderHelpers = new(StringComparer.Ordinal)
    {
        "MySqlHelper", "SqlHelper", "OracleHelper", "OleDbHelper", "OdbcHelper", "SQLiteHelper", "SqliteHelper", "NpgsqlHelper",
    };

    private static readonly string[] SqlStatements =
    [
        "insert into", "delete from", "exec ", "execute ", "merge into", "drop table", "create table", "alter table", "truncate table",
    ];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SinkSyntax.Mentions(context.Tree, "Command", "Sql", "SQL", "Query", "Execute", "Adapter"))
        {
            return;
        }
        var ef6 = context.Root.Usings.Any(u => u.Name?.ToString() == "System.Data.Entity");
        foreach (var node in ChangedNodeList.Of(context))
        {
            switch (node)
            {
                case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: [.., var last] } creation
                    when SinkSyntax.CreatedTypeName(creation) is { } source && LastArgumentCommandTypes.Contains(source) && last.NameColon is null:
                    Check(context, creation, last.Expression, $"`new {source}(…)`", allowInterpolation: false);
                    break;
                case BaseObjectCreationExpressionSyntax creation when SinkSyntax.CreatedTypeName(creation) is { } type && CommandTypes.Contains(type):
                    if (SqlArgument(creation.ArgumentList, context.Model) is { } text)
                    {
                        Check(context, creation, text, $"`new {type}(…)`", allowInterpolation: false);
                    }

                    break;
                case ObjectCreationExpressionSyntax { ArgumentList: { } arguments } creation when TypeNames.Simple(creation.Type) == "CommandDefinition":
                    // Dapper's command object; the query methods it is passed to take it as is.
                    if (SqlArgument(arguments.Arguments, context.Model) is { } definitionText)
                    {
                        Check(context, creation, definitionText, "`new CommandDefinition(…)`", allowInterpolation: false);
                    }

                    break;
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CommandText" } } assignment:
                    Check(context, assignment, assignment.Right, "`CommandText`", allowInterpolation: false);
                    break;
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Query" or "SelectCommand" } member } assignment
                    when TypeNames.Of(member.Expression, context.Model) is { } owner && (owner.EndsWith("QueryDefinitionBuilder", StringComparison.Ordinal) || owner.EndsWith("DataSource", StringComparison.Ordinal)):
                    // NHibernate's named-query builders and Web Forms data sources hold SQL text in ordinary-looking properties.
                    Check(context, assignment, assignment.Right, $"`{owner}.{member.Name.Identifier.ValueText}`", allowInterpolation: false);
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "CommandText" }, Parent: InitializerExpressionSyntax } initializer:
                    Check(context, initializer, initializer.Right, "`CommandText`", allowInterpolation: false);
                    break;
                case InvocationExpressionSyntax invocation:
                    AnalyzeInvocation(context, invocation, ef6);
                    break;
            }
        }
    }

    private void AnalyzeInvocation(CSharpRuleContext context, InvocationExpressionSyntax invocation, bool ef6)
    {
        if (TypeNames.InvokedName(invocation) is not { } name)
        {
            return;
        }

        var receiver = TypeNames.Receiver(invocation);
        if (RawSqlMethods.Contains(name))
        {
            // RelationalQueryableExtensions.FromSqlRaw(set, sql, …): the extension's receiver comes first.
            var candidates = IsExtensionClass(receiver) ? invocation.ArgumentList.Arguments.Skip(1) : invocation.ArgumentList.Arguments;
            if (SqlArgument(candidates, context.Model) is { } text)
            {
                // Only the one-argument overloads take a FormattableString; with more arguments the
                // interpolated text is formatted first and bound to the raw-SQL overload.
                var parameterized = !ef6 && InterpolationParameterized.Contains(name) && IsLastArgument(invocation.ArgumentList, text);
                Check(context, invocation, text, $"`{name}`", allowInterpolation: parameterized);
            }

            return;
        }

        if (name == "Execute" && receiver is IdentifierNameSyntax { Identifier.ValueText: "SQLiteCommand" or "SqliteCommand" })
        {
            // System.Data.SQLite's static one-shot form: SQLiteCommand.Execute(sql, executeType, connectionString, …).
            if (invocation.ArgumentList.Arguments is [{ NameColon: null } first, ..])
            {
                Check(context, invocation, first.Expression, "`SQLiteCommand.Execute`", allowInterpolation: false);
            }

            return;
        }

        if (receiver is not null && invocation.ArgumentList.Arguments.Count > 0 && !DapperMethods.Contains(name)
            && ((OrmLiteMethods.Contains(name) && !invocation.ArgumentList.Arguments.All(argument => argument.Expression is LambdaExpressionSyntax) && IsOrmLiteReceiver(receiver, context.Model)) || (SessionMethods.Contains(name) && IsSession(receiver, context.Model))))
        {
            if (SqlArgument(invocation.ArgumentList, context.Model) is { } ormText)
            {
                Check(context, invocation, ormText, $"`{name}`", allowInterpolation: false);
            }

            return;
        }

        if (!DapperMethods.Contains(name) || receiver is null || invocation.ArgumentList.Arguments.Count == 0)
        {
            return;
        }

        var isStaticHelper = receiver is IdentifierNameSyntax { Identifier.ValueText: var helper }
            && (helper == "SqlMapper" || helper.EndsWith("Helper", StringComparison.Ordinal) || helper.StartsWith("OrmLite", StringComparison.Ordinal));
        var looksLikeSql = invocation.ArgumentList.Arguments.Any(argument => LooksLikeSql(argument.Expression));
        if (!isStaticHelper && !looksLikeSql && !IsConnectionLike(receiver, context.Model))
        {
            // Query/Execute on something that is not a connection: a repository, a policy, a bus.
            return;
        }

        var arguments = invocation.ArgumentList.Arguments;
        var skipConnection = receiver is IdentifierNameSyntax { Identifier.ValueText: var vendor } && ProviderHelpers.Contains(vendor) && arguments is [{ NameColon: null }, _, ..];
        if (SqlArgument(skipConnection ? arguments.Skip(1) : arguments, context.Model) is { } sql)
        {
            Check(context, invocation, sql, $"`{name}`", allowInterpolation: false);
        }
    }

    private void Check(CSharpRuleContext context, SyntaxNode sink, ExpressionSyntax text, string sinkName, bool allowInterpolation)
    {
        if (allowInterpolation && Unwrap(text) is InterpolatedStringExpressionSyntax)
        {
            // EF Core turns each hole of a FormattableString into a DbParameter.
            return;
        }

        var origin = StringOrigins.Of(text, context.Model, IsSqlQuoting);
        if (origin.IsUserInput)
        {
            context.Report(this, sink, $"SQL text passed to {sinkName} includes user input from {origin.UserInput}; an attacker can rewrite the query. Pass the value as a parameter instead.");
        }
        else if (origin.IsBuilt)
        {
            context.Report(this, sink, $"SQL text passed to {sinkName} is built by splicing `{origin.Part}` into the string; whoever controls that value can rewrite the query. Pass it as a parameter instead.");
        }
    }

    /// <summary>The SQL argument: the first one that is not a connection, transaction, command type or <c>typeof</c>.</summary>
    private static ExpressionSyntax? SqlArgument(BaseArgumentListSyntax? arguments, SemanticModel model) =>
        arguments is null ? null : SqlArgument(arguments.Arguments, model);

    private static ExpressionSyntax? SqlArgument(IEnumerable<ArgumentSyntax> arguments, SemanticModel model)
    {
        foreach (var argument in arguments)
        {
            if (argument.NameColon is { } named)
            {
                var parameter = named.Name.Identifier.ValueText;
                if (parameter is "sql" or "cmdText" or "commandText" or "selectCommandText" or "query" or "script")
                {
                    return argument.Expression;
                }

                continue;
            }

            var expression = argument.Expression;
            if (expression is ObjectCreationExpressionSyntax { Type: var created } && TypeNames.Simple(created) == "CommandDefinition")
            {
                // Checked where it is created.
                return null;
            }

            if (IsNotSql(expression, model))
            {
                continue;
            }

            return expression;
        }

        return null;
    }

    private static bool IsNotSql(ExpressionSyntax expression, SemanticModel model)
    {
        switch (expression)
        {
            case TypeOfExpressionSyntax or AnonymousFunctionExpressionSyntax or AnonymousObjectCreationExpressionSyntax or ThisExpressionSyntax:
                return true;
            case LiteralExpressionSyntax literal:
                return !literal.IsKind(SyntaxKind.StringLiteralExpression);
            case InterpolatedStringExpressionSyntax or BinaryExpressionSyntax:
                return false;
            case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "CommandType" or "TransactionalBehavior" or "CommandBehavior" } }:
                return true;
            case BaseObjectCreationExpressionSyntax creation:
                return SinkSyntax.CreatedTypeName(creation) is { } created && (created.EndsWith("Connection", StringComparison.Ordinal) || CommandTypes.Contains(created));
            case InvocationExpressionSyntax invocation:
                return TypeNames.InvokedName(invocation) is "BeginTransaction" or "CreateConnection" or "GetConnection";
            default:
                if (expression is IdentifierNameSyntax or MemberAccessExpressionSyntax && IsConnectionLike(expression, model))
                {
                    return true;
                }

                var type = TypeNames.Of(expression, model);
                return type is not null && (type.EndsWith("Transaction", StringComparison.Ordinal) || type.EndsWith("Connection", StringComparison.Ordinal) || type == "CancellationToken");
        }
    }

    private static bool IsConnectionLike(ExpressionSyntax receiver, SemanticModel model)
    {
        var name = receiver switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            InvocationExpressionSyntax call => TypeNames.InvokedName(call),
            _ => null,
        };
        if (name is not null && IsConnectionName(name))
        {
            return true;
        }

        return TypeNames.Of(receiver, model) is { } type
            && (type.Contains("Connection", StringComparison.Ordinal) || type is "SqlDatabase" or "Database" or "DbContext");
    }

    /// <summary>
    /// <c>OrmLiteReadApi.SqlList(db, …)</c>, or an extension call on a connection whose type resolves in a file that
    /// imports OrmLite (its extensions are invisible without it; LINQ's <c>Select</c>/<c>Single</c> are then never bound).
    /// </summary>
    private static bool IsOrmLiteReceiver(ExpressionSyntax receiver, SemanticModel model) =>
        receiver is IdentifierNameSyntax { Identifier.ValueText: var type } && type.StartsWith("OrmLite", StringComparison.Ordinal)
        || (ImportsOrmLite(receiver.SyntaxTree.GetCompilationUnitRoot())
            && model.GetTypeInfo(receiver).Type is { } resolved and not IErrorTypeSymbol
            && (resolved.Name is "IDbConnection" or "DbConnection" || resolved.AllInterfaces.Any(face => face.Name == "IDbConnection")));

    private static bool ImportsOrmLite(CompilationUnitSyntax root) =>
        root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Any(directive => directive.Name?.ToString().Contains("OrmLite", StringComparison.Ordinal) == true);

    private static bool IsSession(ExpressionSyntax receiver, SemanticModel model)
    {
        var name = receiver switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };
        return (name is not null && Mentions(name, "session"))
            || TypeNames.Of(receiver, model) is { } type && type.EndsWith("Session", StringComparison.Ordinal);
    }

    private static bool IsExtensionClass(ExpressionSyntax? receiver) =>
        receiver is IdentifierNameSyntax { Identifier.ValueText: var type } && type.StartsWith("Relational", StringComparison.Ordinal) && type.EndsWith("Extensions", StringComparison.Ordinal);

    private static bool IsLastArgument(ArgumentListSyntax arguments, ExpressionSyntax text) =>
        arguments.Arguments.Count > 0 && arguments.Arguments[^1].Expression == text;

    private static bool IsConnectionName(string name) =>
        Mentions(name, "conn") || Mentions(name, "database") || Mentions(name, "session")
        || name.StartsWith("db", StringComparison.OrdinalIgnoreCase) || name.StartsWith("_db", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("Db", StringComparison.Ordinal);

    private static bool LooksLikeSql(ExpressionSyntax expression)
    {
        if (expression is IdentifierNameSyntax { Identifier.ValueText: var name })
        {
            return Mentions(name, "sql") || Mentions(name, "query");
        }

        var text = SinkSyntax.LiteralText(expression);
        return (Mentions(text, "select ") && Mentions(text, " from "))
            || (Mentions(text, "update ") && Mentions(text, " set "))
            || SqlStatements.Any(statement => Mentions(text, statement));
    }

    private static bool Mentions(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

    private static bool IsSqlQuoting(InvocationExpressionSyntax invocation) =>
        TypeNames.InvokedName(invocation) is { } name
        && (name.Contains("QuoteIdentifier", StringComparison.Ordinal) || name.Contains("EscapeSql", StringComparison.OrdinalIgnoreCase));

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax parenthesized ? Unwrap(parenthesized.Expression) : expression;
}
