using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Languages.CSharp.Rules.Docs;
using static PrReviewBot.Engine.Tests.Languages.CSharp.CSharpRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Docs;

public sealed class MissingXmlDocsRuleTests
{
    private static readonly ReviewOptions Always = ReviewOptions.Default with { Docs = DocsMode.Always };

    [Fact]
    public void Flags_the_undocumented_method_of_a_documented_class_in_auto_mode()
    {
        var findings = Verify<MissingXmlDocsRule>("""
            namespace Acme.Projects;

            /// <summary>Stores projects.</summary>
            public sealed class ProjectStore
            {
                /// <summary>Loads a project.</summary>
                public string Load(int id) => id.ToString();

                public void [|Save|](string project) { }
            }
            """);

        Assert.Equal("Public method `ProjectStore.Save` has no XML documentation.", findings.Single().Message);
    }

    [Fact]
    public void Flags_every_kind_of_public_declaration_in_always_mode()
    {
        var findings = Verify<MissingXmlDocsRule>("""
            using System;

            public class [|Account|]
            {
                public const int [|MaxNameLength|] = 64;
                public string [|Owner|] = "";

                public [|Account|](string owner) { Owner = owner; }

                public decimal [|Balance|] { get; private set; }

                public event EventHandler? [|Changed|];

                public decimal [|this|][int month] => 0m;

                public void [|Deposit|](decimal amount) { }
            }

            public interface [|ILedger|]
            {
                void [|Post|](decimal amount);
            }

            public enum [|Currency|] { Eur, Usd }

            public delegate void [|BalanceChanged|](decimal balance);

            public record [|Money|](decimal Amount, string Currency);
            """, Always);

        Assert.Contains("Public constructor `Account(string)` has no XML documentation.", findings.Select(finding => finding.Message));
        Assert.Contains("Public indexer `Account.this[int]` has no XML documentation.", findings.Select(finding => finding.Message));
        Assert.Contains("Public enum `Currency` has no XML documentation.", findings.Select(finding => finding.Message));
    }

    [Fact]
    public void Flags_nested_public_types_of_public_types()
    {
        Verify<MissingXmlDocsRule>("""
            /// <summary>Outer.</summary>
            public class Outer
            {
                /// <summary>Inner.</summary>
                public class Inner
                {
                    public int [|Depth|] { get; }
                }

                public class [|Other|]
                {
                }
            }
            """);
    }

    [Fact]
    public void Flags_when_the_project_generates_a_documentation_file()
    {
        var source = new CSharpSource("src/Invoice.cs", "public class Invoice\n{\n}\n", ChangedLines.All, HasFullContent: true, EditorConfigSettings.None)
        {
            Project = new CSharpProjectFacts(NullableEnabled: false, GeneratesDocumentation: true),
        };
        var problems = new List<string>();
        var findings = new CSharpAnalyzer([new MissingXmlDocsRule()]).Analyze([source], ReviewOptions.Default, problems);

        Assert.Equal("Public class `Invoice` has no XML documentation.", findings.Single().Message);
    }

    [Fact]
    public void Flags_when_half_of_the_public_api_is_documented()
    {
        Verify<MissingXmlDocsRule>("""
            /// <summary>A.</summary>
            public class A
            {
                public void [|Run|]() { }
            }
            """);
    }

    [Fact]
    public void Flags_obsolete_members_and_interface_members()
    {
        Verify<MissingXmlDocsRule>("""
            using System;

            /// <summary>Reads.</summary>
            public interface IReader
            {
                /// <summary>Reads one.</summary>
                string Read();

                string [|ReadAll|]();
            }

            /// <summary>Old.</summary>
            public class Old
            {
                [Obsolete("Use New")]
                public void [|Run|]() { }
            }
            """);
    }

    [Fact]
    public void Accepts_summary_and_inheritdoc()
    {
        VerifyNone<MissingXmlDocsRule>("""
            /// <summary>Greets.</summary>
            public interface IGreeter
            {
                /// <summary>Says hello.</summary>
                string Greet(string name);
            }

            /// <inheritdoc/>
            public sealed class Greeter : IGreeter
            {
                /// <inheritdoc/>
                public string Greet(string name) => "Hello " + name;
            }
            """, Always);
    }

    [Fact]
    public void Stays_quiet_in_auto_mode_when_the_code_base_does_not_document()
    {
        VerifyNone<MissingXmlDocsRule>("""
            public class Invoice
            {
                public decimal Total { get; set; }

                public void Pay() { }
            }
            """);
    }

    [Fact]
    public void Stays_quiet_when_docs_are_off()
    {
        VerifyNone<MissingXmlDocsRule>("""
            /// <summary>Documented.</summary>
            public class Invoice
            {
                public void Pay() { }
            }
            """, ReviewOptions.Default with { Docs = DocsMode.Off });
    }

    [Fact]
    public void Leaves_non_public_members_and_members_of_internal_types_alone()
    {
        VerifyNone<MissingXmlDocsRule>("""
            /// <summary>Public.</summary>
            public class Service
            {
                internal void Prepare() { }
                protected void Hook() { }
                private int _count;
                void Implicit() { }
            }

            internal class Helper
            {
                public void Run() { }
            }

            class Implicit
            {
                public class Nested { }
            }
            """, Always);
    }

