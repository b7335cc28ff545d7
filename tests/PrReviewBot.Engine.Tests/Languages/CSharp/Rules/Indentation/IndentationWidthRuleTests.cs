using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Languages.CSharp.Rules.Indentation;
using static PrReviewBot.Engine.Tests.Languages.CSharp.CSharpRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Indentation;

public sealed class IndentationWidthRuleTests
{
    private const string FourSpaceFile = """"
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        namespace Acme.Orders;

        /// <summary>Prices orders.</summary>
        [Serializable]
        public sealed class OrderPricer
        {
            private readonly Dictionary<string, decimal> _prices = new()
            {
                ["apple"] = 1.5m,
                ["pear"] = 2m,
            };

            public event EventHandler? Priced;

            public decimal Discount
            {
                get => _discount;
                set
                {
                    if (value < 0)
                    {
                        throw new ArgumentOutOfRangeException(nameof(value));
                    }

                    _discount = value;
                }
            }

            private decimal _discount;

            [Obsolete("Use PriceAsync")]
            public decimal Price(IEnumerable<string> items, bool member)
            {
                var total = items
                    .Where(item => _prices.ContainsKey(item))
                    .Select(item => _prices[item])
                    .Sum();
                switch (member)
                {
                    case true:
                        total -= Discount;
                        break;
                    case false when total > 100:
                    {
                        total *= 0.99m;
                        break;
                    }
                    default:
                        break;
                }

                var message = $"""
            Total: {total}
              (member: {member})
            """;
                var label = total switch
                {
                    > 100 => "large",
                    _ => "small",
                };
        #if DEBUG
                Console.WriteLine(message + label);
        #endif
                try
                {
                    Priced?.Invoke(this, EventArgs.Empty);
                }
                catch (InvalidOperationException exception) when (exception.Message.Length > 0)
                {
                    Console.WriteLine(exception);
                }
                finally
                {
                    Console.WriteLine("done");
                }

                if (total > 0)
                    return total;
                else if (total == 0)
                    return 0;
                else
                    return -total;
            }

            public async Task<decimal> PriceAsync(IEnumerable<string> items)
            {
                await Task.Run(() =>
                {
                    Console.WriteLine("pricing");
                });
                var tasks = items.Select(async item =>
                {
                    await Task.Yield();
                    return _prices.GetValueOrDefault(item);
                });
                using (var first = new System.IO.MemoryStream())
                using (var second = new System.IO.MemoryStream())
                {
                    first.WriteByte(1);
                }

                return (await Task.WhenAll(tasks)).Sum(
                    price => price);
            }

            private static int Helper(
                int a,
                int b) => a + b;
        }
        """";

    [Fact]
    public void Accepts_a_consistent_four_space_file()
    {
        VerifyNone<IndentationWidthRule>(FourSpaceFile);
    }

    [Fact]
    public void Accepts_the_same_file_with_two_space_indentation()
    {
        VerifyNone<IndentationWidthRule>(Reindent(FourSpaceFile, "  "));
    }

    [Fact]
    public void Accepts_the_same_file_indented_with_tabs()
    {
        VerifyNone<IndentationWidthRule>(Reindent(FourSpaceFile, "\t"));
    }

    [Fact]
    public void Accepts_block_scoped_namespaces_k_and_r_braces_and_case_labels_level_with_switch()
    {
        VerifyNone<IndentationWidthRule>("""
            namespace Acme
            {
                using System;

                public class Parser {
                    public int Parse(string text) {
                        switch (text) {
                        case "one":
                            return 1;
                        case "two": {
                            return 2;
                        }
                        default:
                            break;
                        }

                        if (text.Length > 3 &&
                            text.StartsWith("x", StringComparison.Ordinal)) {
                            return 3;
                        } else {
                            return Helper(text, value => {
                                return value.Length;
                            });
                        }
                    }

                    private static int Helper(string text, Func<string, int> measure) => measure(text);

                    public int Count { get; private set; }

                    [Obsolete]
                    public void Old() { }
                }

                enum Color
                {
                    Red,
                    Green,
                }
            }
            """);
    }

