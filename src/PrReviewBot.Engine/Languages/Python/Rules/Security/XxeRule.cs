using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// XML parsed from non-constant input with a parser that expands entities, and parsers or stylesheets explicitly
/// allowed to fetch external resources: lxml's <c>resolve_entities=True</c> or <c>no_network=False</c>, an
/// <c>XSLTAccessControl</c> that leaves network access on, and SAX's <c>feature_external_ges</c>/<c>_pes</c> turned on.
/// </summary>
public sealed class XxeRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/xxe",
        "XML parsed without entity protection",
        Category.Security,
        Severity.Error,
        "Parsers that expand entities let a crafted document read local files, reach internal URLs (external entities) or exhaust memory (billion laughs).",
        "Parse untrusted XML with `defusedxml` (`defusedxml.ElementTree.fromstring`), or with lxml use `XMLParser(resolve_entities=False, no_network=True)`.");

    private static readonly HashSet<string> Parsers = new(StringComparer.Ordinal)
    {
        "xml.etree.ElementTree.parse", "xml.etree.ElementTree.fromstring", "xml.etree.ElementTree.XML", "xml.etree.ElementTree.iterparse",
        "xml.etree.ElementTree.fromstringlist", "xml.etree.cElementTree.parse", "xml.etree.cElementTree.fromstring",
        "xml.etree.cElementTree.XML", "xml.etree.cElementTree.iterparse", "xml.dom.minidom.parse", "xml.dom.minidom.parseString",
        "xml.dom.pulldom.parse", "xml.dom.pulldom.parseString", "xml.sax.parse", "xml.sax.parseString",
        "lxml.etree.parse", "lxml.etree.fromstring", "lxml.etree.XML", "lxml.etree.iterparse",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            var resolved = PythonSecurityHelpers.Resolved(module, call);
            if (resolved is "lxml.etree.XMLParser" && PythonSecurityHelpers.IsTrue(module, call.Keyword("resolve_entities")))
            {
                context.Report(this, call.Line, call.Line, "`XMLParser(resolve_entities=True)` expands external entities; use `resolve_entities=False`.");
                continue;
            }

            if (resolved is "lxml.etree.XMLParser" && PythonSecurityHelpers.IsFalse(module, call.Keyword("no_network")))
            {
                context.Report(this, call.Line, call.Line, "`XMLParser(no_network=False)` lets a document's entities and DTD be fetched from the network; keep `no_network=True`.");
                continue;
            }

            if (resolved is "lxml.etree.XSLTAccessControl" && !call.Arguments.Any(argument => argument.Keyword is "**")
                && !(PythonSecurityHelpers.IsFalse(module, call.Keyword("read_network")) && PythonSecurityHelpers.IsFalse(module, call.Keyword("write_network"))))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` leaves the stylesheet's network access on (it is allowed unless turned off); pass `read_network=False, write_network=False` or use `XSLTAccessControl.DENY_ALL`.");
                continue;
            }

            if (call.Name == "setFeature" && call.Arguments is [{ Keyword: null } feature, { Keyword: null } enabled] && PythonSecurityHelpers.IsTrue(module, enabled)
                && module.Values.Of(feature)?.DottedName is { } featureName
                && PythonSecurityHelpers.Resolve(module, featureName, call.Scope, call.Line) is "xml.sax.handler.feature_external_ges" or "xml.sax.handler.feature_external_pes")
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` turns on external entities, so a document can read local files or reach internal URLs; leave `{featureName[(featureName.LastIndexOf('.') + 1)..]}` off.");
                continue;
            }

            if (!Parsers.Contains(resolved))
            {
                continue;
            }

            var positional = call.Positional;
            var input = positional.Count > 0 ? positional[0] : call.Keyword("source") ?? call.Keyword("text");
            if (input is null || PythonSecurityHelpers.IsConstant(module, input, call.Scope))
            {
                continue;
            }

            if (resolved.StartsWith("lxml.", StringComparison.Ordinal) && (call.Keyword("parser") is not null || positional.Count > 1))
            {
                continue;
            }

            context.Report(this, call.Line, call.Line, $"`{call.Callee}` parses `{CodeInjectionRule.Shorten(input.Text)}` with a parser that is not hardened against entity attacks; use `defusedxml`.");
        }
    }
}
