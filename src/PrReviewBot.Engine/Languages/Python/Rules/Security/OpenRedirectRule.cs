using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;
using PrReviewBot.Engine.Languages.Python.Security.Sinks;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>A redirect to a location that the client chose.</summary>
public sealed class OpenRedirectRule : PythonTaintRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/open-redirect",
        "Redirect to a URL from outside",
        Category.Security,
        Severity.Error,
        "A link to this site that redirects to any address the link names is a phishing tool: users trust the first host and land on the attacker's.",
        "Redirect only to local paths or allow-listed hosts: check with Django's `url_has_allowed_host_and_scheme`, or compare `urlparse(url).netloc` with the expected host; fall back to a fixed page.");

    /// <summary>Parts of the request that name this site's own address: redirecting to them stays on the site.</summary>
    private static readonly string[] OwnAddress =
    [
        ".path", ".full_path", ".get_full_path", ".path_info", ".script_root", ".url_root", ".base_url", ".host_url", ".build_absolute_uri",
        ".url", ".rel_url", ".uri",
    ];

    public override RuleDescriptor Descriptor => Rule;

    protected override PythonSinkCatalogue Catalogue => PythonSinks.Redirect;

    protected override string? Message(PythonModule analyzed, TaintedSink sink)
    {
        ArgumentNullException.ThrowIfNull(analyzed);
        ArgumentNullException.ThrowIfNull(sink);
        if (PythonTaintedSinks.FixesHost(PythonTaintedSinks.FixedPrefix(analyzed, sink.Argument, sink.Call.Scope))
            || OwnAddress.Any(member => sink.Source.Description.Contains(member, StringComparison.Ordinal)))
        {
            return null;
        }

        return $"`{sink.Call.Callee}` redirects to a location taken from {Origin(sink.Source)}; check it is a local path or an allowed host first.";
    }
}
