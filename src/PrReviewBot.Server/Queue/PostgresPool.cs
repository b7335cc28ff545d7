using System.Data.Common;
using Npgsql;

namespace PrReviewBot.Server.Queue;

/// <summary>
/// How one replica uses PostgreSQL's connections. Npgsql's defaults (up to 100 per replica, idle
/// ones kept 5 minutes, 15 s to wait for one) let two replicas exhaust a stock server's
/// <c>max_connections</c> of 100 and keep deliveries waiting past GitHub's 10 s timeout. Values the
/// connection string names itself are left as given.
/// </summary>
public sealed record PostgresPool(int MaxPoolSize, int ConnectionIdleSeconds, int ConnectTimeoutSeconds)
{
    public static readonly PostgresPool Default = new(10, 30, 3);

    public void ApplyTo(NpgsqlConnectionStringBuilder builder, string givenConnectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var given = new DbConnectionStringBuilder { ConnectionString = givenConnectionString };
        var named = given.Keys.Cast<string>().Select(key => key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        if (!named.Contains("MAXPOOLSIZE") && !named.Contains("MAXIMUMPOOLSIZE"))
        {
            builder.MaxPoolSize = Math.Max(2, MaxPoolSize);
        }

        if (!named.Contains("CONNECTIONIDLELIFETIME"))
        {
            builder.ConnectionIdleLifetime = Math.Max(1, ConnectionIdleSeconds);

            // Npgsql checks for idle connections every ConnectionPruningInterval; it must not exceed the lifetime.
            if (!named.Contains("CONNECTIONPRUNINGINTERVAL"))
            {
                builder.ConnectionPruningInterval = Math.Clamp(builder.ConnectionIdleLifetime / 3, 1, 10);
            }
        }

        if (!named.Contains("TIMEOUT"))
        {
            builder.Timeout = Math.Max(1, ConnectTimeoutSeconds);
        }

        // The queue runs a handful of statements over and over: prepared once per connection, PostgreSQL parses and
        // plans each of them once instead of on every delivery and lease.
        if (!named.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 16;
            if (!named.Contains("AUTOPREPAREMINUSAGES"))
            {
                builder.AutoPrepareMinUsages = 2;
            }
        }
    }
}
