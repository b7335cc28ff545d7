using System.Reflection;
using Npgsql;
using Xunit.Sdk;

namespace PrReviewBot.Server.Tests;

/// <summary>
/// The PostgreSQL server tests may use: <c>PRREVIEWBOT_TEST_POSTGRES</c> holds a connection string
/// with rights to create databases (<c>.ci/run</c> starts a server on loopback and sets it). Each
/// test gets a database of its own, dropped afterwards.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "PRREVIEWBOT_TEST_POSTGRES";

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Why the PostgreSQL cases are skipped; null when a server is given.</summary>
    public static string? SkipReason => Server is null
        ? $"{Variable} is not set: no PostgreSQL server to test against (.ci/run starts one on loopback when it can)"
        : null;

    /// <summary>Creates an empty database and returns its name and connection string.</summary>
    public static async Task<(string Name, string ConnectionString)> CreateDatabaseAsync()
    {
        var server = Server ?? throw new InvalidOperationException($"{Variable} is not set");
        var name = "prreviewbot_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE {name};");
        return (name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(Server!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE);");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The <c>postgres</c> case of a store theory (<c>[InlineData("sqlite")]</c> gives the other).
/// Without <see cref="TestPostgres.Variable"/> it is reported as skipped, with the reason, rather
/// than left out, so a run without PostgreSQL says so.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresCaseAttribute : DataAttribute
{
    public PostgresCaseAttribute()
    {
        Skip = TestPostgres.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["postgres"]];
}
