namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// Whether a module is a Django settings module: only there do names like <c>DATABASES</c> and
/// <c>PASSWORD_HASHERS</c> configure the site (elsewhere they are data, fixtures or examples).
/// </summary>
internal static class DjangoSettings
{
    public static bool IsSettingsFile(string path)
    {
        var segments = path.Replace('\\', '/').Split('/');
        var stem = Path.GetFileNameWithoutExtension(segments[^1]);
        return stem.Contains("settings", StringComparison.OrdinalIgnoreCase)
            || segments[..^1].Any(folder => folder.Equals("settings", StringComparison.OrdinalIgnoreCase));
    }
}
