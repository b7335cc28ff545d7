using PrReviewBot.Engine.Input;

namespace PrReviewBot.Cli.Inputs;

/// <summary>A change ready for review, with what must stay open until the review has read its base versions (a git reader).</summary>
internal sealed record LoadedInput(PullRequestSnapshot Snapshot, IDisposable? Resources = null) : IDisposable
{
    public void Dispose() => Resources?.Dispose();
}
