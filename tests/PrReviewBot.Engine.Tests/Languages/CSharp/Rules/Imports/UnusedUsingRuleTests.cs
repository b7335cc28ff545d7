using System.Diagnostics.CodeAnalysis;
using PrReviewBot.Engine.Languages.CSharp.Rules.Imports;
using static PrReviewBot.Engine.Tests.Languages.CSharp.CSharpRuleVerifier;

[assembly: SuppressMessage(
    "Naming",
    "CA1716:Identifiers should not match keywords",
    Scope = "namespace",
    Target = "~N:PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Imports",
    Justification = "The tests mirror the engine's folders, which name the review group (imports).")]

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Imports;

public sealed class UnusedUsingRuleTests
{
    [Fact]
    public void Flags_an_unused_framework_using_and_suggests_deleting_the_line()
    {
        var findings = Verify<UnusedUsingRule>("""
            using System;
            [|using System.Text;|]

            class Clock
            {
                DateTime Now() => DateTime.UtcNow;
            }
            """);

        Assert.Equal("`using System.Text;` is not used in this file.", findings.Single().Message);
        Assert.Equal(string.Empty, findings.Single().Replacement);
    }

    [Fact]
    public void Flags_unused_linq_and_collections_usings_in_a_realistic_file()
    {
        Verify<UnusedUsingRule>("""
            using System;
            [|using System.Collections.Generic;|]
            [|using System.Linq;|]
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;

            namespace Acme.Jobs;

            public sealed class Worker(ILogger<Worker> logger)
            {
                public async Task RunAsync()
                {
                    logger.LogInformation("start {Time}", DateTime.UtcNow);
                    await Task.Delay(10);
                }
            }
            """);
    }

    [Fact]
    public void Flags_unused_static_using_and_unused_alias()
    {
        Verify<UnusedUsingRule>("""
            [|using static System.Math;|]
            [|using Json = System.Text.Json.JsonSerializer;|]
            using Env = System.Environment;

            class Host
            {
                string Name() => Env.MachineName;
            }
            """);
    }

    [Fact]
    public void Flags_a_repeated_using()
    {
        var findings = Verify<UnusedUsingRule>("""
            using System;
            [|using System;|]

            class Clock
            {
                DateTime Now() => DateTime.UtcNow;
            }
            """);

        Assert.Equal("`using System;` repeats a using directive above it.", findings.Single().Message);
    }

    [Fact]
    public void Flags_an_unused_using_of_a_namespace_declared_in_the_change_when_every_name_resolves()
    {
        var findings = Analyze(
            ("src/Billing/Invoice.cs", "namespace Acme.Billing;\n\npublic sealed class Invoice { }\n"),
            ("src/Shipping/Parcel.cs", "using Acme.Billing;\n\nnamespace Acme.Shipping;\n\npublic sealed class Parcel\n{\n    public int Weight { get; set; }\n}\n"));

        var finding = Assert.Single(findings);
        Assert.Equal(("src/Shipping/Parcel.cs", 1), (finding.Path, finding.StartLine));
    }

    [Fact]
    public void Leaves_a_using_of_a_namespace_declared_in_the_change_alone_when_its_type_is_used()
    {
        var findings = Analyze(
            ("src/Billing/Invoice.cs", "namespace Acme.Billing;\n\npublic sealed class Invoice { }\n"),
            ("src/Shipping/Parcel.cs", "using Acme.Billing;\n\nnamespace Acme.Shipping;\n\npublic sealed class Parcel\n{\n    public Invoice? Invoice { get; set; }\n}\n"));

        Assert.Empty(findings);
    }

    [Fact]
    public void Flags_usings_inside_a_namespace_block()
    {
        Verify<UnusedUsingRule>("""
            namespace Acme
            {
                using System;
                [|using System.IO;|]

                class Clock
                {
                    DateTime Now() => DateTime.UtcNow;
                }
            }
            """);
    }

    [Fact]
    public void Counts_extension_methods_attributes_crefs_and_query_expressions_as_uses()
    {
        VerifyNone<UnusedUsingRule>("""
            using System;
            using System.ComponentModel;
            using System.Linq;
            using System.Text;
            using System.Threading.Tasks;

            /// <summary>Builds with a <see cref="StringBuilder"/>.</summary>
            [Description("numbers")]
            class Numbers
            {
                int[] Evens(int[] values) => (from value in values where value % 2 == 0 select value).ToArray();

                async Task<int> Wait(Task<int> task) => await task.WaitAsync(TimeSpan.FromSeconds(1));
            }
            """);
    }

    [Fact]
    public void Leaves_usings_that_do_not_resolve_alone()
    {
        VerifyNone<UnusedUsingRule>("""
            using Newtonsoft.Json;
            using Acme.Unseen.Helpers;

            class Plain
            {
            }
            """);
    }

