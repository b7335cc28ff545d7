namespace PrReviewBot.FakeGitHub;

/// <summary>How a request to the fake authenticated itself.</summary>
public enum CallerKind
{
    /// <summary>No or unusable credentials: the request was answered 401.</summary>
    Rejected,

    /// <summary>A valid App JSON web token.</summary>
    App,

    /// <summary>A valid, unexpired installation token for the repository's installation.</summary>
    Installation,
}

/// <summary>One request the fake received, with the API path as GitHub documents it (no <c>/api/v3</c> prefix); <see cref="Status"/> 0 means the connection was cut instead of answered.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, CallerKind Caller, int Status, string Body, string? Accept)
{
    public bool IsWrite => Method is not ("GET" or "HEAD");

    public override string ToString() => $"{Method} {Path}{Query} -> {Status} ({Caller})";
}
