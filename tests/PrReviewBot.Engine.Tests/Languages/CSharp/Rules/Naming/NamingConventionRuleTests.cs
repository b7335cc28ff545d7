using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;
using static PrReviewBot.Engine.Tests.Languages.CSharp.CSharpRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Naming;

public sealed class NamingConventionRuleTests
{
    [Fact]
    public void Flags_snake_case_local_and_calls_it_snake_case()
    {
        var findings = Verify<NamingConventionRule>("""
            class ProjectService
            {
                void Sync(string projectId)
                {
                    var [|project_external_id|] = projectId;
                    var consumerObj = new object();
                }
            }
            """);

        Assert.Equal("Local `project_external_id` is snake_case; C# locals are camelCase: `projectExternalId`.", findings.Single().Message);
    }

    [Fact]
    public void Leaves_parameters_named_by_their_log_template_but_flags_one_the_template_does_not_name()
    {
        // Npgsql's LogMessages.cs: the generator matches parameters to the placeholders, and the names become the log's properties.
        Verify<NamingConventionRule>("""
            using Microsoft.Extensions.Logging;

            static partial class LogMessages
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Opened connection to {Host}:{Port}/{Database} in {Elapsed:0.00} ms")]
                internal static partial void OpenedConnection(ILogger logger, string Host, int Port, string Database, double Elapsed, string [|ConnectionString|]);
            }
            """);
    }

    [Fact]
    public void Leaves_a_private_event_field_named_like_a_private_field_but_not_a_public_one()
    {
        // WPF's BindingDiagnostics: `private static event EventHandler<BindingFailedEventArgs> s_bindingFailed;` beside `s_pendingEvents`.
        Verify<NamingConventionRule>("""
            using System;

            public static class BindingDiagnostics
            {
                private static event EventHandler s_bindingFailed;
                private static int s_pendingEvents;
                private event EventHandler _changed;
                public static event EventHandler [|s_failed|];
            }
            """);
    }

    [Fact]
    public void Leaves_the_members_of_native_structs_and_enums_named_in_capitals()
    {
        // WinForms' Interop.ENHMETARECORD, Interop.CADWORD and Interop.HRESULT mirror Win32's names.
        Verify<NamingConventionRule>("""
            internal static partial class Interop
            {
                public struct ENHMETARECORD
                {
                    public int iType;
                    public uint nSize;
                }

                public enum HRESULT
                {
                    S_OK = 0,
                    E_FAIL = unchecked((int)0x80004005),
                }

                public struct Point
                {
                    public int [|xPos|];
                }
            }
            """);
    }

