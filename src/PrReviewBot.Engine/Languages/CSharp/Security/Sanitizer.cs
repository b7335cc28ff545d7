using PrReviewBot.Engine.Detection.Taint;

namespace PrReviewBot.Engine.Languages.CSharp.Security;

/// <summary>A call whose result no longer carries taint for the families its effect protects.</summary>
/// <param name="Type">Simple name of the type (<c>Uri</c>); null for any receiver.</param>
/// <param name="Member">Method name (<c>EscapeDataString</c>).</param>
/// <param name="Effect">What the call makes safe.</param>
public sealed record Sanitizer(string? Type, string Member, SanitizerEffect Effect);

/// <summary>
/// The sanitizers every family knows, by effect. Parsing to numbers, GUIDs and booleans is not
/// listed: the string-origin analysis already treats scalars as constants.
/// </summary>
public static class Sanitizers
{
    public static IReadOnlyList<Sanitizer> All { get; } =
    [
        new("HttpUtility", "HtmlEncode", SanitizerEffect.Html),
        new("HttpUtility", "HtmlAttributeEncode", SanitizerEffect.Html),
        new("WebUtility", "HtmlEncode", SanitizerEffect.Html),
        new("HtmlEncoder", "Encode", SanitizerEffect.Html),
        new("AntiXssEncoder", "HtmlEncode", SanitizerEffect.Html),
        new(null, "HtmlEncode", SanitizerEffect.Html),
        new(null, "JavaScriptStringEncode", SanitizerEffect.Html),
        new("Path", "GetFileName", SanitizerEffect.FileName),
        new("Path", "GetFileNameWithoutExtension", SanitizerEffect.FileName),
        new("Path", "GetExtension", SanitizerEffect.FileName),
        new("Path", "GetRandomFileName", SanitizerEffect.FileName),
        new("Uri", "EscapeDataString", SanitizerEffect.UrlComponent),
        new("Uri", "EscapeUriString", SanitizerEffect.UrlComponent),
        new("WebUtility", "UrlEncode", SanitizerEffect.UrlComponent),
        new("HttpUtility", "UrlEncode", SanitizerEffect.UrlComponent),
        new("HttpUtility", "UrlPathEncode", SanitizerEffect.UrlComponent),
        new("UrlEncoder", "Encode", SanitizerEffect.UrlComponent),
        new(null, "UrlEncode", SanitizerEffect.UrlComponent),
        new("Regex", "Escape", SanitizerEffect.Regex),
    ];
}
