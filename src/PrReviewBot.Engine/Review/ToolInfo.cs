using System.Reflection;

namespace PrReviewBot.Engine.Review;

/// <summary>Name, version and home of the tool, as reports and SARIF name it.</summary>
public static class ToolInfo
{
    public const string Name = "PrReviewBot";

    /// <summary>Where the tool's own documentation lives when the build did not say (<see cref="InformationUri"/>).</summary>
    public const string DefaultInformationUri = "https://github.com/prreviewbot/prreviewbot";

    /// <summary>
    /// The repository the tool was built from, when the build names it (<c>dotnet publish -p:RepositoryUrl=URL</c>, as
    /// the GitHub Action does with its own repository), so SARIF readers link to the README that documents the rules
    /// of this very build; otherwise <see cref="DefaultInformationUri"/>.
    /// </summary>
    public static string InformationUri { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "RepositoryUrl" && Uri.TryCreate(attribute.Value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)?.Value
        ?? DefaultInformationUri;

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
