namespace PrReviewBot.Engine.Languages;

/// <summary>The languages the engine has rules for. Anything else is reported as unsupported, never silently ignored.</summary>
public enum SourceLanguage
{
    CSharp,
}

public static class SourceLanguages
{
    public static SourceLanguage? FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? SourceLanguage.CSharp : null;
    }

    public static string DisplayName(this SourceLanguage language) => language switch
    {
        SourceLanguage.CSharp => "C#",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };
}
