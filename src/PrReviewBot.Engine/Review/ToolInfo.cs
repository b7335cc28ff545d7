using System.Reflection;

namespace PrReviewBot.Engine.Review;

/// <summary>Name, version and home of the tool, as reports and SARIF name it.</summary>
public static class ToolInfo
{
    public const string Name = "PrReviewBot";

    public const string InformationUri = "https://github.com/prreviewbot/prreviewbot";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