    [Theory]
    [InlineData("public TaxTable Taxes { get; } = new TaxTable();")]
    [InlineData("public decimal Tax(decimal amount) { var table = new TaxTable(); return table.Rate * amount; }")]
    public void Leaves_project_namespaces_alone_when_the_file_uses_names_we_cannot_see(string member)
    {
        // In a declaration, or only in a body: the name is looked for in both.
        VerifyNone<UnusedUsingRule>($$"""
            using Acme.Billing;

            namespace Acme.Billing
            {
                public sealed class Invoice { }
            }

            namespace Acme.Shipping
            {
                public sealed class Parcel
                {
                    {{member}}
                }
            }
            """);
    }

    [Fact]
    public void Leaves_desktop_framework_namespaces_alone_when_types_do_not_resolve()
    {
        VerifyNone<UnusedUsingRule>("""
            using System.Windows;
            using System.Windows.Input;

            class MainWindow : Window
            {
                void OnKey(KeyEventArgs e) => MessageBox.Show(e.Key.ToString());
            }
            """);
    }

    [Fact]
    public void Leaves_global_usings_and_files_with_conditional_compilation_alone()
    {
        VerifyNone<UnusedUsingRule>("""
            global using System.Text;

            class Plain
            {
            }
            """);
        VerifyNone<UnusedUsingRule>("""
            using System.Diagnostics;
            using System.Text;

            class Plain
            {
            #if DEBUG
                void Log() => Debug.WriteLine("x");
            #endif
            }
            """);
    }

    [Fact]
    public void Leaves_usings_of_the_files_own_namespace_alone()
    {
        VerifyNone<UnusedUsingRule>("""
            using Acme.Billing;

            namespace Acme.Billing.Invoices;

            public sealed class Invoice
            {
            }
            """);
    }

    [Fact]
    public void Leaves_usings_that_supply_pattern_extensions_such_as_deconstruct_alone()
    {
        var findings = Analyze(
            ("src/Geometry/PointExtensions.cs", "namespace Acme.Geometry.Extensions;\n\npublic static class PointExtensions\n{\n    public static void Deconstruct(this System.Drawing.Point point, out int x, out int y) => (x, y) = (point.X, point.Y);\n}\n"),
            ("src/Geometry/Plotter.cs", "using Acme.Geometry.Extensions;\n\nnamespace Acme.Geometry;\n\npublic sealed class Plotter\n{\n    public int Sum(System.Drawing.Point point)\n    {\n        var (x, y) = point;\n        return x + y;\n    }\n}\n"));

        Assert.Empty(findings);
    }

    [Fact]
    public void Leaves_files_known_only_by_their_hunks_alone()
    {
        var source = new PrReviewBot.Engine.Languages.CSharp.CSharpSource(
            "src/Clock.cs", "using System.Text;\n\n\n\n", PrReviewBot.Engine.Diffs.ChangedLines.All, HasFullContent: false, PrReviewBot.Engine.Configuration.EditorConfigSettings.None);
        var problems = new List<string>();

        var findings = new PrReviewBot.Engine.Languages.CSharp.CSharpAnalyzer([new UnusedUsingRule()]).Analyze([source], PrReviewBot.Engine.Configuration.ReviewOptions.Default, problems);

        Assert.Empty(findings);
    }

    private static IReadOnlyList<PrReviewBot.Engine.Findings.RawFinding> Analyze(params (string Path, string Text)[] files)
    {
        var sources = files.Select(file => new PrReviewBot.Engine.Languages.CSharp.CSharpSource(
            file.Path, file.Text, PrReviewBot.Engine.Diffs.ChangedLines.All, HasFullContent: true, PrReviewBot.Engine.Configuration.EditorConfigSettings.None)).ToList();
        var problems = new List<string>();
        var findings = new PrReviewBot.Engine.Languages.CSharp.CSharpAnalyzer([new UnusedUsingRule()]).Analyze(sources, PrReviewBot.Engine.Configuration.ReviewOptions.Default, problems);
        Assert.Empty(problems);
        return findings;
    }

    [Fact]
    public void Judges_only_the_added_using_when_only_the_change_is_read()
    {
        var source = """
            using System;
            using System.Text;

            class Store
            {
                int Count() => 1;
            }
            """;

        Assert.Equal(2, Assert.Single(ChangedCodeScope.Kept<UnusedUsingRule>(source, ChangedCodeScope.Added(source, 2))).StartLine);
        Assert.Empty(ChangedCodeScope.Kept<UnusedUsingRule>(source, ChangedCodeScope.Added(source, 6)));
    }
}
