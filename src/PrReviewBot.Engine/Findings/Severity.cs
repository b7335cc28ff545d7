namespace PrReviewBot.Engine.Findings;

/// <summary>Ordered from least to most severe so that thresholds compare with &gt;=.</summary>
public enum Severity
{
    Note = 1,
    Warning = 2,
    Error = 3,
}

public static class SeverityNames
{
    /// <summary>The SARIF <c>level</c> and the <c>--fail-on</c> spelling.</summary>
    public static string Slug(this Severity severity) => severity switch
    {
        Severity.Note => "note",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
