using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>The server hosted in the test process by <see cref="WebApplicationFactory{TEntryPoint}"/>, configured for a scenario.</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    private InProcessServer(WebApplicationFactory<Program> factory)
    {
        this.factory = factory;
    }

    public static InProcessServer Start(GitHubAppScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Production");
            foreach (var (key, value) in scenario.Settings)
            {
                host.UseSetting(key, value);
            }
        });
        var server = new InProcessServer(factory);
        scenario.Server = factory.CreateClient();
        return server;
    }

    /// <summary>The server's services, for tests that run a part of it directly.</summary>
    public IServiceProvider Services => factory.Services;

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();
}
