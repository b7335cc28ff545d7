using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class XxeRuleTests
{
    [Fact]
    public void Flags_stdlib_parsers_on_untrusted_input()
    {
        PythonRuleVerifier.Verify<XxeRule>("""
            import xml.etree.ElementTree as ET
            from xml.dom import minidom
            import xml.sax

            def handle(request, path):
                [|root = ET.fromstring(request.data)|]
                [|tree = ET.parse(path)|]
                [|doc = minidom.parseString(request.body)|]
                [|xml.sax.parse(path, handler)|]
            """);
    }

    [Fact]
    public void Flags_lxml_parsing_and_entity_resolution()
    {
        PythonRuleVerifier.Verify<XxeRule>("""
            from lxml import etree

            def handle(data):
                [|parser = etree.XMLParser(resolve_entities=True)|]
                [|root = etree.fromstring(data)|]
                return parser, root
            """);
    }

    [Fact]
    public void Ignores_defusedxml_and_hardened_lxml()
    {
        PythonRuleVerifier.VerifyNone<XxeRule>("""
            import defusedxml.ElementTree as ET
            from lxml import etree

            def handle(data, path):
                root = ET.fromstring(data)
                tree = ET.parse(path)
                parser = etree.XMLParser(resolve_entities=False, no_network=True)
                doc = etree.fromstring(data, parser=parser)
                return root, tree, doc
            """);
    }

    [Fact]
    public void Ignores_constant_documents_and_unrelated_parse_calls()
    {
        PythonRuleVerifier.VerifyNone<XxeRule>("""
            import json
            import xml.etree.ElementTree as ET

            def handle(data):
                root = ET.fromstring("<config><a>1</a></config>")
                payload = json.loads(data)
                url = urllib.parse.urlparse(data)
                value = parser.parse(data)
                return root, payload, url, value
            """);
    }

    [Fact]
    public void Function_local_imports_resolve_only_inside_their_function()
    {
        PythonRuleVerifier.Verify<XxeRule>("""
            def bad(input_string):
                from xml.etree import ElementTree
                [|tree = ElementTree.parse(input_string)|]
                return tree

            def good(input_string):
                from defusedxml import ElementTree
                return ElementTree.parse(input_string)

            def later(input_string):
                from xml.etree import ElementTree
                [|return ElementTree.fromstring(input_string)|]
            """);
    }

    [Fact]
    public void Ignores_a_document_held_in_a_name_only_bound_to_a_literal()
    {
        PythonRuleVerifier.VerifyNone<XxeRule>("""
            import xml.etree.ElementTree as ET

            DEFAULT_CONFIG = "<config><debug>false</debug></config>"

            def load_default():
                return ET.fromstring(DEFAULT_CONFIG)
            """);
    }

    [Fact]
    public void Flags_a_document_whose_name_is_also_bound_to_input()
    {
        PythonRuleVerifier.Verify<XxeRule>("""
            import xml.etree.ElementTree as ET

            def load(request):
                document = "<config/>"
                if request.data:
                    document = request.data
                [|return ET.fromstring(document)|]
            """);
    }

    [Fact]
    public void Flags_parsers_and_stylesheets_explicitly_allowed_to_fetch_external_resources()
    {
        PythonRuleVerifier.Verify<XxeRule>("""
            import xml.sax
            import xml.sax.handler as sax_handler
            from xml.sax.handler import feature_external_ges
            from lxml import etree

            def load(stylesheet):
            [|    parser = etree.XMLParser(no_network=False)|]
            [|    ac = etree.XSLTAccessControl(read_network=True, write_network=False)|]
            [|    default = etree.XSLTAccessControl()|]
                sax = xml.sax.make_parser()
            [|    sax.setFeature(feature_external_ges, True)|]
            [|    sax.setFeature(sax_handler.feature_external_pes, True)|]
            [|    sax.setFeature(xml.sax.handler.feature_external_ges, True)|]
            """);
    }

    [Fact]
    public void Ignores_access_controls_that_deny_the_network_and_features_turned_off()
    {
        PythonRuleVerifier.VerifyNone<XxeRule>("""
            import xml.sax
            from xml.sax.handler import feature_external_ges, feature_namespaces
            from lxml import etree

            def load(stylesheet, options):
                parser = etree.XMLParser(resolve_entities=False, no_network=True)
                ac = etree.XSLTAccessControl(read_network=False, write_network=False)
                deny = etree.XSLTAccessControl.DENY_ALL
                custom = etree.XSLTAccessControl(**options)
                sax = xml.sax.make_parser()
                sax.setFeature(feature_external_ges, False)
                sax.setFeature(feature_namespaces, True)
                sax.setFeature(other.feature_external_ges, True)
            """);
    }
}
