using PrReviewBot.Engine.Languages.CSharp.Rules.TypeHints;
using static PrReviewBot.Engine.Tests.Languages.CSharp.CSharpRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.TypeHints;

public sealed class NullToNonNullableRuleTests
{
    [Fact]
    public void Flags_null_initialiser_of_non_nullable_local_and_suggests_annotation()
    {
        var findings = Verify<NullToNonNullableRule>("""
            #nullable enable
            class Loader
            {
                void Load()
                {
                    string name = [|null|];
                    System.Console.WriteLine(name);
                }
            }
            """);

        var finding = findings.Single();
        Assert.Equal("Local `name` is declared `string`, which is not nullable, but is initialised with `null`; declare it `string?` or give it a value.", finding.Message);
        Assert.Equal("        string? name = null;", finding.Replacement);
        Assert.Equal(PrReviewBot.Engine.Findings.Severity.Warning, finding.Rule.Severity);
    }

    [Fact]
    public void Flags_null_in_fields_properties_and_default_for_reference_types()
    {
        Verify<NullToNonNullableRule>("""
            #nullable enable
            using System.Collections.Generic;

            class Settings
            {
                private List<string> _names = [|null|];
                public string Title { get; set; } = [|default|];
                private string _owner = [|default(string)|];
            }
            """);
    }

    [Fact]
    public void Flags_null_returned_from_non_nullable_method_property_and_async_method()
    {
        Verify<NullToNonNullableRule>("""
            #nullable enable
            using System.Threading.Tasks;

            class Repository
            {
                public string Find(int id)
                {
                    if (id < 0)
                    {
                        return [|null|];
                    }

                    return id.ToString();
                }

                public string Name => [|null|];

                public async Task<string> LoadAsync()
                {
                    await Task.Yield();
                    return [|null|];
                }

                public string Pick(bool flag) => flag ? "a" : [|null|];
            }
            """);
    }

    [Fact]
    public void Flags_null_passed_to_non_nullable_parameter()
    {
        var findings = Verify<NullToNonNullableRule>("""
            #nullable enable
            class Mailer
            {
                void Send(string to, string? cc) { }

                void Run()
                {
                    Send([|null|], null);
                    Send(cc: null, to: [|null|]);
                    System.ArgumentNullException.ThrowIfNull(null);
                }
            }
            """);

        Assert.Equal("`null` is passed for parameter `to` of `Send`, which is declared `string` (not nullable); pass a real value, or make the parameter `string?` if null is meaningful.", findings[0].Message);
    }

    [Fact]
    public void Flags_null_assigned_to_non_nullable_field_and_in_object_initialiser()
    {
        Verify<NullToNonNullableRule>("""
            #nullable enable
            class Order
            {
                public string Customer { get; set; } = "";
                private string _note = "";

                void Reset()
                {
                    _note = [|null|];
                    var copy = new Order { Customer = [|null|] };
                }
            }
            """);
    }

    [Fact]
    public void Flags_null_default_of_non_nullable_parameter_and_constructor_argument()
    {
        var findings = Verify<NullToNonNullableRule>("""
            #nullable enable
            class Client
            {
                public Client(string baseUrl) { }

                public void Get(string path = [|null|]) { }

                public static Client Create() => new Client([|null|]);
            }
            """);

        Assert.Equal("    public void Get(string? path = null) { }", findings[0].Replacement);
    }

