using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class RawHtmlXssRuleTests
{
    [Fact]
    public void Flags_Html_Raw_and_HtmlString_with_non_constant_values()
    {
        CSharpRuleVerifier.Verify<RawHtmlXssRule>("""
            using Microsoft.AspNetCore.Html;
            using Microsoft.AspNetCore.Mvc.Rendering;

            public static class Badges
            {
                public static IHtmlContent Badge(this IHtmlHelper Html, string label)
                {
                    var raw = [|Html.Raw("<span>" + label + "</span>")|];
                    return [|new HtmlString($"<b>{label}</b>")|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_MvcHtmlString_in_classic_mvc_helpers()
    {
        CSharpRuleVerifier.Verify<RawHtmlXssRule>("""
            using System.Web.Mvc;

            public static class Helpers
            {
                public static MvcHtmlString Title(this HtmlHelper html, string text)
                {
                    var markup = "<h1>" + text + "</h1>";
                    return [|MvcHtmlString.Create(markup)|];
                }

                public static MvcHtmlString Plain(string text) => [|new MvcHtmlString(text)|];
            }
            """);
    }

    [Fact]
    public void Flags_request_values_written_to_the_response()
    {
        CSharpRuleVerifier.Verify<RawHtmlXssRule>("""
            using System.Web;

            public class Handler : IHttpHandler
            {
                public void ProcessRequest(HttpContext ctx)
                {
                    string name = ctx.Request.QueryString["name"];
                    [|ctx.Response.Write("Hello " + name)|];
                }

                public bool IsReusable => false;
            }
            """);
    }

    [Fact]
    public void Flags_controller_html_content_and_async_writes()
    {
        CSharpRuleVerifier.Verify<RawHtmlXssRule>("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class GreetingController : Controller
            {
                public IActionResult Hello(string name)
                {
                    return [|Content($"<p>Hello {name}</p>", "text/html")|];
                }

                public async Task Stream()
                {
                    await [|HttpContext.Response.WriteAsync(Request.Query["q"])|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_user_input_in_tag_helper_content_and_InnerHtml()
    {
        CSharpRuleVerifier.Verify<RawHtmlXssRule>("""
            using Microsoft.AspNetCore.Razor.TagHelpers;
            using System.Web.UI.HtmlControls;
            using System.Web;

            public class NoteTagHelper : TagHelper
            {
                public string Text { get; set; }

                public override void Process(TagHelperContext context, TagHelperOutput output)
                {
                    [|output.Content.SetHtmlContent("<em>" + Text + "</em>")|];
                }
            }

            public class Page
            {
                public void Render(HtmlGenericControl div, HttpRequest Request)
                {
                    [|div.InnerHtml = Request.Form["comment"]|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_constant_markup()
    {
        CSharpRuleVerifier.VerifyNone<RawHtmlXssRule>("""
            using Microsoft.AspNetCore.Html;
            using Microsoft.AspNetCore.Mvc.Rendering;

            public static class Icons
            {
                private const string Check = "<svg></svg>";

                public static IHtmlContent Icon(this IHtmlHelper Html, bool done)
                {
                    var a = Html.Raw("<br/>");
                    var b = new HtmlString(Check + "<span></span>");
                    return Html.Raw(done ? Check : "<i></i>");
                }
            }
            """);
    }

    [Fact]
    public void Ignores_encoded_values()
    {
        CSharpRuleVerifier.VerifyNone<RawHtmlXssRule>("""
            using System.Net;
            using System.Text.Encodings.Web;
            using System.Web;
            using Microsoft.AspNetCore.Html;
            using Microsoft.AspNetCore.Mvc.Rendering;

            public static class Badges
            {
                public static IHtmlContent Badge(this IHtmlHelper Html, string label)
                {
                    var a = Html.Raw("<span>" + HtmlEncoder.Default.Encode(label) + "</span>");
                    var b = new HtmlString($"<b>{WebUtility.HtmlEncode(label)}</b>");
                    var encoded = HttpUtility.HtmlEncode(label);
                    return Html.Raw(encoded);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_encoded_or_constant_response_writes()
    {
        CSharpRuleVerifier.VerifyNone<RawHtmlXssRule>("""
            using System.Web;

            public class Handler : IHttpHandler
            {
                public void ProcessRequest(HttpContext ctx)
                {
                    string name = ctx.Request.QueryString["name"];
                    ctx.Response.Write("Hello " + HttpUtility.HtmlEncode(name));
                    ctx.Response.Write("<p>static</p>");
                    ctx.Response.Write(name.Length);
                }

                public bool IsReusable => false;
            }
            """);
    }

    [Fact]
    public void Ignores_plain_text_content_and_look_alike_Raw_methods()
    {
        CSharpRuleVerifier.VerifyNone<RawHtmlXssRule>("""
            using Microsoft.AspNetCore.Mvc;

            public class GreetingController : Controller
            {
                public IActionResult Hello(string name)
                {
                    var bytes = Serializer.Raw(name);
                    System.Console.Write(name);
                    return Content("Hello " + name);
                }
            }
            """);
    }

    [Fact]
    public void Flags_model_values_and_builders_passed_to_raw_html()
    {
        CSharpRuleVerifier.Verify<RawHtmlXssRule>("""
            using System.Text;
            using Microsoft.AspNetCore.Html;
            using Microsoft.AspNetCore.Mvc.Rendering;

            public static class Render
            {
                public static IHtmlContent Description(IHtmlHelper Html, Product model) => [|Html.Raw(model.Description)|];

                public static IHtmlContent List(string[] items, string title)
                {
                    var html = new StringBuilder("<ul>");
                    html.Append("<li>").Append(title).Append("</li>");
                    return [|new HtmlString(html.ToString())|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_classic_response_writes_and_formatted_mvc_strings()
    {
        CSharpRuleVerifier.Verify<RawHtmlXssRule>("""
            using System.Web;
            using System.Web.Mvc;

            public class LegacyController : Controller
            {
                public void Echo()
                {
                    [|HttpContext.Current.Response.Write(Request.Form["message"])|];
                }

                public static MvcHtmlString Link(string url) => [|MvcHtmlString.Create(string.Format("<a href='{0}'>go</a>", url))|];
            }
            """);
    }

    [Fact]
    public void Ignores_javascript_encoding_and_empty_or_static_content()
    {
        CSharpRuleVerifier.VerifyNone<RawHtmlXssRule>("""
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Html;
            using Microsoft.AspNetCore.Mvc.Rendering;
            using Microsoft.AspNetCore.Razor.TagHelpers;

            public class Widgets
            {
                public IHtmlContent Script(IHtmlHelper Html, string name) => Html.Raw("var n = '" + JavaScriptEncoder.Default.Encode(name) + "';");

                public IHtmlContent Empty() => new HtmlString(string.Empty);

                public void Process(TagHelperOutput output, IHtmlContent childContent)
                {
                    output.Content.SetHtmlContent("<b>static</b>");
                    output.Content.AppendHtml(childContent);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_response_writes_of_server_data()
    {
        CSharpRuleVerifier.VerifyNone<RawHtmlXssRule>("""
            using System.Text.Json;
            using System.Web;

            public class Handler : IHttpHandler
            {
                public void ProcessRequest(HttpContext context)
                {
                    var report = BuildReport();
                    context.Response.Write(JsonSerializer.Serialize(report));
                    context.Response.Write(System.DateTime.Now.Year);
                }

                private static object BuildReport() => new object();

                public bool IsReusable => true;
            }
            """);
    }

    [Fact]
    public void Flags_request_values_shown_in_web_forms_labels_but_not_encoded_ones()
    {
        CSharpRuleVerifier.Verify<RawHtmlXssRule>("""
            using System;
            using System.Web.UI.WebControls;

            public partial class Files : System.Web.UI.Page
            {
                protected Label lblStatus;
                protected TextBox txtName;

                protected void Page_Load(object sender, EventArgs e)
                {
                    string filename = Request.QueryString["filename"];
                    [|lblStatus.Text = "File not found: " + filename|];
                    lblStatus.Text = "Hello " + Server.HtmlEncode(txtName.Text);
                    txtName.Text = filename;
                    lblStatus.Text = "Saved.";
                }
            }
            """);
    }

    [Fact]
    public void Flags_request_input_in_the_string_an_mvc5_action_returns()
    {
        CSharpRuleVerifier.Verify<RawHtmlXssRule>("""
            using System.Web.Mvc;

            public class GreetingController : Controller
            {
                [HttpGet]
                public string Hello(string name)
                {
                    return [|"Hello " + name|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_strings_returned_by_aspnet_core_actions_and_encoded_or_constant_mvc5_results()
    {
        CSharpRuleVerifier.VerifyNone<RawHtmlXssRule>("""
            using System.Net;
            using System.Web.Mvc;

            public class GreetingController : Controller
            {
                public string Hello(string name) => "Hello " + WebUtility.HtmlEncode(name);

                public string Version() => "1.0";
            }
            """);
        CSharpRuleVerifier.VerifyNone<RawHtmlXssRule>("""
            using Microsoft.AspNetCore.Mvc;

            public class GreetingController : ControllerBase
            {
                [HttpGet]
                public string Hello(string name) => "Hello " + name;
            }
            """);
    }
}
