using System.Net;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary><c>/healthz</c> and acknowledgements tell the truth about whether jobs can be kept.</summary>
public sealed class StoreHealthTests : IAsyncLifetime
{
    private GitHubAppScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await GitHubAppScenario.StartAsync();

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task With_the_sqlite_folder_removed_under_a_running_server_health_is_503_and_deliveries_are_not_acknowledged()
    {
        using var server = await ServerProcess.StartAsync(scenario);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        scenario.Server = http;
        Assert.Equal(HttpStatusCode.Accepted, (await scenario.OpenAsync(1, new string('1', 40))).StatusCode);

        Directory.Delete(scenario.DataDirectory, recursive: true);

        await scenario.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable);
        for (var number = 2; number <= 6; number++)
        {
            var response = await scenario.OpenAsync(number, new string('2', 40));
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"delivery {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{server.Output}");
        }
    }
}
