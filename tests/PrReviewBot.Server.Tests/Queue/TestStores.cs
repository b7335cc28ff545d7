using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PrReviewBot.Server.Queue;

namespace PrReviewBot.Server.Tests.Queue;

/// <summary>
/// The stores a contract test runs against: SQLite in a folder of its own, or PostgreSQL in a database of its own
/// (see <see cref="TestPostgres"/>), on one fake clock; all of it removed when the test ends.
/// </summary>
public sealed class TestStores : IAsyncDisposable
{
    private readonly List<RelationalJobStore> opened = [];
    private (string Name, string ConnectionString)? database;

    /// <summary>The folder of the SQLite file; tests may remove it under a running store.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "prreviewbot-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The connection string of this test's PostgreSQL database, once a PostgreSQL store was opened.</summary>
    public string? PostgresConnectionString => database?.ConnectionString;

    /// <summary>A store on this test's database; a second call is a second process on the same data, as after a restart.</summary>
    public async Task<RelationalJobStore> OpenAsync(string kind)
    {
        RelationalJobStore store = kind switch
        {
            "sqlite" => new SqliteJobStore($"Data Source={Path.Combine(Directory, "jobs.db")}", Clock),
            _ => new PostgresJobStore((database ??= await TestPostgres.CreateDatabaseAsync()).ConnectionString, Clock),
        };
        opened.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in opened.OfType<IAsyncDisposable>())
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        if (database is { } created)
        {
            await TestPostgres.DropDatabaseAsync(created.Name);
        }
    }
}
