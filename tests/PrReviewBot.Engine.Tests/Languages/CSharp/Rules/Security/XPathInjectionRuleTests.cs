using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class XPathInjectionRuleTests
{
    [Fact]
    public void Flags_request_values_given_to_xpath_apis()
    {
        CSharpRuleVerifier.Verify<XPathInjectionRule>("""
            using System.Xml;
            using System.Xml.Linq;
            using System.Xml.XPath;
            using Microsoft.AspNetCore.Mvc;

            public class CatalogController : Controller
            {
                private readonly XmlDocument _doc;
                private readonly XElement _root;

                public IActionResult Find(string query)
                {
                    var nodes = [|_doc.SelectNodes(query)|];
                    var navigator = _doc.CreateNavigator();
                    var compiled = [|navigator.Compile(query)|];
                    var element = [|_root.XPathSelectElement(query)|];
                    var expression = [|XPathExpression.Compile(Request.Query["xpath"])|];
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public void Flags_values_spliced_into_quoted_literals_and_predicates()
    {
        CSharpRuleVerifier.Verify<XPathInjectionRule>("""
            using System.Xml;
            using System.Xml.XPath;

            public sealed class Accounts
            {
                public bool Exists(XmlDocument users, string name, string password)
                {
                    var path = "//user[@name='" + name + "' and @password='" + password + "']";
                    return [|users.SelectSingleNode(path)|] != null;
                }

                public object Search(XPathNavigator nav, string tag) =>
                    [|nav.Evaluate($"count(//item[tags[contains(text(), '{tag}')]])")|];
            }
            """);
    }

    [Fact]
    public void Leaves_constant_paths_element_names_and_parsed_numbers_alone()
    {
        CSharpRuleVerifier.VerifyNone<XPathInjectionRule>("""
            using System.Xml;
            using Microsoft.AspNetCore.Mvc;

            public class CatalogController : Controller
            {
                private readonly XmlDocument _doc;
                private const string Items = "//catalog/item";

                public IActionResult Show(int id, string section)
                {
                    var all = _doc.SelectNodes(Items);
                    var one = _doc.SelectSingleNode("//item[@id=" + id + "]");
                    if (section is "books" or "music")
                    {
                        var part = _doc.SelectNodes("//" + section);
                    }

                    return Ok();
                }

                private static XmlNodeList Children(XmlNode node, string element) => node.SelectNodes("./" + element);
            }
            """);
    }

    [Fact]
    public void Leaves_look_alike_select_methods_alone()
    {
        CSharpRuleVerifier.VerifyNone<XPathInjectionRule>("""
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;

            public interface IQueryService { object Select(string text); object Evaluate(string text); }

            public class SearchController : Controller
            {
                private readonly IQueryService _queries;

                public IActionResult Run(string text) => Ok(_queries.Select(text) ?? _queries.Evaluate(text));
            }
            """);
    }

    [Fact]
    public void Flags_command_line_arguments_and_console_input_in_xpath_expressions()
    {
        CSharpRuleVerifier.Verify<XPathInjectionRule>("""
            using System;
            using System.Xml;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var doc = new XmlDocument();
                    doc.Load("users.xml");
                    var byArgument = [|doc.SelectNodes(args[0])|];
                    var typed = Console.ReadLine();
                    var byInput = [|doc.SelectSingleNode(typed)|];
                    var byEnvironment = [|doc.SelectNodes(Environment.GetCommandLineArgs()[1])|];
                    var fixedPath = doc.SelectNodes(Environment.GetEnvironmentVariable("USERS_XPATH"));
                }
            }
            """);
    }
}
