using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class ExcessiveRequestLengthRuleTests
{
    [Fact]
    public void Flags_disabled_and_oversized_request_limits()
    {
        var findings = CSharpRuleVerifier.Verify<ExcessiveRequestLengthRule>("""
            using Microsoft.AspNetCore.Mvc;

            public sealed class UploadController : Controller
            {
                private const long Huge = 1024L * 1024 * 100;

                [HttpPost]
                [[|DisableRequestSizeLimit|]]
                public IActionResult Any() => Ok();

                [HttpPost, [|RequestSizeLimit(Huge)|]]
                public IActionResult Big() => Ok();

                [HttpPost]
                [[|RequestFormLimits(ValueCountLimit = 10, MultipartBodyLengthLimit = int.MaxValue)|]]
                public IActionResult Form() => Ok();

                [[|Unlimited|]]
                public IActionResult Import() => Ok();
            }

            public sealed class UnlimitedAttribute : DisableRequestSizeLimitAttribute
            {
            }
            """);
        Assert.Contains("100 MB", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_unbounded_server_limits_and_large_browser_file_reads()
    {
        CSharpRuleVerifier.Verify<ExcessiveRequestLengthRule>("""
            using Microsoft.AspNetCore.Components.Forms;
            using Microsoft.AspNetCore.Server.Kestrel.Core;

            public static class Limits
            {
                public static void Configure(KestrelServerOptions options) => [|options.Limits.MaxRequestBodySize = null|];

                public static void Read(InputFileChangeEventArgs e, IBrowserFile file)
                {
                    [|file.OpenReadStream(maxAllowedSize: 50 * 1024 * 1024)|];
                    foreach (var part in e.GetMultipleFiles())
                    {
                        [|part.OpenReadStream(1024 * 1024)|];
                    }
                }
            }
            """);
    }

    [Fact]
    public void Ignores_limits_within_8_mb_and_unknown_sizes()
    {
        CSharpRuleVerifier.VerifyNone<ExcessiveRequestLengthRule>("""
            using Microsoft.AspNetCore.Components.Forms;
            using Microsoft.AspNetCore.Mvc;

            public sealed class UploadController : Controller
            {
                [HttpPost]
                [RequestSizeLimit(8_388_608)]
                [RequestFormLimits(MultipartHeadersLengthLimit = 100_000_000, MultipartBodyLengthLimit = 1_000_000)]
                public IActionResult Small() => Ok();

                public void Read(InputFileChangeEventArgs e, IBrowserFile file, long size)
                {
                    file.OpenReadStream(size);
                    file.OpenReadStream(4 * 1024 * 1024);
                    foreach (var part in e.GetMultipleFiles(1))
                    {
                        part.OpenReadStream(1024 * 1024);
                    }
                }
            }
            """);
    }
}
