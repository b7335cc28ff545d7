using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Configuration;

/// <summary>When to ask for XML documentation / docstrings on public API.</summary>
public enum DocsMode
{
    /// <summary>Only where the file or project already documents its public API.</summary>
    Auto,

    /// <summary>Every public type and member.</summary>
    Always,

    /// <summary>Never.</summary>
    Off,
}

/// <summary>When to ask for Python type hints on public functions.</summary>
public enum TypeHintsMode
{
    /// <summary>Never.</summary>
    Off,

    /// <summary>Only in modules that already annotate some functions (the default: don't nag untyped code).</summary>
    InconsistentOnly,

    /// <summary>Every public function.</summary>
    All,
}

/// <summary>How much of each changed file the rules read.</summary>
public enum AnalysisScope
{
    /// <summary>
    /// The declarations that touch an added line, with file-wide facts from cheap scans: every
    /// finding the change can be blamed for, for a fraction of the work.
    /// </summary>
    ChangedCode,

    /// <summary>Every line of every changed file, then only findings on added lines are kept: the reference the optimised scope is tested against.</summary>
    WholeFiles,
}

/// <summary>How the review behaves; read from <c>.github/prreviewbot.yml</c> or <c>--config</c>.</summary>
public sealed record ReviewOptions
{
    public static ReviewOptions Default { get; } = new();

    /// <summary>Findings at or above this severity fail the CLI (exit 1) and the check run; null never fails.</summary>
    public Severity? FailOn { get; init; } = Severity.Error;

    public DocsMode Docs { get; init; } = DocsMode.Auto;

    public TypeHintsMode PythonTypeHints { get; init; } = TypeHintsMode.InconsistentOnly;

    /// <summary>Rule ids that never report.</summary>
    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Glob patterns (<c>**</c>, <c>*</c>, <c>?</c>) of paths that are not reviewed.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Files larger than this are skipped as too large.</summary>
    public int MaxFileBytes { get; init; } = 1024 * 1024;

    /// <summary>How many examples each group of the summary names before it says "and N more".</summary>
    public int MaxExamplesPerGroup { get; init; } = 5;

    /// <summary>
    /// How many inline comments the App places on one pull request (worst first); the summary lists every other
    /// finding. The engine reports every finding whatever this says; the front doors apply it.
    /// </summary>
    public int MaxInlineComments { get; init; } = 20;

    /// <summary>Not a configuration key: the CLI's <c>--analysis</c> and the tests that hold <see cref="AnalysisScope.ChangedCode"/> to the same findings as <see cref="AnalysisScope.WholeFiles"/>.</summary>
    public AnalysisScope Scope { get; init; } = AnalysisScope.ChangedCode;

    public bool IsEnabled(RuleDescriptor rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return !DisabledRules.Contains(rule.Id);
    }
}
