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
                    [|rs.DtdProcessing = DtdProcessing.Parse;|]
                    XmlReader reader = XmlReader.Create(new StringReader(input), rs);
                    while (reader.Read())
                    {
                        Console.WriteLine(reader.Value);
                    }
                }
            }
            """);
        Assert.Equal("        rs.DtdProcessing = DtdProcessing.Prohibit;", findings[0].Replacement);
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
                    return XmlReader.Create(uri, new XmlReaderSettings()
                    {
                        [|DtdProcessing = DtdProcessing.Parse|],
                        [|XmlResolver = new XmlUrlResolver()|],
                        MaxCharactersFromEntities = 1024,
                    });
                }
            }
            """);
        Assert.Equal("            XmlResolver = null,", findings[1].Replacement);
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
                    [|xmlDoc.XmlResolver = new XmlUrlResolver();|]
                    xmlDoc.Load(input);
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
                    XmlTextReader myReader = [|new XmlTextReader(new StringReader(userInput))|];
                    while (myReader.Read())
                    {
                        Console.WriteLine(myReader.Value);
                    }
                }

                public void Inline(string path) => [|new XmlTextReader(path)|].Read();
            }
            """);
        Assert.Equal("        XmlTextReader myReader = new XmlTextReader(new StringReader(userInput)) { DtdProcessing = DtdProcessing.Prohibit };", findings[0].Replacement);
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
}
