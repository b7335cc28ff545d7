namespace PrReviewBot.Engine.Configuration;

public enum IndentStyle
{
    Space,
    Tab,
}

/// <summary>The few <c>.editorconfig</c> properties the review uses, resolved for one file.</summary>
public sealed record EditorConfigSettings(IndentStyle? IndentStyle, int? IndentSize)
{
    public static EditorConfigSettings None { get; } = new(null, null);
}
