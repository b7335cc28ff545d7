using PrReviewBot.Engine.Detection.Taint;

namespace PrReviewBot.Engine.Languages.CSharp.Security.Catalogues;

/// <summary>Where text is compiled as an XPath expression. The value checked is the expression text.</summary>
public static class XPathInjectionSinks
{
    private static readonly string[] NodeHints = ["doc", "xml", "node", "nav", "element", "root"];

    public static SinkCatalogue Catalogue { get; } = new(
        VulnerabilityFamily.XPathInjection,
        [
            Sink.Call("XmlNode", "SelectNodes", 0, "xpath", NodeHints),
            Sink.Call("XmlNode", "SelectSingleNode", 0, "xpath", NodeHints),
            Sink.Call("XmlDocument", "SelectNodes", 0, "xpath", NodeHints),
            Sink.Call("XmlDocument", "SelectSingleNode", 0, "xpath", NodeHints),
            Sink.Call("XmlElement", "SelectNodes", 0, "xpath", NodeHints),
            Sink.Call("XmlElement", "SelectSingleNode", 0, "xpath", NodeHints),
            Sink.Call("XPathNavigator", "Select", 0, "xpath", NodeHints),
            Sink.Call("XPathNavigator", "SelectSingleNode", 0, "xpath", NodeHints),
            Sink.Call("XPathNavigator", "Compile", 0, "xpath", NodeHints),
            Sink.Call("XPathNavigator", "Evaluate", 0, "xpath", NodeHints),
            Sink.Call("XPathNavigator", "Matches", 0, "xpath", NodeHints),
            Sink.Static("XPathExpression", "Compile", 0, "xpath"),
            Sink.Call("XNode", "XPathSelectElement", 0, "expression", NodeHints),
            Sink.Call("XNode", "XPathSelectElements", 0, "expression", NodeHints),
            Sink.Call("XNode", "XPathEvaluate", 0, "expression", NodeHints),
            Sink.Call("XElement", "XPathSelectElement", 0, "expression", NodeHints),
            Sink.Call("XElement", "XPathSelectElements", 0, "expression", NodeHints),
            Sink.Call("XElement", "XPathEvaluate", 0, "expression", NodeHints),
            Sink.Call("XDocument", "XPathSelectElement", 0, "expression", NodeHints),
            Sink.Call("XDocument", "XPathSelectElements", 0, "expression", NodeHints),
            Sink.Call("XDocument", "XPathEvaluate", 0, "expression", NodeHints),
            Sink.Static("Extensions", "XPathSelectElement", 1, "expression"),
            Sink.Static("Extensions", "XPathSelectElements", 1, "expression"),
            Sink.Static("Extensions", "XPathEvaluate", 1, "expression"),
        ],
        [SanitizerEffect.Everything],
        TaintSourceKind.CommandLine,
        TaintSourceKind.StandardInput)
    {
        Markers = ["Xml", "XPath", "XNode", "XElement", "XDocument"],
    };
}