    [Fact]
    public void Accepts_top_level_statements_and_local_functions()
    {
        VerifyNone<IndentationWidthRule>("""
            using System;

            var names = args;
            foreach (var name in names)
            {
                Console.WriteLine(Greet(name));
            }

            static string Greet(string name)
            {
                return "Hello " + name;
            }
            """);
    }

    [Fact]
    public void Flags_a_two_space_statement_in_a_four_space_file_with_a_suggestion()
    {
        var findings = Verify<IndentationWidthRule>("""
            class Store
            {
                void Save()
                {
                    var a = 1;
                  [|var|] b = 2;
                    var c = a + b;
                }
            }
            """);

        var finding = findings.Single();
        Assert.Equal("Indented by a width that does not match its nesting depth (this file indents by 4 spaces).", finding.Message);
        Assert.Equal("        var b = 2;", finding.Replacement);
    }

    [Fact]
    public void Reports_a_block_shifted_as_a_whole_once_with_one_suggestion()
    {
        var findings = Verify<IndentationWidthRule>("""
            class Store
            {
                void Save(bool flag)
                {
                    var a = 1;
                      [|if (flag)
                      {
                          a++;
                      }|]
                }
            }
            """);

        var finding = findings.Single();
        Assert.Equal(6, finding.StartLine);
        Assert.Equal(9, finding.EndLine);
        Assert.Equal("        if (flag)\n        {\n            a++;\n        }", finding.Replacement);
        Assert.Equal(4, finding.EndLine - finding.StartLine + 1);
    }

    [Fact]
    public void Flags_a_member_indented_too_deep_and_a_misplaced_closing_brace()
    {
        Verify<IndentationWidthRule>("""
            public class Account
            {
                public int Id { get; set; }

                  [|public|] string Name { get; set; } = "";

                public void Close()
                {
                    Id = 0;
              [|}|]
            }
            """);
    }

    [Fact]
    public void Uses_indent_size_from_editorconfig()
    {
        var findings = Verify<IndentationWidthRule>(
            "class Store\n{\n  void Save()\n  {\n      [|var|] a = 1;\n  }\n}\n",
            editorConfig: new EditorConfigSettings(IndentStyle.Space, 2));

        Assert.Contains("`.editorconfig` sets `indent_size = 2`", findings.Single().Message, StringComparison.Ordinal);
        Assert.Equal("    var a = 1;", findings.Single().Replacement);
    }

