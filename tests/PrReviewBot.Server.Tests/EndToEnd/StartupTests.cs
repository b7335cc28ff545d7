using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>What an operator sees when a setting is wrong or GitHub cannot be reached at start.</summary>
public sealed class StartupTests : IAsyncLifetime
{
    private GitHubAppScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await GitHubAppScenario.StartAsync();

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Theory]
    [InlineData("GitHub:AppId", "0", "GitHub:AppId")]
    [InlineData("GitHub:WebhookSecret", "", "GitHub:WebhookSecret")]
    [InlineData("Storage:Provider", "Oracle", "Storage:Provider")]
    [InlineData("Storage:ConnectionString", "Data Source=:memory:", "Data Source=path")]
    public async Task A_wrong_setting_stops_the_server_with_exit_code_1_and_a_message_naming_it_without_a_stack_trace(string key, string value, string named)
    {
        var (exitCode, output) = await ServerProcess.RunToExitAsync(scenario, new Dictionary<string, string> { [key] = value });

        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains(named, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_key_given_as_the_private_key_stops_the_server_with_exit_code_1()
    {
        using var key = RSA.Create(2048);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(scenario, new Dictionary<string, string> { ["GitHub:PrivateKey"] = key.ExportSubjectPublicKeyInfoPem() });

        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains("GitHub:PrivateKey", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_apps_key_is_refused_by_github_at_start_and_the_server_exits_1_naming_the_url()
    {
        using var key = RSA.Create(2048);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(scenario, new Dictionary<string, string> { ["GitHub:PrivateKey"] = key.ExportRSAPrivateKeyPem() });

        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains("401", output, StringComparison.Ordinal);
        Assert.Contains(scenario.GitHub.BaseUrl.AbsoluteUri + "app", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_github_unreachable_the_server_stores_deliveries_but_is_not_ready_until_github_answers()
    {
        scenario.Overrides["GitHub:ApiBaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/";
        scenario.Overrides["GitHub:MaxRetries"] = "1";
        await using var server = InProcessServer.Start(scenario);

        var health = await scenario.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable);
        var delivery = await scenario.OpenAsync(3, new string('3', 40));

        Assert.Contains("GitHub", health, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, delivery.StatusCode);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