    [Fact]
    public void Leaves_null_forgiving_and_nullable_declarations_alone()
    {
        VerifyNone<NullToNonNullableRule>("""
            #nullable enable
            class Entity
            {
                public string Name { get; set; } = null!;
                private string? _cache = null;
                private string _late = default!;

                string? Find() => null;

                void Run(string? filter = null)
                {
                    string? local = null;
                    var inferred = Find();
                    inferred = null;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_code_without_nullable_context_alone()
    {
        VerifyNone<NullToNonNullableRule>("""
            class Legacy
            {
                string Name = null;

                string Find() { return null; }
            }
            """);
    }

    [Fact]
    public void Leaves_value_types_and_generic_type_parameters_alone()
    {
        VerifyNone<NullToNonNullableRule>("""
            #nullable enable
            using System.Threading;

            class Box<T>
            {
                private T _value = default;
                private int _count = default;
                private int? _limit = null;

                T Get() => default;

                void Wait(CancellationToken token = default) { }
            }
            """);
    }

    [Fact]
    public void Leaves_comparisons_and_nullable_parameters_alone()
    {
        VerifyNone<NullToNonNullableRule>("""
            #nullable enable
            class Guard
            {
                bool Check(string value, object? state)
                {
                    if (value == null || value is null)
                    {
                        return object.Equals(state, null);
                    }

                    return Check(value, null);
                }
            }
            """);
    }

    [Fact]
    public void Flags_null_passed_through_locals_patterns_indexers_constructors_and_lambdas()
    {
        // Calls bound on their own (receivers that are locals, pattern and out variables; indexers; constructors) and
        // in place (target-typed new, a lambda whose parameter's type comes from around it) report alike.
        Verify<NullToNonNullableRule>("""
            #nullable enable
            using System;
            using System.Collections.Generic;

            class Mailer
            {
                public Mailer(string host) { }
                public void Send(string to) { }
                public string this[string key] => key;
                public static Mailer Create() => new Mailer("localhost");
                public static bool TryCreate(out Mailer mailer) { mailer = Create(); return true; }
            }

            class Caller
            {
                void Run(object candidate, Dictionary<string, Mailer> mailers)
                {
                    var mailer = Mailer.Create();
                    mailer.Send([|null|]);
                    if (candidate is Mailer typed)
                    {
                        typed.Send([|null|]);
                    }

                    if (Mailer.TryCreate(out var made))
                    {
                        made.Send([|null|]);
                    }

                    _ = mailer[[|null|]];
                    mailers["a"].Send([|null|]);
                    var other = new Mailer([|null|]);
                    Mailer targetTyped = new([|null|]);
                    Action<Mailer> send = each => each.Send([|null|]);
                    foreach (var item in mailers.Values)
                    {
                        item.Send([|null|]);
                    }
                }
            }
            """);
    }

    [Fact]
    public void Leaves_calls_that_do_not_resolve_alone()
    {
        VerifyNone<NullToNonNullableRule>("""
            #nullable enable
            using Acme.External;

            class Caller
            {
                void Run(ExternalClient client)
                {
                    client.Send(null);
                    var widget = new Widget(null);
                }
            }
            """);
    }

    [Fact]
    public void Leaves_lambdas_and_allow_null_members_alone()
    {
        VerifyNone<NullToNonNullableRule>("""
            #nullable enable
            using System;
            using System.Diagnostics.CodeAnalysis;

            class Config
            {
                [AllowNull]
                public string Name { get; set; } = null;

                [return: MaybeNull]
                public string Find() => null;

                void Run()
                {
                    Func<string?> make = () => null;
                    Name = null;
                }
            }
            """);
    }

    [Fact]
    public void Flags_only_where_nullable_is_enabled()
    {
        Verify<NullToNonNullableRule>("""
            class Mixed
            {
                string Old() => null;

            #nullable enable
                string New() => [|null|];
            #nullable restore
            }
            """);
    }

    [Fact]
    public void Finds_a_null_on_an_unchanged_line_of_a_value_that_starts_on_an_added_one_when_only_the_change_is_read()
    {
        var source = """
            #nullable enable
            class Names
            {
                string Pick(bool flag)
                {
                    string name = flag
                        ? "x"
                        : (null);
                    return name;
                }
            }
            """;

        var finding = Assert.Single(ChangedCodeScope.Kept<NullToNonNullableRule>(source, ChangedCodeScope.Added(source, 6)));

        Assert.Equal((6, 8), (finding.StartLine, finding.EndLine));
    }
}
