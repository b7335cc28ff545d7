using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class CodeInjectionRuleTests
{
    [Fact]
    public void Flags_templates_scripts_and_assemblies_from_the_request()
    {
        CSharpRuleVerifier.Verify<CodeInjectionRule>("""
            using System.CodeDom.Compiler;
            using System.Reflection;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.CodeAnalysis.CSharp.Scripting;
            using RazorEngine;
            using RazorEngine.Templating;

            public class TemplateController : Controller
            {
                public IActionResult Render(string template)
                {
                    ViewBag.Html = [|Razor.Parse(template)|];
                    var text = [|Engine.Razor.RunCompile(template, "page", null, new { Name = "x" })|];
                    return View();
                }

                public async Task<IActionResult> Eval([FromBody] string code)
                {
                    var result = await [|CSharpScript.EvaluateAsync(code)|];
                    return Ok(result);
                }

                public IActionResult Compile(string source, CodeDomProvider provider)
                {
                    var compiled = [|provider.CompileAssemblyFromSource(new CompilerParameters(), source)|];
                    return Ok(compiled.Errors.Count);
                }

                public IActionResult Plugin()
                {
                    var plugin = [|Assembly.LoadFrom(Request.Query["path"])|];
                    return Ok(plugin.FullName);
                }
            }
            """);
    }

    [Fact]
    public void Leaves_fixed_templates_with_request_models_and_trusted_code_alone()
    {
        CSharpRuleVerifier.VerifyNone<CodeInjectionRule>("""
            using System.Reflection;
            using Microsoft.AspNetCore.Mvc;
            using RazorEngine;
            using RazorEngine.Templating;

            public class TemplateController : Controller
            {
                private const string Greeting = "Hello @Model.Name";

                public IActionResult Render(string name)
                {
                    ViewBag.Html = Engine.Razor.RunCompile(Greeting, "greeting", null, new { Name = name });
                    var plugin = Assembly.LoadFrom(typeof(TemplateController).Assembly.Location);
                    return View();
                }
            }

            public sealed class Scripts
            {
                public object Run(string code) => Razor.Parse(code);
            }
            """);
    }
}
