using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A database connection without a password: a driver's <c>connect(password="")</c>, an
/// SQLAlchemy URL with a user and no password (<c>postgresql://app:@db.example.org</c>), or a Django
/// <c>DATABASES</c> entry with <c>'PASSWORD': ''</c> in a settings module.
/// </summary>
/// <remarks>
/// SQLite has no passwords, and a URL to a server on this machine or to a single-label service
/// name (a container next to this one) usually relies on trusted local access, so neither is
/// judged; an explicit <c>password=""</c> is.
/// </remarks>
public sealed class EmptyDatabasePasswordRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/empty-database-password",
        "Database connection without a password",
        Category.Security,
        Severity.Warning,
        "A database that accepts this connection without a password accepts it from anyone who can reach it: its data can be read and changed by them.",
        "Protect the database account with a password (or certificate, IAM) and read it from the environment or a secret store: `password=os.environ[\"DB_PASSWORD\"]`.");

    /// <summary>Driver connect calls and the position of the password when passed positionally (-1 when only by keyword).</summary>
    private static readonly Dictionary<string, int> Connects = new(StringComparer.Ordinal)
    {
        ["mysql.connector.connect"] = 2,
        ["mysql.connector.connection.MySQLConnection"] = -1,
        ["mysql.connector.MySQLConnection"] = -1,
        ["pymysql.connect"] = -1,
        ["MySQLdb.connect"] = -1,
        ["psycopg2.connect"] = -1,
        ["psycopg.connect"] = -1,
        ["pgdb.connect"] = -1,
        ["pg.DB"] = 5,
        ["pg.connect"] = 5,
        ["pymssql.connect"] = 3,
        ["asyncpg.connect"] = -1,
        ["aiomysql.connect"] = -1,
    };

    private static readonly string[] UrlSchemes = ["postgresql", "postgres", "mysql", "mariadb", "oracle", "mssql"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            if (!Connects.TryGetValue(module.Values.Resolve(call), out var position) || module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            var password = parsed.Keyword("password") ?? parsed.Keyword("passwd") ?? (position >= 0 ? parsed.Argument(position, null) : null);
            if (password is PyString { Value.Length: 0 })
            {
                context.Report(this, password.Line, password.Line, $"`{call.Callee}` connects with an empty password; give the account a password and read it from the environment or a secret store.");
            }
        }

        ReportUrls(context);
        ReportDjangoDatabases(context);
    }

    /// <summary>String literals that are database URLs naming a user without a password.</summary>
    private void ReportUrls(PythonRuleContext context)
    {
        var module = context.Module;
        for (var i = 0; i < module.Tokens.Count; i++)
        {
            // A plain literal's value is its text without prefix and quotes: one without "://" is no URL, and needs no parsing.
            if (module.Tokens[i].Kind != PythonTokenKind.StringLiteral || !module.Tokens[i].Text.Contains("://", StringComparison.Ordinal)
                || PythonExpressionParser.Parse(module.Tokens, i, i) is not PyString { Value: var text } literal)
            {
                continue;
            }

            if (UserWithoutPassword(text) is { } user)
            {
                context.Report(this, literal.Line, literal.Line, $"The database URL logs in as `{user}` without a password; add one, read from the environment (`os.environ[\"DATABASE_URL\"]`).");
            }
        }
    }

    private static string? UserWithoutPassword(string url)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return null;
        }

        var scheme = url[..separator];
        var plus = scheme.IndexOf('+', StringComparison.Ordinal);
        var dialect = plus < 0 ? scheme : scheme[..plus];
        if (!UrlSchemes.Contains(dialect, StringComparer.OrdinalIgnoreCase) || (plus >= 0 && !scheme[(plus + 1)..].All(char.IsAsciiLetterOrDigit)))
        {
            return null;
        }

        var rest = url[(separator + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? rest : rest[..end];
        var at = authority.LastIndexOf('@');
        if (at <= 0)
        {
            return null;
        }

        var credentials = authority[..at];
        var host = authority[(at + 1)..];
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? credentials : credentials[..colon];
        var hasPassword = colon >= 0 && colon < credentials.Length - 1;
        if (hasPassword || user.Length == 0 || user.Contains('{', StringComparison.Ordinal) || user.Contains('%', StringComparison.Ordinal) || IsLocal(HostName(host))
            || !HostName(host).Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        return user;
    }

    private static string HostName(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon < 0 || host.EndsWith(']') ? host : host[..colon];
    }

    private static bool IsLocal(string? host) =>
        host is not null && host.Trim().Trim('[', ']').ToLowerInvariant() is "localhost" or "127.0.0.1" or "::1" or "";

    /// <summary><c>DATABASES = {"default": {"PASSWORD": ""}}</c> in a Django settings module, SQLite entries aside.</summary>
    private void ReportDjangoDatabases(PythonRuleContext context)
    {
        var module = context.Module;
        if (!DjangoSettings.IsSettingsFile(context.Path))
        {
            return;
        }

        foreach (var assignment in module.Assignments)
        {
            if (assignment.Scope is not null || assignment.Targets is not [{ Text: "DATABASES", Kind: PythonTargetKind.Name }]
                || module.Values.Of(assignment) is not PyDisplay { Kind: PyDisplayKind.Dict } databases)
            {
                continue;
            }

            foreach (var database in databases.Items.OfType<PyDisplay>().Where(item => item.Kind == PyDisplayKind.Dict))
            {
                if (module.Values.ConstantString(database.ValueOf("ENGINE"), null) is { } engine && engine.Contains("sqlite", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                for (var i = 0; i < database.Keys.Count; i++)
                {
                    if (database.Keys[i] is PyString { Value: "PASSWORD" } && database.Items[i] is PyString { Value.Length: 0 })
                    {
                        context.Report(this, database.Keys[i]!.Line, database.Keys[i]!.Line, "This `DATABASES` entry has an empty `PASSWORD`; set one and read it from the environment: `os.environ[\"DB_PASSWORD\"]`.");
                    }
                }
            }
        }
    }
}
