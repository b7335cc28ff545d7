namespace PrReviewBot.Engine.Languages;

/// <summary>The languages the engine has rules for. Anything else is reported as unsupported, never silently ignored.</summary>
public enum SourceLanguage
{
    CSharp,
    Python,
}

public static class SourceLanguages
{
    public static SourceLanguage? FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            return SourceLanguage.CSharp;
        }

        return path.EndsWith(".py", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pyi", StringComparison.OrdinalIgnoreCase)
            ? SourceLanguage.Python
            : null;
    }

    public static string DisplayName(this SourceLanguage language) => language switch
    {
        SourceLanguage.CSharp => "C#",
        SourceLanguage.Python => "Python",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };
}
