namespace PrReviewBot.Engine.Configuration;

public enum IndentStyle
{
    Space,
    Tab,
}

/// <summary>The <c>.editorconfig</c> properties resolved for one file.</summary>
/// <param name="IndentStyle"><c>indent_style</c>, when set to a known value.</param>
/// <param name="IndentSize"><c>indent_size</c>, when set to a usable width.</param>
public sealed record EditorConfigSettings(IndentStyle? IndentStyle, int? IndentSize)
{
    private static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public static EditorConfigSettings None { get; } = new(null, null);

    /// <summary>
    /// Every property that applies to the file, later sections and nearer files winning: keys in
    /// lower case (EditorConfig keys are case-insensitive), values trimmed with their case kept
    /// (a naming style's <c>required_prefix = I</c> means a capital I).
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = NoProperties;

    public bool Equals(EditorConfigSettings? other) =>
        other is not null
        && IndentStyle == other.IndentStyle
        && IndentSize == other.IndentSize
        && Properties.Count == other.Properties.Count
        && Properties.All(pair => other.Properties.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.Ordinal));

    public override int GetHashCode() => HashCode.Combine(IndentStyle, IndentSize, Properties.Count);
}
