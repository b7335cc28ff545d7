using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class DebugFeaturesInProductionRuleTests
{
    [Fact]
    public void Flags_developer_pages_registered_in_every_environment()
    {
        CSharpRuleVerifier.Verify<DebugFeaturesInProductionRule>("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;

            public sealed class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    var isDevelopment = env.IsDevelopment();
                    [|app.UseDeveloperExceptionPage()|];
                    [|DatabaseErrorPageExtensions.UseDatabaseErrorPage(app)|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_developer_page_under_an_inverted_check()
    {
        var findings = CSharpRuleVerifier.Verify<DebugFeaturesInProductionRule>("""
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                [|app.UseDeveloperExceptionPage()|];
            }
            else
            {
                app.UseExceptionHandler("/Error");
            }
            """);
        Assert.Contains("NOT in development", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_developer_pages_behind_a_development_check()
    {
        CSharpRuleVerifier.VerifyNone<DebugFeaturesInProductionRule>("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;

            public sealed class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env, bool isLocal)
                {
                    if (env.IsDevelopment())
                        app.UseDeveloperExceptionPage();

                    if (env.IsProduction())
                    {
                        app.UseExceptionHandler("/Error");
                    }
                    else
                    {
                        app.UseDatabaseErrorPage();
                    }

                    if (isLocal) app.UseMigrationsEndPoint();
                }

                public void ConfigureLate(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (!env.IsDevelopment())
                    {
                        return;
                    }

                    app.UseDeveloperExceptionPage();
                }

                public void ConfigureDevelopment(IApplicationBuilder app) => app.UseDeveloperExceptionPage();

                public void ConfigureBuild(IApplicationBuilder app)
                {
            #if DEBUG
                    app.UseDeveloperExceptionPage();
            #endif
                }
            }
            """);
    }
}
