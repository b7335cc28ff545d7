using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class OpenRedirectRuleTests
{
    [Fact]
    public void Flags_redirects_to_action_parameters()
    {
        CSharpRuleVerifier.Verify<OpenRedirectRule>("""
            using Microsoft.AspNetCore.Mvc;

            class OpenRedirect : Controller
            {
                public ActionResult Run(string input)
                {
                    return [|Redirect(input)|];
                }

                public ActionResult Permanent(string input) => [|RedirectPermanent(input)|];

                public ActionResult Created(string input) => [|new RedirectResult(input, true)|];
            }
            """);
    }

    [Fact]
    public void Flags_returnUrl_after_an_insufficient_check()
    {
        CSharpRuleVerifier.Verify<OpenRedirectRule>("""
            using System;
            using System.Web.Mvc;

            public class AccountController : Controller
            {
                [HttpPost]
                public ActionResult LogOn(LogOnModel model, string returnUrl)
                {
                    if (ModelState.IsValid)
                    {
                        if (!String.IsNullOrEmpty(returnUrl))
                        {
                            return [|Redirect(returnUrl)|];
                        }

                        return RedirectToAction("Index", "Home");
                    }

                    return View(model);
                }
            }
            """);
    }

    [Fact]
    public void Flags_response_redirects_and_location_headers()
    {
        CSharpRuleVerifier.Verify<OpenRedirectRule>("""
            using Microsoft.AspNetCore.Mvc;

            public class SomeController : ControllerBase
            {
                [HttpPost]
                public void Post([FromBody] string value)
                {
                    [|Response.Redirect(value)|];
                    [|Response.Headers["location"] = value|];
                    [|Response.Headers.Add("Location", value)|];
                    Response.Headers["location"] = "/home";
                }
            }
            """);
    }

    [Fact]
    public void Flags_query_values_traced_through_locals_and_minimal_apis()
    {
        CSharpRuleVerifier.Verify<OpenRedirectRule>("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/go", (HttpContext context) =>
                    {
                        var target = context.Request.Query["to"].ToString();
                        var trimmed = target.Trim();
                        return [|Results.Redirect(
                            trimmed)|];
                    });
                    app.MapGet("/jump", (string url) => [|Results.Redirect(url)|]);
                }
            }
            """);
    }

    [Fact]
    public void Flags_model_properties_and_result_url_assignment()
    {
        CSharpRuleVerifier.Verify<OpenRedirectRule>("""
            using Microsoft.AspNetCore.Mvc;

            public class LoginController : Controller
            {
                public IActionResult Done(LoginModel model)
                {
                    var a = new RedirectResult("");
                    [|a.Url = model.ReturnUrl|];
                    return a;
                }

                public IActionResult Init(string input) => new RedirectResult("") { [|Url = input|] };
            }
            """);
    }

    [Fact]
    public void Ignores_local_url_checks()
    {
        CSharpRuleVerifier.VerifyNone<OpenRedirectRule>("""
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : Controller
            {
                public IActionResult LogOn(string returnUrl)
                {
                    if (Url.IsLocalUrl(returnUrl))
                    {
                        return Redirect(returnUrl);
                    }

                    return RedirectToAction("Index", "Home");
                }

                public IActionResult Early(string returnUrl)
                {
                    if (!Url.IsLocalUrl(returnUrl))
                    {
                        return RedirectToAction("Index");
                    }

                    return Redirect(returnUrl);
                }

                public IActionResult Custom(string returnUrl) => IsLocalUrl(returnUrl) ? Redirect(returnUrl) : RedirectToAction("Index");

                private bool IsLocalUrl(string url) => url.StartsWith('/');
            }
            """);
    }

    [Fact]
    public void Ignores_local_redirects_and_route_based_redirects()
    {
        CSharpRuleVerifier.VerifyNone<OpenRedirectRule>("""
            using Microsoft.AspNetCore.Mvc;

            public class HomeController : Controller
            {
                public IActionResult Go(string returnUrl, string input)
                {
                    if (input == "a")
                    {
                        return LocalRedirect(returnUrl);
                    }

                    if (input == "b")
                    {
                        return RedirectToAction("Index", new { returnUrl });
                    }

                    if (input == "c")
                    {
                        return RedirectToPage("/Index", new { input });
                    }

                    return Redirect(Url.RouteUrl(new { controller = input }) + "#Id");
                }
            }
            """);
    }

    [Fact]
    public void Ignores_relative_uri_checks_allow_lists_and_constants()
    {
        CSharpRuleVerifier.VerifyNone<OpenRedirectRule>("""
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class HomeController : Controller
            {
                private static readonly HashSet<string> Allowed = new() { "https://partner.example" };

                public IActionResult Go(string target, bool flag)
                {
                    if (Uri.IsWellFormedUriString(target, UriKind.Relative))
                    {
                        return Redirect(target);
                    }

                    if (Allowed.Contains(target))
                    {
                        return Redirect(target);
                    }

                    if (flag)
                    {
                        return Redirect("/home");
                    }

                    return new RedirectResult("", flag);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_redirects_outside_request_handling()
    {
        CSharpRuleVerifier.VerifyNone<OpenRedirectRule>("""
            using Microsoft.AspNetCore.Mvc;

            public class Navigator
            {
                public IActionResult To(string url) => new RedirectResult(url);
            }

            public class HomeController : Controller
            {
                private readonly string home = "/";

                public IActionResult Index() => Redirect(home);

                private IActionResult Helper(string url) => Redirect(url);
            }
            """);
    }

    [Fact]
    public void Flags_handler_redirects_unless_the_target_is_fixed()
    {
        CSharpRuleVerifier.Verify<OpenRedirectRule>("""
            using System.Web;

            public class UrlRedirectHandler : IHttpHandler
            {
                public void ProcessRequest(HttpContext ctx)
                {
                    string url = ctx.Request.QueryString["page"];
                    ctx.Response.Redirect(ctx.Request.RawUrl);
                    ctx.Response.Redirect("foo.asp?param=" + url);
                    ctx.Response.Redirect(string.Format("foo.asp?param={0}", url));
                    ctx.Response.Redirect(HttpUtility.UrlEncode(url));
                    [|ctx.Response.Redirect($"{url}.asp?param=foo")|];
                    [|ctx.Response.Redirect("/" + url)|];
                    [|ctx.Response.AddHeader("Location", url)|];
                    if (new HttpRequestWrapper(ctx.Request).IsUrlLocalToHost(url))
                    {
                        ctx.Response.Redirect(url);
                    }
                }

                public bool IsReusable => true;
            }
            """);
    }

    [Fact]
    public void Flags_routed_methods_web_forms_and_typed_results()
    {
        CSharpRuleVerifier.Verify<OpenRedirectRule>("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class Redirector : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [HttpGet("/out")]
                public IActionResult Out(string next) => [|RedirectPreserveMethod(next)|];

                public static IResult Jump([FromQuery] string target) => [|TypedResults.Redirect(target)|];
            }

            public partial class Login : System.Web.UI.Page
            {
                protected void Page_Load(object sender, System.EventArgs e)
                {
                    [|Response.Redirect(Request["url"], false)|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_local_redirect_variants_and_route_results()
    {
        CSharpRuleVerifier.VerifyNone<OpenRedirectRule>("""
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : Controller
            {
                public IActionResult Done(string returnUrl)
                {
                    if (returnUrl == null)
                    {
                        return LocalRedirectPermanent("/");
                    }

                    return RedirectToRoute("default", new { returnUrl });
                }
            }
            """);
    }

    [Fact]
    public void Ignores_values_replaced_when_the_check_fails()
    {
        CSharpRuleVerifier.VerifyNone<OpenRedirectRule>("""
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : Controller
            {
                public IActionResult Done(string returnUrl)
                {
                    if (!Url.IsLocalUrl(returnUrl))
                    {
                        returnUrl = "/";
                    }

                    return Redirect(returnUrl);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_switch_allow_lists_and_relative_uri_parsing()
    {
        CSharpRuleVerifier.VerifyNone<OpenRedirectRule>("""
            using System;
            using Microsoft.AspNetCore.Mvc;

            public class GoController : Controller
            {
                public IActionResult Go(string target)
                {
                    switch (target)
                    {
                        case "/home":
                        case "/help":
                            return Redirect(target);
                    }

                    if (Uri.TryCreate(target, UriKind.Relative, out var relative))
                    {
                        return Redirect(target);
                    }

                    return NotFound();
                }
            }
            """);
    }
}
