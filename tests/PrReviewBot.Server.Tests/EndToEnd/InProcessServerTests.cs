namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>A test class whose tests each get their own fake GitHub, App scenario and server in this process.</summary>
public abstract class InProcessServerTests : IAsyncLifetime
{
    protected GitHubAppScenario Scenario { get; private set; } = null!;

    protected InProcessServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Scenario = await GitHubAppScenario.StartAsync();
        Configure(Scenario);
        Server = InProcessServer.Start(Scenario);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Scenario.DisposeAsync();
    }

    /// <summary>Settings the server starts with on top of the scenario's own (<see cref="GitHubAppScenario.Overrides"/>).</summary>
    protected virtual void Configure(GitHubAppScenario scenario)
    {
    }
}
