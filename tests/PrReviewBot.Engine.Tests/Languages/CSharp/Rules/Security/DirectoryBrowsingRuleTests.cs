using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class DirectoryBrowsingRuleTests
{
    [Fact]
    public void Flags_directory_browsing_in_every_form()
    {
        CSharpRuleVerifier.Verify<DirectoryBrowsingRule>("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    [|services.AddDirectoryBrowser()|];
                }

                public void Configure(IApplicationBuilder app)
                {
                    [|app.UseDirectoryBrowser(new DirectoryBrowserOptions { RequestPath = "/files" })|];
                    [|app.UseFileServer(enableDirectoryBrowsing: true)|];
                    app.UseFileServer(new FileServerOptions { [|EnableDirectoryBrowsing = true|] });
                }
            }
            """);
    }

    [Fact]
    public void Leaves_static_files_and_file_servers_without_listings_alone()
    {
        CSharpRuleVerifier.VerifyNone<DirectoryBrowsingRule>("""
            using Microsoft.AspNetCore.Builder;

            public sealed class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseStaticFiles();
                    app.UseFileServer();
                    app.UseFileServer(enableDirectoryBrowsing: false);
                    app.UseFileServer(new FileServerOptions { EnableDirectoryBrowsing = false });
                }
            }
            """);
    }
}
