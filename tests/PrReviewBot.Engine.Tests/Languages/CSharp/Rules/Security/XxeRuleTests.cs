using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class XxeRuleTests
{
    [Fact]
    public void Flags_dtd_processing_parse_with_a_fix()
    {
        var findings = CSharpRuleVerifier.Verify<XxeRule>("""
            using System;
            using System.IO;
            using System.Xml;

            public sealed class Parser
            {
                public void ParseBad(string input)
                {
                    XmlReaderSettings rs = new XmlReaderSettings();
                    [|rs.DtdProcessing = DtdProcessing.Parse;
                    XmlReader reader = XmlReader.Create(new StringReader(input), rs);|]
                    while (reader.Read())
                    {
                        Console.WriteLine(reader.Value);
                    }
                }
            }
            """);
        // The finding reaches down to the call that parses with the settings, where the document is read.
        Assert.Equal(11, findings[0].EndLine);
        Assert.Equal(
            "        rs.DtdProcessing = DtdProcessing.Prohibit;\n        XmlReader reader = XmlReader.Create(new StringReader(input), rs);",
            findings[0].Replacement?.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flags_each_unsafe_setting_in_a_multi_line_initializer()
    {
        var findings = CSharpRuleVerifier.Verify<XxeRule>("""
            using System.Xml;

            public sealed class Parser
            {
                public XmlReader Open(string uri)
                {
                    [|[|return XmlReader.Create(uri, new XmlReaderSettings()
                    {
                        DtdProcessing = DtdProcessing.Parse,|]
                        XmlResolver = new XmlUrlResolver(),|]
                        MaxCharactersFromEntities = 1024,
                    });
                }
            }
            """);
        // Both findings start at the call that parses with the settings and end at the setting they fix.
        Assert.Equal([9, 10], findings.Select(finding => finding.EndLine).Order());
        Assert.EndsWith("            XmlResolver = null,", findings.Single(finding => finding.EndLine == 10).Replacement?.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_an_unsafe_resolver_on_xml_document()
    {
        CSharpRuleVerifier.Verify<XxeRule>("""
            using System;
            using System.Xml;
            using System.Xml.Resolvers;

            public sealed class Loader
            {
                private readonly XmlDocument preloaded = new XmlDocument { [|XmlResolver = new XmlPreloadedResolver()|] };

                public void LoadBad(string input, XmlUrlResolver resolver)
                {
                    XmlDocument xmlDoc = new XmlDocument();
                    [|xmlDoc.XmlResolver = new XmlUrlResolver();
                    xmlDoc.Load(input);|]
                    var other = new XmlDocument();
                    [|other.XmlResolver = resolver;|]
                    Console.WriteLine(xmlDoc.InnerText);
                }
            }
            """);
    }

    [Fact]
    public void Flags_prohibit_dtd_false()
    {
        var findings = CSharpRuleVerifier.Verify<XxeRule>("""
            using System.Xml;

            public sealed class Legacy
            {
                public XmlReaderSettings Settings()
                {
                    var settings = new XmlReaderSettings();
                    [|settings.ProhibitDtd = false;|]
                    return settings;
                }
            }
            """);
        Assert.Equal("        settings.ProhibitDtd = true;", findings[0].Replacement);
    }

    [Fact]
    public void Flags_xml_text_reader_with_default_settings()
    {
        var findings = CSharpRuleVerifier.Verify<XxeRule>("""
            using System;
            using System.IO;
            using System.Xml;

            public sealed class Reader
            {
                public void ReaderBad(string userInput)
                {
                    XmlTextReader myReader = [|new XmlTextReader(new StringReader(userInput));
                    while (myReader.Read())|]
                    {
                        Console.WriteLine(myReader.Value);
                    }
                }

                public void Inline(string path) => [|new XmlTextReader(path)|].Read();
            }
            """);
        Assert.Equal(10, findings[0].EndLine);
        Assert.StartsWith(
            "        XmlTextReader myReader = new XmlTextReader(new StringReader(userInput)) { DtdProcessing = DtdProcessing.Prohibit };\n        while (myReader.Read())",
            findings[0].Replacement?.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_xml_text_reader_with_a_resolver_and_unresolved_types()
    {
        CSharpRuleVerifier.Verify<XxeRule>("""
            using Microsoft.Web.XmlTransform;

            public sealed class Transform
            {
                public void Run(string path)
                {
                    var document = new XmlTransformableDocument();
                    [|document.XmlResolver = new System.Xml.XmlUrlResolver();|]
                    var reader = new System.Xml.XmlTextReader(path);
                    [|reader.DtdProcessing = System.Xml.DtdProcessing.Parse;|]
                }
            }
            """);
    }

    [Fact]
    public void Ignores_safe_defaults_of_xml_document_and_xml_reader()
    {
        CSharpRuleVerifier.VerifyNone<XxeRule>("""
            using System.IO;
            using System.Xml;
            using System.Xml.Linq;

            public sealed class Loader
            {
                public void Load(string xml, Stream stream)
                {
                    var doc = new XmlDocument();
                    doc.LoadXml(xml);
                    var reader = XmlReader.Create(stream);
                    var settings = new XmlReaderSettings();
                    var other = XmlReader.Create(stream, settings);
                    var linq = XDocument.Parse(xml);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_prohibited_or_ignored_dtds_and_null_resolvers()
    {
        CSharpRuleVerifier.VerifyNone<XxeRule>("""
            using System.IO;
            using System.Xml;

            public sealed class Loader
            {
                public void Load(string path, string input)
                {
                    var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
                    var ignoring = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
                    var doc = new XmlDocument { XmlResolver = null };
                    var secure = new XmlDocument { XmlResolver = new XmlSecureResolver(new XmlUrlResolver(), "http://localhost/") };
                    var parsedWithoutResolver = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null };
                    var prohibitedWithResolver = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = new XmlUrlResolver() };
                }
            }
            """);
    }

    [Fact]
    public void Ignores_xml_text_reader_that_is_made_safe()
    {
        CSharpRuleVerifier.VerifyNone<XxeRule>("""
            using System;
            using System.IO;
            using System.Xml;

            public sealed class Reader
            {
                public void ReaderGood(string userInput)
                {
                    XmlTextReader myReader = new XmlTextReader(new StringReader(userInput));
                    myReader.DtdProcessing = DtdProcessing.Prohibit;
                    while (myReader.Read())
                    {
                        Console.WriteLine(myReader.Value);
                    }

                    var nullResolver = new XmlTextReader(userInput);
                    nullResolver.XmlResolver = null;
                    var initialized = new XmlTextReader(userInput) { DtdProcessing = DtdProcessing.Ignore };
                }
            }
            """);
    }

    [Fact]
    public void Ignores_comparisons_and_mentions_in_text()
    {
        CSharpRuleVerifier.VerifyNone<XxeRule>("""
            using System;
            using System.Xml;

            public sealed class Guard
            {
                // Never write settings.DtdProcessing = DtdProcessing.Parse;
                public void Check(XmlReaderSettings settings)
                {
                    if (settings.DtdProcessing == DtdProcessing.Parse)
                    {
                        throw new InvalidOperationException("DtdProcessing.Parse and new XmlTextReader(path) are not allowed");
                    }
                }
            }
            """);
    }

    [Fact]
    public void Ignores_prohibit_dtd_false_with_an_explicit_null_resolver()
    {
        CSharpRuleVerifier.VerifyNone<XxeRule>("""
            using System.Xml;

            public sealed class Legacy
            {
                public XmlReader Open(string uri) =>
                    XmlReader.Create(uri, new XmlReaderSettings { ProhibitDtd = false, XmlResolver = null });
            }
            """);
    }

    [Fact]
    public void Ignores_a_custom_resolver_property_on_other_types()
    {
        CSharpRuleVerifier.VerifyNone<XxeRule>("""
            public sealed class Templates
            {
                public object XmlResolver { get; set; }

                public void Configure() => XmlResolver = new TemplateResolver();
            }

            public sealed class TemplateResolver
            {
            }
            """);
    }

    [Fact]
    public void Reaches_down_to_a_nearby_load_of_the_document_but_not_a_distant_one()
    {
        var findings = CSharpRuleVerifier.Verify<XxeRule>("""
            using System.Xml;

            public sealed class Loader
            {
                public XmlDocument Near(string input)
                {
                    var document = new XmlDocument();
                    [|document.XmlResolver = new XmlUrlResolver();
                    var unrelated = new XmlDocument();
                    unrelated.LoadXml("<a/>");
                    document.Load(input);|]
                    return document;
                }

                public XmlDocument Far(string input)
                {
                    var document = new XmlDocument();
                    [|document.XmlResolver = new XmlUrlResolver();|]
                    document.PreserveWhitespace = true;
                    document.PreserveWhitespace = false;
                    document.PreserveWhitespace = true;
                    document.PreserveWhitespace = false;
                    document.PreserveWhitespace = true;
                    document.PreserveWhitespace = false;
                    document.PreserveWhitespace = true;
                    document.PreserveWhitespace = false;
                    document.PreserveWhitespace = true;
                    document.PreserveWhitespace = false;
                    document.Load(input);
                    return document;
                }
            }
            """);
        Assert.Equal([11, 18], findings.Select(finding => finding.EndLine));
        Assert.Equal(
            "        document.XmlResolver = null;\n        var unrelated = new XmlDocument();\n        unrelated.LoadXml(\"<a/>\");\n        document.Load(input);",
            findings[0].Replacement?.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Reaches_from_the_parsing_call_down_to_a_resolver_set_with_dtd_processing()
    {
        var findings = CSharpRuleVerifier.Verify<XxeRule>("""
            using System.Xml;

            public sealed class Parser
            {
                public XmlReader Open(string uri, string path)
                {
                    var settings = new XmlReaderSettings();
                    [|settings.DtdProcessing = DtdProcessing.Parse;
                    [|settings.XmlResolver = new XmlUrlResolver();
                    XmlReader.Create(path).Dispose();
                    return XmlReader.Create(uri, settings);|]|]
                }
            }
            """);
        Assert.Equal([11, 11], findings.Select(finding => finding.EndLine));
    }

    [Fact]
    public void Flags_an_unsafe_resolver_returned_by_a_method()
    {
        CSharpRuleVerifier.Verify<XxeRule>("""
            using System;
            using System.Xml;

            public sealed class Loader
            {
                private static XmlUrlResolver UrlResolver() => new XmlUrlResolver();

                public void Load(string path, Func<XmlUrlResolver> factory)
                {
                    var document = new XmlDocument();
                    [|document.XmlResolver = UrlResolver();|]
                    var other = new XmlDocument();
                    [|other.XmlResolver = factory();|]
                }
            }
            """);
    }

    [Fact]
    public void Ignores_a_resolver_on_reader_settings_that_keep_dtds_prohibited()
    {
        CSharpRuleVerifier.VerifyNone<XxeRule>("""
            using System.Xml;

            public sealed class Parser
            {
                public XmlReader Open(string uri)
                {
                    var settings = new XmlReaderSettings { XmlResolver = new XmlUrlResolver() };
                    var more = new XmlReaderSettings();
                    more.XmlResolver = new XmlUrlResolver();
                    return XmlReader.Create(uri, settings);
                }
            }
            """);
    }

    [Fact]
    public void Flags_trusted_xslt_and_settings_that_enable_script_or_documents()
    {
        CSharpRuleVerifier.Verify<XxeRule>("""
            using System.Xml.Xsl;

            public sealed class Transformer
            {
                public void Load(string stylesheet)
                {
                    var transform = new XslCompiledTransform();
                    [|transform.Load(stylesheet, XsltSettings.TrustedXslt, null)|];
                    var documents = [|new XsltSettings(true, false)|];
                    var scripted = new XsltSettings { [|EnableScript = true|] };
                    var plain = new XsltSettings(false, false);
                    transform.Load(stylesheet, XsltSettings.Default, null);
                }
            }
            """);
    }

    [Fact]
    public void Flags_dtd_parsing_set_through_a_local_once_where_it_is_used()
    {
        CSharpRuleVerifier.Verify<XxeRule>("""
            using System.Xml;

            public sealed class Reader
            {
                public void Open(XmlNameTable table)
                {
                    var reader = new XmlTextReader("resources/", table);
                    var parse = DtdProcessing.Parse;
                    [|reader.DtdProcessing = parse;|]
                }
            }
            """);
    }

    [Fact]
    public void Flags_external_entity_resolvers_set_by_deconstruction()
    {
        CSharpRuleVerifier.Verify<XxeRule>("""
            using System.Xml;

            public class Loader
            {
                public void Load(XmlDocument document, string xml)
                {
                    [|(document.XmlResolver, var loaded) = (new XmlUrlResolver(), true)|];
                    document.LoadXml(xml);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_a_resolver_set_at_creation_and_cleared_before_use()
    {
        CSharpRuleVerifier.VerifyNone<XxeRule>("""
            using System.Xml;

            public class Loader
            {
                public void Load(string xml)
                {
                    var document = new XmlDocument { XmlResolver = new XmlUrlResolver() };
                    document.XmlResolver = null;
                    var other = new XmlDocument { XmlResolver = new XmlUrlResolver() };
                    (other.XmlResolver, var cleared) = (null, true);
                    document.LoadXml(xml);
                    other.LoadXml(xml);
                }
            }
            """);
    }

    [Fact]
    public void Flags_dtd_parsing_on_a_text_reader_even_without_a_resolver()
    {
        CSharpRuleVerifier.Verify<XxeRule>("""
            using System.Xml;

            public class Loader
            {
                public void Load(string path)
                {
                    var reader = new XmlTextReader(path);
                    [|reader.DtdProcessing = DtdProcessing.Parse;|]
                    reader.XmlResolver = null;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_dtd_parsing_alone_when_the_code_supplies_its_own_resolver()
    {
        CSharpRuleVerifier.VerifyNone<XxeRule>("""
            using System.Xml;

            public sealed class RestrictedResolver : XmlUrlResolver
            {
            }

            public sealed class Parser
            {
                public void Parse(string uri, XmlSecureResolver secure)
                {
                    var settings = new XmlReaderSettings();
                    settings.DtdProcessing = DtdProcessing.Parse;
                    settings.XmlResolver = secure;
                    XmlReader.Create(uri, settings).Dispose();

                    var legacy = new XmlReaderSettings();
                    legacy.ProhibitDtd = false;
                    legacy.XmlResolver = new RestrictedResolver();
                    XmlReader.Create(uri, legacy).Dispose();
                }
            }
            """);
    }
}