    [Fact]
    public void Leaves_the_types_and_fields_of_a_file_that_imports_native_functions_but_not_its_locals()
    {
        // MonoGame's FreeTypeAPI.cs and Graphics.Interop.cs mirror FreeType's and its own native library's names.
        Verify<NamingConventionRule>("""
            using System;
            using System.Runtime.InteropServices;

            internal static class FreeTypeApi
            {
                public enum FT_Render_Mode { FT_RENDER_MODE_NORMAL = 0 }

                public struct MGG_GraphicsSystem { public IntPtr face_handle; }

                private const int ft_err_ok = 0;

                [DllImport("freetype")]
                public static extern int FT_Init_FreeType(out IntPtr library);

                public static int Init()
                {
                    var [|glyph_count|] = FT_Init_FreeType(out _);
                    return glyph_count;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_a_new_enum_whose_members_all_keep_a_spec_s_capitals_but_flags_one_that_mixes_styles()
    {
        // MonoGame's ShaderProfile.Vulkan.cs copies VkDescriptorType's members from the Vulkan headers.
        Verify<NamingConventionRule>("""
            enum VkDescriptorType : uint
            {
                SAMPLER = 0,
                COMBINED_IMAGE_SAMPLER = 1,
                ACCELERATION_STRUCTURE_KHR = 1000150000,
                MAX_ENUM = 0x7FFFFFFF,
            }

            enum Mixed
            {
                First,
                Second,
                [|THIRD_ONE|],
            }
            """);
    }

    [Fact]
    public void Leaves_a_method_or_property_that_hands_on_to_a_member_of_the_same_name()
    {
        // WinForms' SystemIAccessibleWrapper keeps IAccessible's names; a test accessor mirrors the field it reads.
        Verify<NamingConventionRule>("""
            using System;

            public interface IAccessible
            {
                void [|accSelect|](int flags, object child);
            }

            public sealed class SystemIAccessibleWrapper(IAccessible inner)
            {
                public void accSelect(int flags, object child) => Execute(accessible => accessible.accSelect(flags, child));

                public void [|accDo|](int flags) => Execute(accessible => accessible.accSelect(flags, null));

                private void Execute(Action<IAccessible> action) => action(inner);
            }

            public sealed class RangeTestAccessor(dynamic range)
            {
                public int _start => range._start;
            }
            """);
    }

    [Fact]
    public void Leaves_test_data_named_after_the_test_it_feeds()
    {
        var findings = Run<NamingConventionRule>("""
            using System.Collections.Generic;
            using Xunit;

            public class TextRendererTests
            {
                public static IEnumerable<object[]> TextRenderer_DrawText_DefaultBackground_TestData => [];

                private const string MessageBoxImplementation_DllImport = "[DllImport(\"user32\")]";

                [Theory]
                [MemberData(nameof(TextRenderer_DrawText_DefaultBackground_TestData))]
                public void TextRenderer_DrawText_DefaultBackground(object value) { }
            }
            """, path: "tests/TextRendererTests.cs", role: CodeRole.Test);

        Assert.Empty(findings);
    }

    [Fact]
    public void Leaves_names_spelled_as_their_value_numbered_discards_and_constructor_parameters_named_after_members()
    {
        // roslyn-analyzers: `const string macOS = nameof(macOS)`, callbacks' `(_1, _2, line) =>`, a hand-written record.
        Verify<NamingConventionRule>("""
            using System;

            public sealed class SyncBlockingSymbol
            {
                private const string macOS = nameof(macOS);
                private const string iOS = "iOS";

                public SyncBlockingSymbol(string Name, int [|Count_|])
                {
                    this.Name = Name;
                    Func<int, int, string, int> parse = (_1, _2, line) => line.Length;
                }

                public string Name { get; }
            }

            public static class Platforms
            {
                private const string Windows = nameof(Windows);
                private const string Linux = nameof(Linux);
                private const string [|macOS|] = "osx";
            }
            """);
    }

    [Fact]
    public void Leaves_names_where_the_author_turned_naming_checks_off()
    {
        Verify<NamingConventionRule>("""
            class Interop
            {
                // ReSharper disable once InconsistentNaming
                public void open_file(string path) { }

                public void [|close_file|](string [|File_Name|]) { }

            #pragma warning disable IDE1006
                public void read_file(string File_Name) { }
            #pragma warning restore IDE1006

                public void [|seek_file|]() { }

                // ReSharper disable InconsistentNaming, UnusedMember.Global
                public int Read_Count;
                public void write_file(string File_Name) { }
                // ReSharper restore InconsistentNaming

                public void [|flush_file|]() { }

                // ReSharper disable UnusedMember.Global
                public void [|sync_file|]() { }
            }
            """);
    }

    [Fact]
    public void Does_not_call_snake_case_camel_case_like_the_reference_review()
    {
        var findings = Verify<NamingConventionRule>("""
            class Consumer
            {
                void Run()
                {
                    var [|consumer_obj|] = new object();
                }
            }
            """);

        Assert.Contains("`consumer_obj` is snake_case", findings.Single().Message, StringComparison.Ordinal);
        Assert.DoesNotContain("is camelCase", findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_pascal_case_parameter_and_lambda_parameter()
    {
        Verify<NamingConventionRule>("""
            using System.Linq;

            class Store
            {
                int Count(int[] items, int [|MinValue|])
                {
                    return items.Count([|Item|] => Item > MinValue);
                }
            }
            """);
    }

    [Fact]
    public void Flags_lower_case_type_method_property_and_screaming_enum_member()
    {
        var findings = Verify<NamingConventionRule>("""
            public class [|project_store|]
            {
                public int [|item_count|] { get; set; }

                public void [|save|]() { }
            }

            public enum Status
            {
                Active,
                [|NOT_STARTED|],
            }
            """);

        Assert.Contains("Class `project_store` is snake_case; C# type names are PascalCase: `ProjectStore`.", findings.Select(finding => finding.Message));
        Assert.Contains("Enum member `NOT_STARTED` is SCREAMING_CASE; C# enum members are PascalCase: `NotStarted`.", findings.Select(finding => finding.Message));
    }

    [Fact]
    public void Flags_interface_without_I_prefix()
    {
        var findings = Verify<NamingConventionRule>("""
            public interface [|Repository|]
            {
            }

            public interface IProjectStore
            {
            }
            """);

        Assert.Equal("Interface `Repository` is PascalCase without the `I` prefix; C# interfaces are `I` + PascalCase: `IRepository`.", findings.Single().Message);
    }

    [Fact]
    public void Flags_the_minority_private_field_style_of_the_file()
    {
        var findings = Verify<NamingConventionRule>("""
            public sealed class Cache
            {
                private readonly object _gate = new();
                private int _hits;
                private int _misses;
                private int [|m_evictions|];
                private string [|last_key|];
            }
            """);

        Assert.Equal("Private field `m_evictions` is m_camelCase; this file names its private fields _camelCase: `_evictions`.", findings[0].Message);
        Assert.Equal("Private field `last_key` is snake_case; this file names its private fields _camelCase: `_lastKey`.", findings[1].Message);
    }

    [Fact]
    public void Accepts_a_file_consistently_using_m_prefix_and_flags_the_odd_underscore_field()
    {
        Verify<NamingConventionRule>("""
            class Legacy
            {
                private int m_count;
                private int m_total;
                private int [|_average|];
            }
            """);
    }

    [Fact]
    public void Flags_screaming_constant_when_the_file_uses_pascal_case_constants()
    {
        Verify<NamingConventionRule>("""
            static class Limits
            {
                public const int MaxRetries = 3;
                private const int DefaultTimeout = 30;
                private const int [|MAX_BATCH|] = 100;
            }
            """);
    }

    [Fact]
    public void Flags_public_field_in_camel_case_and_other_locals()
    {
        Verify<NamingConventionRule>("""
            using System;

            public class Point
            {
                public int [|xValue|];

                public void Print(int[] values)
                {
                    foreach (var [|Current_Value|] in values)
                    {
                        Console.WriteLine(Current_Value);
                    }

                    if (values is { Length: > 0 } [|All_Values|])
                    {
                    }

                    try { } catch (Exception [|Ex|]) { }
                }
            }
            """);
    }

    [Fact]
    public void Accepts_conventional_code()
    {
        VerifyNone<NamingConventionRule>("""
            using System;
            using System.Collections.Generic;

            namespace Acme.Projects;

            public interface IProjectStore
            {
                event EventHandler Saved;

                void Save(Project project);
            }

            public sealed record Project(string Name, Guid ExternalId);

            public sealed class ProjectStore : IProjectStore
            {
                private const int MaxRetries = 3;
                private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
                private static int s_instances;
                private readonly Dictionary<Guid, Project> _projects = new();
                private int _saveCount;

                public event EventHandler? Saved;

                public int Count => _projects.Count;

                public void Save(Project project)
                {
                    ArgumentNullException.ThrowIfNull(project);
                    var externalId = project.ExternalId;
                    for (var attempt = 0; attempt < MaxRetries; attempt++)
                    {
                        _projects[externalId] = project;
                    }

                    var (name, id) = (project.Name, externalId);
                    _saveCount++;
                    s_instances++;
                    Saved?.Invoke(this, EventArgs.Empty);
                    int Twice(int value) => value * 2;
                    _ = Twice(_saveCount) + name.Length + id.GetHashCode() + DefaultTimeout.Seconds;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_single_letters_discards_ids_and_verbatim_identifiers_alone()
    {
        VerifyNone<NamingConventionRule>("""
            using System.Linq;

            class Grid
            {
                int Sum(int[] cells, int id)
                {
                    var @class = "x";
                    var (x, _) = (1, 2);
                    var T = cells.Select((_, i) => i).Sum();
                    return x + T + id + @class.Length;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_overrides_explicit_implementations_and_pinvoke_alone()
    {
        VerifyNone<NamingConventionRule>("""
            using System;
            using System.Runtime.InteropServices;

            class Native : IDisposable
            {
                [DllImport("user32.dll")]
                private static extern int MessageBox(IntPtr hWnd, string lp_text, string lp_caption, uint u_type);

                [StructLayout(LayoutKind.Sequential)]
                private struct RECT
                {
                    public int left_edge;
                    public int top_edge;
                }

                public override string ToString() => base.ToString()!;

                void IDisposable.Dispose() { }
            }

            class Derived : ThirdPartyBase
            {
                protected override void on_changed(int old_value) { }
            }
            """);
    }

    [Fact]
    public void Leaves_underscored_test_method_names_alone()
    {
        VerifyNone<NamingConventionRule>("""
            using Xunit;

            public class ProjectStoreTests
            {
                [Fact]
                public void Save_twice_keeps_one_copy()
                {
                }

                [Theory]
                public void Rejects_empty_names(string name)
                {
                }

                private static void Arrange_store()
                {
                }
            }
            """);
    }

    [Fact]
    public void Knows_a_test_class_by_its_last_test_method_for_every_member_and_still_judges_the_class_beside_it()
    {
        // Whether a class is a test class is answered once per class: the answer must not depend on which member asks first.
        Verify<NamingConventionRule>("""
            using Xunit;

            public class OrderStoreTests
            {
                private static void Arrange_store()
                {
                }

                public void Save_twice_keeps_one_copy()
                {
                }

                [Fact]
                public void Rejects_empty_names()
                {
                }
            }

            public class OrderStore
            {
                public void [|Save_order|]()
                {
                }
            }
            """);
    }

    [Fact]
    public void Leaves_generated_files_alone()
    {
        VerifyNone<NamingConventionRule>("""
            // <auto-generated>
            //     This code was generated by a tool.
            // </auto-generated>
            public class generated_client
            {
                private int Some_Field;
            }
            """);
    }

    [Fact]
    public void Accepts_screaming_constants_when_the_file_uses_them_throughout()
    {
        VerifyNone<NamingConventionRule>("""
            static class Win32
            {
                public const int WM_PAINT = 0x000F;
                public const int WM_CLOSE = 0x0010;
                private const int MAX_PATH = 260;
                private static readonly int DEFAULT_FLAGS = 0;
            }
            """);
    }

    [Fact]
    public void Leaves_record_positional_parameters_and_acronyms_alone()
    {
        VerifyNone<NamingConventionRule>("""
            public record Customer(string FirstName, string LastName);

            public class IOStream
            {
                public string URL { get; set; } = "";

                public int ID => 1;
            }

            public interface IOStreamFactory
            {
            }
            """);
    }

    [Fact]
    public void Leaves_names_that_dodge_a_keyword_alone()
    {
        VerifyNone<NamingConventionRule>("""
            class Handler
            {
                void Handle(object Event, string Class)
                {
                    var _default = Event;
                    var Namespace = Class;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_designer_event_handlers_benchmarks_and_camel_case_local_functions_alone()
    {
        VerifyNone<NamingConventionRule>("""
            using System;
            using BenchmarkDotNet.Attributes;

            public class MainForm
            {
                private void saveButton_Click(object sender, EventArgs e)
                {
                    int twice(int value) => value * 2;
                    _ = twice(1);
                }
            }

            public class Parsing
            {
                [Benchmark]
                public void Parse_Small_Document() { }
            }
            """);
    }

    [Fact]
    public void Accepts_protected_fields_in_the_files_private_field_style_but_not_public_ones()
    {
        Verify<NamingConventionRule>("""
            public abstract class Repository
            {
                private readonly string _name = "";
                protected readonly object _gate = new();
                public int [|_count|];
            }
            """);
    }

    [Fact]
    public void Flags_snake_case_underscored_method_outside_tests_and_calls_it_what_it_is()
    {
        var findings = Verify<NamingConventionRule>("""
            public class Scheduler
            {
                public void Run() { }

                public void Stop() { }

                private void [|Reset_NeedsLock|]() { }
            }
            """);

        Assert.Equal("Method `Reset_NeedsLock` is PascalCase joined by underscores; C# methods are PascalCase: `ResetNeedsLock`.", findings.Single().Message);
    }

    private const string UnderscoreCamelConstants = """
        root = true
        [*.cs]
        dotnet_naming_rule.private_constants_rule.severity = warning
        dotnet_naming_rule.private_constants_rule.symbols = private_constants
        dotnet_naming_rule.private_constants_rule.style = underscore_camel
        dotnet_naming_symbols.private_constants.applicable_kinds = field
        dotnet_naming_symbols.private_constants.applicable_accessibilities = private
        dotnet_naming_symbols.private_constants.required_modifiers = const
        dotnet_naming_style.underscore_camel.capitalization = camel_case
        dotnet_naming_style.underscore_camel.required_prefix = _
        dotnet_naming_rule.members_rule.severity = suggestion
        dotnet_naming_rule.members_rule.symbols = all_members
        dotnet_naming_rule.members_rule.style = pascal
        dotnet_naming_symbols.all_members.applicable_kinds = field, property, method
        dotnet_naming_style.pascal.capitalization = pascal_case
        """;

    private static EditorConfigSettings Settings(string editorConfig) =>
        EditorConfigFile.Resolve([EditorConfigFile.Parse(".editorconfig", editorConfig)], "src/Sample.cs");

    [Fact]
    public void Follows_the_repositorys_editorconfig_rule_for_underscore_camel_case_private_constants()
    {
        var findings = Verify<NamingConventionRule>(
            """
            class Limits
            {
                private const int _maxRetries = 3;
                private const int _timeoutSeconds = 30;
                private const int [|MaxItems|] = 10;
                public const int DefaultPage = 1;
            }
            """,
            editorConfig: Settings(UnderscoreCamelConstants));

        Assert.Equal(
            "Constant `MaxItems` does not follow this repository's `.editorconfig` naming rule `private_constants_rule` (`_` + camelCase): `_maxItems`.",
            findings.Single().Message);
    }

    [Fact]
    public void The_narrower_editorconfig_rule_wins_whatever_the_order_in_the_file()
    {
        var reordered = string.Join('\n', UnderscoreCamelConstants.Split('\n').Where(line => line.Contains("members", StringComparison.Ordinal) || line.Contains("pascal", StringComparison.Ordinal)))
            + "\n" + string.Join('\n', UnderscoreCamelConstants.Split('\n').Where(line => !line.Contains("members", StringComparison.Ordinal) && !line.Contains("pascal", StringComparison.Ordinal)));

        VerifyNone<NamingConventionRule>(
            """
            class Limits
            {
                private const int _maxRetries = 3;
            }
            """,
            editorConfig: Settings("root = true\n[*.cs]\n" + reordered));
    }

    [Fact]
    public void A_naming_rule_with_severity_none_silences_the_symbols_it_takes()
    {
        VerifyNone<NamingConventionRule>(
            """
            class Native
            {
                private const int MAX_PATH = 260;
                private const int Other = 1;
            }
            """,
            editorConfig: Settings("""
                [*.cs]
                dotnet_naming_rule.constants.severity = none
                dotnet_naming_rule.constants.symbols = constants
                dotnet_naming_rule.constants.style = upper
                dotnet_naming_symbols.constants.applicable_kinds = field
                dotnet_naming_symbols.constants.required_modifiers = const
                dotnet_naming_style.upper.capitalization = all_upper
                """));
    }

    [Fact]
    public void Turning_ide1006_off_silences_the_naming_rules_but_keeps_what_they_accept()
    {
        VerifyNone<NamingConventionRule>(
            """
            class Limits
            {
                private const int _maxRetries = 3;
                private const int MaxItems = 10;
            }
            """,
            editorConfig: Settings(UnderscoreCamelConstants + "\ndotnet_diagnostic.IDE1006.severity = none\n"));
    }

    [Fact]
    public void An_editorconfig_rule_can_ask_for_what_the_defaults_allow()
    {
        var findings = Verify<NamingConventionRule>(
            """
            class Counter
            {
                private int [|count|];
                private int _total;
            }
            """,
            editorConfig: Settings("""
                [*.cs]
                dotnet_naming_rule.private_fields.severity = suggestion
                dotnet_naming_rule.private_fields.symbols = private_fields
                dotnet_naming_rule.private_fields.style = prefixed
                dotnet_naming_symbols.private_fields.applicable_kinds = field
                dotnet_naming_symbols.private_fields.applicable_accessibilities = private
                dotnet_naming_style.prefixed.capitalization = camel_case
                dotnet_naming_style.prefixed.required_prefix = _
                """));

        Assert.EndsWith("`_count`.", findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suggestion_level_rule_does_not_overrule_a_name_the_defaults_accept()
    {
        VerifyNone<NamingConventionRule>(
            """
            public struct Point
            {
                public int X;
                public int Y;
            }
            """,
            editorConfig: Settings("""
                [*.cs]
                dotnet_naming_rule.instance_fields_should_be_camel_case.severity = suggestion
                dotnet_naming_rule.instance_fields_should_be_camel_case.symbols = instance_fields
                dotnet_naming_rule.instance_fields_should_be_camel_case.style = instance_field_style
                dotnet_naming_symbols.instance_fields.applicable_kinds = field
                dotnet_naming_style.instance_field_style.capitalization = camel_case
                dotnet_naming_style.instance_field_style.required_prefix = _
                """));
    }

    [Fact]
    public void Symbols_no_editorconfig_rule_takes_keep_the_dotnet_defaults()
    {
        Verify<NamingConventionRule>(
            """
            class Limits
            {
                private const int _maxRetries = 3;

                void Run()
                {
                    var [|retry_count|] = 0;
                }
            }
            """,
            editorConfig: Settings(UnderscoreCamelConstants));
    }

    [Fact]
    public void An_enum_member_named_like_all_its_existing_siblings_is_left_alone()
    {
        var source = """
            public enum Category
            {
                Category_Event,
                Category_Alert,
                Category_Audit,
                Category_Metric,
            }
            """;

        var findings = Run<NamingConventionRule>(source, changedLines: Added(source, 6));

        Assert.Empty(findings);
    }

    [Fact]
    public void A_whole_new_enum_in_one_consistent_style_is_taken_as_deliberate()
    {
        VerifyNone<NamingConventionRule>("""
            public enum Opcode
            {
                OP_LOAD,
                OP_STORE,
                OP_JUMP,
            }
            """);
    }

    [Fact]
    public void A_member_against_its_siblings_style_is_still_flagged()
    {
        var source = """
            public enum Category
            {
                Active,
                Inactive,
                Pending,
                NOT_STARTED,
            }
            """;

        var findings = Run<NamingConventionRule>(source, changedLines: Added(source, 6));

        Assert.Equal("NOT_STARTED", findings.Single().Message.Split('`')[1]);
    }

    [Fact]
    public void Constants_of_one_class_set_the_style_for_a_new_one()
    {
        var source = """
            static class Wire
            {
                public const string Header_Content_Type = "Content-Type";
                public const string Header_Accept = "Accept";
                public const string Header_User_Agent = "User-Agent";
                public const string Header_Authorization = "Authorization";
            }
            """;

        Assert.Empty(Run<NamingConventionRule>(source, changedLines: Added(source, 6)));
    }

    [Fact]
    public void Snake_case_methods_of_a_new_class_are_flagged_even_when_consistent()
    {
        Verify<NamingConventionRule>("""
            public class Sync
            {
                public void [|load_items|]() { }
                public void [|save_items|]() { }
                public void [|drop_items|]() { }
            }
            """);
    }

    [Fact]
    public void Leaves_underscored_helpers_in_test_code_alone()
    {
        var findings = Run<NamingConventionRule>(
            """
            public class When_the_cart_is_empty
            {
                protected void Given_an_empty_cart() { }
            }
            """,
            path: "tests/Shop.Tests/CartSpecs.cs",
            role: CodeRole.Test);

        Assert.Empty(findings);
    }

    [Fact]
    public void Leaves_types_nested_in_a_test_class_and_their_members_alone()
    {
        var findings = Run<NamingConventionRule>(
            """
            public class TypeNameComparerTest
            {
                [Fact]
                public void Compare_is_ordinal()
                    => Assert.True(TypeNameComparer.Instance.Compare(typeof(UpperCased), typeof(lowerCased)) < 0);

                [Fact]
                public void Serializes_snake_case_properties()
                    => Assert.Contains("id", Json.Serialize(new wire_payload()));

                private class UpperCased;

                private class lowerCased;

                private sealed class wire_payload
                {
                    public int order_id { get; set; }
                    public string customer_name = "";
                }
            }
            """,
            path: "test/Shop.Tests/TypeNameComparerTest.cs",
            role: CodeRole.Test);

        Assert.Empty(findings);
    }

    [Fact]
    public void Leaves_names_a_test_spells_in_a_string_alone()
    {
        var findings = Run<NamingConventionRule>(
            """
            public record legacyModel(int Id);

            public class ModelNameTests
            {
                [Fact]
                public void Uses_the_type_name()
                {
                    var name = typeof(legacyModel).Name;
                    Assert.Equal("legacyModel", name);
                }
            }
            """,
            path: "test/Shop.Tests/ModelNameTests.cs",
            role: CodeRole.Test);

        Assert.Empty(findings);
    }

    [Fact]
    public void Still_flags_a_test_class_own_members_and_locals()
    {
        var findings = Run<NamingConventionRule>(
            """
            public class SchedulerTests
            {
                Scheduler _scheduler { get; } = new();

                [Fact]
                public void Drops_after_failures()
                {
                    var drop_count = _scheduler.Run();
                    Assert.Equal(0, drop_count);
                }
            }
            """,
            path: "test/Shop.Tests/SchedulerTests.cs",
            role: CodeRole.Test);

        Assert.Equal(["_scheduler", "drop_count"], findings.Select(finding => finding.Message.Split('`')[1]));
    }

    [Fact]
    public void Flags_a_lower_case_nested_type_in_product_code_even_when_a_string_names_it()
    {
        Verify<NamingConventionRule>("""
            public class Catalog
            {
                public string Describe() => "lowerCased";

                private class [|lowerCased|];
            }
            """);
    }

    [Fact]
    public void Leaves_public_members_that_implement_an_interface_alone()
    {
        var findings = Verify<NamingConventionRule>("""
            interface [|legacy_source|]
            {
                int [|read_next|]();
            }

            public sealed class FileSource : legacy_source
            {
                public int read_next() => 0;
            }
            """);

        Assert.Equal(2, findings.Count);
    }

    [Fact]
    public void A_method_carrying_the_marker_its_existing_siblings_carry_is_left_alone()
    {
        var source = """
            class CircuitController
            {
                public void Open() { }
                public void Close() { }
                public void Reset() { }
                private void SetOutcome_NeedsLock() { }
                private bool PermitTest_NeedsLock() => true;
                private void CloseCircuit_NeedsLock() { }
            }
            """;

        Assert.Empty(Run<NamingConventionRule>(source, changedLines: Added(source, 8)));
    }

    [Fact]
    public void Leaves_a_name_alone_when_its_conventional_spelling_is_already_taken()
    {
        VerifyNone<NamingConventionRule>("""
            class Scheduler
            {
                void Run(Scheduler other)
                {
                    {
                        other.Mark(out var shouldDrop);
                    }

                    other.Mark(out var shouldDrop_);
                }

                void Mark(out bool drop) => drop = true;
            }
            """);
    }

    [Fact]
    public void Leaves_data_classes_that_mirror_a_json_wire_format_alone()
    {
        VerifyNone<NamingConventionRule>("""
            using System.Text.Json;

            public class ChatRequest
            {
                public string model { get; set; }
                public ChatInput[] input { get; set; }
                public bool store { get; set; }
            }

            public class ChatInput
            {
                public string role { get; set; }
                public string image_url { get; set; }
            }

            public class Client
            {
                public string Send(ChatRequest request) => JsonSerializer.Serialize(request);
            }
            """);
    }

    [Fact]
    public void Flags_camel_case_properties_of_a_class_with_behaviour()
    {
        Verify<NamingConventionRule>("""
            using System.Text.Json;

            public class Session
            {
                public string [|token|] { get; set; }
                public string [|user|] { get; set; }
                public bool [|active|] { get; set; }

                public string Save() => JsonSerializer.Serialize(this);
            }
            """);
    }

    [Fact]
    public void Leaves_migration_classes_named_after_their_version_alone()
    {
        VerifyNone<NamingConventionRule>("""
            using FluentMigrator;

            [Migration(224)]
            public class release_profile_indexer_ids : Migration
            {
            }
            """);
    }

    [Fact]
    public void Accepts_field_style_primary_constructor_parameters_but_not_other_odd_ones()
    {
        Verify<NamingConventionRule>("""
            public class DeleteCommand(IRepository _repository, ILogger _logger, int [|Retry_Count|])
            {
                public void Run() => _repository.Delete(_logger, Retry_Count);
            }
            """);
    }

    private static ChangedLines Added(string source, int line)
    {
        var text = source.Split('\n')[line - 1];
        return ChangedLines.FromHunks([new Hunk(line, 0, line, 1, string.Empty, [new DiffLine(DiffLineKind.Added, text, null, line)])]);
    }

    [Fact]
    public void Reads_the_private_field_prefix_from_unchanged_members_when_only_the_change_is_read()
    {
        var source = """
            class Cache
            {
                private int m_count;
                private int m_size;

                void Touch()
                {
                }

                private int total;
            }
            """;

        var finding = Assert.Single(ChangedCodeScope.Kept<NamingConventionRule>(source, ChangedCodeScope.Added(source, 10)));

        Assert.Equal("Private field `total` is camelCase; this file names its private fields m_camelCase: `m_total`.", finding.Message);
    }

    [Fact]
    public void Reads_the_style_of_locals_in_unchanged_methods_of_the_type_when_only_the_change_is_read()
    {
        var source = """
            class Report
            {
                void Rows()
                {
                    var row_count = 1;
                    var col_count = 2;
                }

                void Pages()
                {
                    var page_count = 3;
                }
            }
            """;

        Assert.Empty(ChangedCodeScope.Kept<NamingConventionRule>(source, ChangedCodeScope.Added(source, 11)));
    }

    [Fact]
    public void Counts_unchanged_local_constants_in_the_file_constant_style_when_only_the_change_is_read()
    {
        var source = """
            class Limits
            {
                private const int Limit = 5;

                int Clamp(int value)
                {
                    const int MAX_VALUE = 10;
                    const int MIN_VALUE = 0;
                    return value < MIN_VALUE ? MIN_VALUE : value > MAX_VALUE ? MAX_VALUE : value;
                }

                private const int MAX_ITEMS = 3;
            }
            """;

        Assert.Empty(ChangedCodeScope.Kept<NamingConventionRule>(source, ChangedCodeScope.Added(source, 12)));
    }
}
