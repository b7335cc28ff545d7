using System.Net;
using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>The whole App on each job store the configuration can name (<c>Storage__Provider</c>).</summary>
public sealed class StoreProviderEndToEndTests
{
    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task A_delivery_is_reviewed_once_and_its_redelivery_adds_nothing(string kind)
    {
        await using var scenario = await GitHubAppScenario.StartAsync();
        (string Name, string ConnectionString)? database = kind == "postgres" ? await TestPostgres.CreateDatabaseAsync() : null;
        if (database is { } created)
        {
            scenario.Overrides["Storage:Provider"] = "Postgres";
            scenario.Overrides["Storage:ConnectionString"] = created.ConnectionString;
        }

        try
        {
            await using (InProcessServer.Start(scenario))
            {
                scenario.GitHub.OpenPullRequest(scenario.Repository, 5, "5555555555555555555555555555555555555555", FakeFile.Added("src/Orders/OrderRepository.cs", GitHubAppEndToEndTests.SampleSource));
                var delivery = scenario.NewDeliveryId();

                Assert.Equal(HttpStatusCode.Accepted, (await scenario.OpenAsync(5, "5555555555555555555555555555555555555555", deliveryId: delivery)).StatusCode);
                await scenario.WaitUntilAsync(() => scenario.Repository.CheckRuns.Count == 1, "the review");
                var again = await scenario.OpenAsync(5, "5555555555555555555555555555555555555555", deliveryId: delivery);

                Assert.Equal("duplicate", await again.Content.ReadAsStringAsync());
                await scenario.WaitForJobsToFinishAsync();
                Assert.Equal(1, scenario.GitHub.Inspect(() => scenario.Repository.IssueComments.Count(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal))));
                Assert.Equal(1, scenario.GitHub.Inspect(() => scenario.Repository.Reviews.Count));
            }
        }
        finally
        {
            if (database is { } dropped)
            {
                await TestPostgres.DropDatabaseAsync(dropped.Name);
            }
        }
    }
}
