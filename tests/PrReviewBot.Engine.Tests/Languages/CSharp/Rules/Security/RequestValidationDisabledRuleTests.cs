using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class RequestValidationDisabledRuleTests
{
    [Fact]
    public void Flags_validation_switched_off_by_attribute_alias_or_constant()
    {
        CSharpRuleVerifier.Verify<RequestValidationDisabledRule>("""
            using System.Web.Mvc;
            using VI = System.Web.Mvc.ValidateInputAttribute;

            [[|ValidateInput(false)|]]
            public sealed class CommentsController : Controller
            {
                private const bool Validate = false;

                [HttpPost, [|VI(Validate)|]]
                public ActionResult Post(string body) => null;

                [[|System.Web.Mvc.ValidateInputAttribute(false)|]]
                public ActionResult Put(string body) => null;
            }

            public sealed class Comment
            {
                [[|AllowHtml|]]
                public string Body { get; set; }
            }
            """);
    }

    [Fact]
    public void Flags_unvalidated_request_reads()
    {
        CSharpRuleVerifier.Verify<RequestValidationDisabledRule>("""
            using System.Web.Helpers;
            using System.Web.Mvc;

            public sealed class CommentsController : Controller
            {
                public ActionResult Post()
                {
                    var form = [|Request.Unvalidated|].Form["body"];
                    var all = [|Request.Unvalidated|]();
                    return null;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_validation_left_on()
    {
        CSharpRuleVerifier.VerifyNone<RequestValidationDisabledRule>("""
            using System.Web.Mvc;

            [ValidateInput(true)]
            public sealed class CommentsController : Controller
            {
                [HttpPost]
                public ActionResult Post(string body) => null;

                public bool AllowHtmlPreview { get; set; }
            }
            """);
    }
}
