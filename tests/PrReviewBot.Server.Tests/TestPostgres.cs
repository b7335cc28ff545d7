using Npgsql;

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

    /// <summary>The stores a contract test runs against: SQLite always, PostgreSQL when a server is given.</summary>
    public static TheoryData<string> Stores
    {
        get
        {
            var stores = new TheoryData<string> { "sqlite" };
            if (Server is not null)
            {
                stores.Add("postgres");
            }

            return stores;
        }
    }

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
