namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>How much of a string value is fixed when the code is written.</summary>
public enum StringOriginKind
{
    /// <summary>Literals, constants, trusted runtime values (environment, app base directory), numbers and other scalars.</summary>
    Constant,

    /// <summary>A single non-constant value passed through: a parameter, a field, a call's result.</summary>
    Variable,

    /// <summary>Concatenation, interpolation, <c>string.Format</c>, a <c>StringBuilder</c>… with at least one non-constant part.</summary>
    Built,
}

/// <summary>
/// What <see cref="StringOrigins"/> learned about where a string comes from.
/// </summary>
/// <param name="Kind">Constant, passed through, or built from non-constant parts.</param>
/// <param name="Part">Source text of the first non-constant part (for messages), or null when constant.</param>
/// <param name="UserInput">Description of the user-input source the value flows from, or null.</param>
/// <param name="Variables">Names of the locals and parameters the value was traced through; guards on any of them count.</param>
public sealed record StringOrigin(StringOriginKind Kind, string? Part, string? UserInput, IReadOnlySet<string> Variables)
{
    private static readonly IReadOnlySet<string> NoVariables = new HashSet<string>(StringComparer.Ordinal);

    public static StringOrigin Constant { get; } = new(StringOriginKind.Constant, null, null, NoVariables);

    public bool IsConstant => Kind == StringOriginKind.Constant && UserInput is null;

    public bool IsBuilt => Kind == StringOriginKind.Built;

    public bool IsUserInput => UserInput is not null;
}