    [Fact]
    public void Flags_an_embedded_statement_not_indented_under_its_if()
    {
        Verify<IndentationWidthRule>("""
            class Guard
            {
                int Check(int value)
                {
                    if (value < 0)
                    [|return|] 0;
                    return value;
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_tab_file_line_indented_one_tab_too_many()
    {
        Verify<IndentationWidthRule>("class Store\n{\n\tvoid Save()\n\t{\n\t\tvar a = 1;\n\t\t[|\t|]var b = 2;\n\t}\n}\n");
    }

    [Fact]
    public void Leaves_continuation_lines_and_aligned_arguments_alone()
    {
        VerifyNone<IndentationWidthRule>("""
            class Query
            {
                int Run(int[] values)
                {
                    var total = Sum(values[0],
                                    values[1],
                                       values[2]);
                    var text = "a"
                             + "b";
                    var query = from value in values
                                  where value > 0
                                select value;
                    return total + text.Length + query.Count();
                }

                int Sum(int a, int b, int c) => a + b + c;
            }
            """);
    }

    [Fact]
    public void Leaves_multi_line_strings_comments_and_inactive_code_alone()
    {
        VerifyNone<IndentationWidthRule>("""
            class Text
            {
                /* A block comment
                     with its own layout
                 */
                const string Sql = @"
                  SELECT *
                FROM t";

                void Run()
                {
            #if NEVER
                      var misplaced = 1;
            #endif
                    // a comment indented however
              // the author likes
                    System.Console.WriteLine(Sql);
                }
            }
            """);
    }

    [Fact]
    public void Accepts_code_indented_under_braces_that_only_an_inactive_preprocessor_branch_opens()
    {
        VerifyNone<IndentationWidthRule>("""
            class Client
            {
                static void Configure(Handler handler, Options options) {
            #if NET
                    if (!OperatingSystem.IsBrowser()) {
            #endif
                        handler.UseCookies = false;
                        if (options.Certificates != null) {
                            handler.Certificates.AddRange(options.Certificates);
                        }
            #if NET
                    }
            #endif
                    handler.AllowAutoRedirect = options.FollowRedirects;
                }
            }
            """);
    }

    [Fact]
    public void Still_flags_lines_at_neither_build_depth_around_inactive_braces()
    {
        Verify<IndentationWidthRule>("""
            class Client
            {
                static void Configure(Handler handler, Options options) {
            #if NET
                    if (!OperatingSystem.IsBrowser()) {
            #endif
                        handler.UseCookies = false;
                          [|handler|].Credentials = options.Credentials;
            #if NET
                    }
            #endif
                        [|handler|].AllowAutoRedirect = options.FollowRedirects;
                }
            }
            """);
    }

    [Fact]
    public void Accepts_lambda_arguments_laid_out_by_visual_studio_and_by_resharper()
    {
        VerifyNone<IndentationWidthRule>("""
            static class Registration
            {
                public static void Add(Services services, string name) {
                    services
                        .AddHttpClient(name)
                        .ConfigurePrimaryHandler(() => {
                                var handler = new Handler();
                                return handler;
                            }
                        );

                    services.AddTransient(sp => {
                            var client = sp.Create(name);
                            return new Client(client);
                        }
                    );

                    services.AddSingleton(sp => {
                        var client = sp.Create(name);
                        return new Client(client);
                    });

                    services.Configure(
                        name,
                        options => {
                            options.Name = name;
                        }
                    );

                    var holder = new Holder { Factory = () => {
                            return new Client(null);
                        },
                    };
                }
            }
            """);
    }

    [Fact]
    public void Still_flags_lambda_bodies_off_both_formatter_layouts()
    {
        Verify<IndentationWidthRule>("""
            static class Registration
            {
                public static void Add(Services services, string name) {
                    services.AddTransient(sp => {
                        var client = sp.Create(name);
                          [|return|] new Client(client);
                    });

                    Func<Client> make = () => {
                            [|return|] new Client(null);
                    };
                }
            }
            """);
    }

    [Fact]
    public void Leaves_partial_hunks_without_full_content_alone_at_top_level()
    {
        var source = "\n\n        var x = 1;\n        Save(x);\n";
        var findings = Run<IndentationWidthRule>(source);
        Assert.Empty(findings);
    }

    private static string Reindent(string source, string unit)
    {
        var lines = source.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var spaces = line.Length - line.TrimStart(' ').Length;
            lines[index] = string.Concat(string.Concat(Enumerable.Repeat(unit, spaces / 4)), new string(' ', spaces % 4), line.AsSpan(spaces));
        }

        return string.Join('\n', lines);
    }

    [Fact]
    public void Says_the_same_thing_for_every_line_so_the_file_gets_one_finding_per_cause()
    {
        var findings = Run<IndentationWidthRule>("""
            class Worker
            {
                void Run()
                {
                  var first = 1;
                    var second = 2;
                  var third = first + second;
                }
            }
            """);

        Assert.True(new IndentationWidthRule().Descriptor.JudgesWholeFile);
        Assert.True(new MixedIndentationRule().Descriptor.JudgesWholeFile);
        Assert.Single(findings.Select(finding => finding.Message).Distinct());
    }

    [Fact]
    public void Measures_an_added_line_from_where_its_misplaced_anchor_should_be_when_only_the_change_is_read()
    {
        // Line 7 sits one level past its brace, but the brace and the `if` above it are themselves off:
        // measured from where they belong, line 7 is off too, so the file's findings are the change's.
        var source = """
            class Store
            {
                void Save(bool x)
                {
                  if (x)
                  {
                      Write();
                  }
                }

                void Write()
                {
                }
            }
            """;
        var editorConfig = new EditorConfigSettings(IndentStyle.Space, 4);

        var findings = ChangedCodeScope.Kept<IndentationWidthRule>(source, ChangedCodeScope.Added(source, 7), editorConfig);

        Assert.Equal([5, 6, 7, 8], findings.Select(finding => finding.StartLine));
        Assert.Empty(ChangedCodeScope.Kept<IndentationWidthRule>(source, ChangedCodeScope.Added(source, 12), editorConfig));
    }
}
