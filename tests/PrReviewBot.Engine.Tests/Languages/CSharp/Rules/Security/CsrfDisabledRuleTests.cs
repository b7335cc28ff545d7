using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class CsrfDisabledRuleTests
{
    [Fact]
    public void Flags_ignored_antiforgery_tokens()
    {
        CSharpRuleVerifier.Verify<CsrfDisabledRule>("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;
            using Skip = Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute;

            [[|IgnoreAntiforgeryToken|]]
            public sealed class AccountController : Controller
            {
                [HttpPost, [|IgnoreAntiforgeryTokenAttribute|]]
                public IActionResult ChangeEmail(string email) => View();

                [HttpPost, [|Webhook|]]
                public IActionResult Notify(string payload) => View();
            }

            public sealed class WebhookAttribute : IgnoreAntiforgeryTokenAttribute
            {
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services, WebApplication app)
                {
                    services.AddControllersWithViews(options => options.Filters.Add([|new IgnoreAntiforgeryTokenAttribute()|]));
                    services.AddMvc(options => options.Filters.Add([|new Skip()|]));
                    app.MapPost("/transfer", () => "ok").[|DisableAntiforgery()|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_state_changing_view_actions_without_a_token_check()
    {
        CSharpRuleVerifier.Verify<CsrfDisabledRule>("""
            using Microsoft.AspNetCore.Mvc;

            public sealed class ProfileController : Controller
            {
                public IActionResult Index() => View();

                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult Create(string name) => View();

                [[|HttpPost|]]
                public IActionResult Update(string name) => View();

                [[|HttpDelete("{id}")|]]
                public IActionResult Delete(int id) => View();
            }
            """);
    }

    [Fact]
    public void Flags_an_antiforgery_attribute_of_the_other_framework()
    {
        CSharpRuleVerifier.Verify<CsrfDisabledRule>("""
            public sealed class ProfileController : System.Web.Mvc.Controller
            {
                [System.Web.Mvc.HttpPost]
                [Microsoft.AspNetCore.Mvc.ValidateAntiForgeryToken]
                public System.Web.Mvc.ActionResult [|Update|](string name) => null;
            }
            """);
    }

    [Fact]
    public void Ignores_protected_json_and_api_actions()
    {
        CSharpRuleVerifier.VerifyNone<CsrfDisabledRule>("""
            using Microsoft.AspNetCore.Mvc;

            public sealed class ProfileController : Controller
            {
                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult Update(string name) => View();

                [HttpPost]
                [Consumes("application/json")]
                public IActionResult Import(string name) => View();

                [HttpPut]
                public IActionResult Replace([FromBody] Profile profile) => View();
            }

            [AutoValidateAntiforgeryToken]
            public sealed class SettingsController : Controller
            {
                [HttpPost]
                public IActionResult Save(string value) => View();
            }

            [ApiController]
            public sealed class OrdersController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(string order) => Ok();
            }

            public sealed class Profile
            {
                public string Name { get; set; } = "";
            }
            """);
    }

    [Fact]
    public void Ignores_actions_of_controllers_that_validate_nowhere_themselves()
    {
        CSharpRuleVerifier.VerifyNone<CsrfDisabledRule>("""
            using Microsoft.AspNetCore.Mvc;

            public sealed class ProfileController : Controller
            {
                [HttpPost]
                public IActionResult Update(string name) => View();
            }
            """);
    }

    [Fact]
    public void Ignores_actions_when_a_global_filter_validates_every_post()
    {
        CSharpRuleVerifier.VerifyNone<CsrfDisabledRule>("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ProfileController : Controller
            {
                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult Create(string name) => View();

                [HttpPost]
                public IActionResult Update(string name) => View();
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
            }
            """);
    }
}