    [Fact]
    public void Leaves_overrides_explicit_implementations_main_and_record_parameters_alone()
    {
        VerifyNone<MissingXmlDocsRule>("""
            using System;

            /// <summary>Money.</summary>
            public record Money(decimal Amount, string Currency)
            {
                /// <summary>Formats.</summary>
                public override string ToString() => Amount + Currency;
            }

            /// <summary>Disposable.</summary>
            public sealed class Handle : IDisposable
            {
                void IDisposable.Dispose() { }

                /// <summary>Equality.</summary>
                public override bool Equals(object? obj) => false;

                /// <summary>Hash.</summary>
                public override int GetHashCode() => 0;

                /// <summary>Op.</summary>
                public static bool operator ==(Handle a, Handle b) => true;

                /// <summary>Op.</summary>
                public static bool operator !=(Handle a, Handle b) => false;
            }

            public static class Program
            {
                public static void Main(string[] args) { }
            }
            """, Always);
    }

    [Fact]
    public void Leaves_test_classes_and_generated_code_alone()
    {
        VerifyNone<MissingXmlDocsRule>("""
            using System.CodeDom.Compiler;
            using Xunit;

            public class InvoiceTests
            {
                [Fact]
                public void Pays_the_total() { }

                public void Helper() { }
            }

            [GeneratedCode("tool", "1.0")]
            public class Generated
            {
                public void Run() { }
            }
            """, Always);
    }

    [Fact]
    public void Reports_partial_types_once_and_accepts_docs_on_any_part()
    {
        VerifyNone<MissingXmlDocsRule>("""
            /// <summary>Documented here.</summary>
            public partial class Split
            {
            }

            public partial class Split
            {
                /// <summary>Runs.</summary>
                public partial void Run();

                public partial void Run() { }
            }
            """, Always);
    }

    [Fact]
    public void Leaves_implicit_implementations_of_interface_members_alone()
    {
        Verify<MissingXmlDocsRule>(
            """
            using System;
            using System.Collections;
            using System.Collections.Generic;

            /// <summary>Reads rows.</summary>
            public interface IRowSource
            {
                /// <summary>The next row.</summary>
                string Next();

                /// <summary>Rows read so far.</summary>
                int Count { get; }

                /// <summary>Raised at the end.</summary>
                event EventHandler Ended;
            }

            /// <summary>Rows from a file.</summary>
            public sealed class FileRows : IRowSource, IDisposable, IEnumerable<string>
            {
                public string Next() => "";

                public string [|Next|](int skip) => "";

                public int Count => 0;

                public event EventHandler Ended;

                public void Dispose() { }

                public IEnumerator<string> GetEnumerator() { yield break; }

                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

                public void [|Rewind|]() { }
            }
            """,
            Always);
    }

    [Fact]
    public void Leaves_members_that_may_implement_an_unresolved_interface_alone()
    {
        Verify<MissingXmlDocsRule>(
            """
            using MediatR;

            /// <summary>Handles pings.</summary>
            public sealed class PingHandler : IRequestHandler<Ping, string>
            {
                public string Handle(Ping request) => "pong";
            }

            /// <summary>Some base of a library.</summary>
            public sealed class Widget : ControlBase
            {
                public void [|Draw|]() { }
            }
            """,
            Always);
    }

    [Fact]
    public void Leaves_benchmark_classes_alone_even_when_asked_for_always()
    {
        VerifyNone<MissingXmlDocsRule>(
            """
            using BenchmarkDotNet.Attributes;

            public class ParsingBenchmarks
            {
                [Params(10, 100)]
                public int Size { get; set; }

                [Benchmark]
                public void Parse() { }
            }
            """,
            Always);
    }

    [Fact]
    public void Stays_quiet_in_auto_mode_when_the_project_silences_the_compilers_missing_docs_warning()
    {
        const string source = """
            /// <summary>Creates open behaviours.</summary>
            public class OpenBehavior
            {
                public OpenBehavior(int lifetime) => Lifetime = lifetime;

                public int Lifetime { get; }
            }
            """;
        var project = new CSharpProjectFacts(NullableEnabled: true, GeneratesDocumentation: true) { SuppressesMissingDocsWarning = true };

        VerifyNone<MissingXmlDocsRule>(source, project: project);
        Assert.Equal(2, Run<MissingXmlDocsRule>(source, Always, project: project).Count);
    }

    [Fact]
    public void Reads_whether_the_file_documents_its_api_from_unchanged_members_when_only_the_change_is_read()
    {
        var source = """
            /// <summary>Stores.</summary>
            public class Store
            {
                /// <summary>Saves.</summary>
                public void Save() { }

                public void Load() { }
            }
            """;

        Assert.Equal(7, Assert.Single(ChangedCodeScope.Kept<MissingXmlDocsRule>(source, ChangedCodeScope.Added(source, 7))).StartLine);
    }
}
