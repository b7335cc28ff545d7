using PrReviewBot.Engine.Languages.CSharp.Rules.TypeHints;
using static PrReviewBot.Engine.Tests.Languages.CSharp.CSharpRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.TypeHints;

public sealed class DynamicTypeRuleTests
{
    [Fact]
    public void Flags_dynamic_local_initialised_with_a_new_object_and_suggests_var()
    {
        var findings = Verify<DynamicTypeRule>("""
            using System.Text;

            class Report
            {
                string Build()
                {
                    [|dynamic|] builder = new StringBuilder();
                    builder.Append("total");
                    return builder.ToString();
                }
            }
            """);

        Assert.Equal("`builder` is declared `dynamic` but is initialised with a value of type `StringBuilder`; use `var` or the type so the compiler checks its uses.", findings.Single().Message);
        Assert.Equal("        var builder = new StringBuilder();", findings.Single().Replacement);
    }

    [Fact]
    public void Shows_the_type_the_value_has_where_it_is_assigned_not_the_one_it_was_declared_with()
    {
        // Rules bind without nullable flow analysis; this rule shows a type, so it reads it as the compiler infers it there.
        var findings = Verify<DynamicTypeRule>("""
            #nullable enable
            class Lookup
            {
                string? Find(string key) => key.Length > 0 ? key : null;

                void Run(string key)
                {
                    string? match = Find(key);
                    if (match is null)
                    {
                        return;
                    }

                    [|dynamic|] found = match;
                    System.Console.WriteLine(found);
                }
            }
            """);

        Assert.Contains("a value of type `string`;", findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_dynamic_string_and_number_literals()
    {
        Verify<DynamicTypeRule>("""
            class Counter
            {
                void Run()
                {
                    [|dynamic|] name = "projects";
                    [|dynamic|] count = 5;
                    System.Console.WriteLine($"{name}: {count}");
                }
            }
            """);
    }

    [Fact]
    public void Flags_dynamic_field_with_known_initialiser_and_suggests_the_type()
    {
        var findings = Verify<DynamicTypeRule>("""
            using System.Collections.Generic;

            class Registry
            {
                private [|dynamic|] _items = new List<string>();
            }
            """);

        Assert.Equal("    private List<string> _items = new List<string>();", findings.Single().Replacement);
    }

    [Fact]
    public void Flags_dynamic_return_type_when_every_return_has_the_same_type()
    {
        Verify<DynamicTypeRule>("""
            class Labels
            {
                public [|dynamic|] Title(bool draft)
                {
                    if (draft)
                    {
                        return "Draft";
                    }

                    return "Final";
                }

                public [|dynamic|] Size() => 42;
            }
            """);
    }

    [Fact]
    public void Flags_dynamic_property_and_foreach_variable()
    {
        Verify<DynamicTypeRule>("""
            using System.Collections.Generic;

            class Catalog
            {
                public [|dynamic|] Name { get; } = "catalog";

                int Total(List<int> prices)
                {
                    var total = 0;
                    foreach ([|dynamic|] price in prices)
                    {
                        total += price;
                    }

                    return total;
                }
            }
            """);
    }

    [Fact]
    public void Flags_dynamic_array_and_interpolated_string()
    {
        Verify<DynamicTypeRule>("""
            class Batch
            {
                void Run(int id)
                {
                    [|dynamic|] ids = new[] { 1, 2, 3 };
                    [|dynamic|] label = $"batch {id}";
                }
            }
            """);
    }

    [Fact]
    public void Leaves_json_deserialisation_and_unresolved_types_alone()
    {
        VerifyNone<DynamicTypeRule>("""
            using Newtonsoft.Json;
            using Newtonsoft.Json.Linq;

            class Webhook
            {
                void Handle(string json)
                {
                    dynamic payload = JsonConvert.DeserializeObject(json);
                    dynamic issue = JObject.Parse(json);
                    dynamic body = new JObject();
                    System.Console.WriteLine(payload.action + issue.number + body.id);
                }
            }
            """);
    }

    [Fact]
    public void Leaves_expando_and_dynamic_object_alone()
    {
        VerifyNone<DynamicTypeRule>("""
            using System.Dynamic;

            class Bag
            {
                dynamic Create()
                {
                    dynamic bag = new ExpandoObject();
                    bag.Name = "x";
                    return bag;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_com_interop_and_object_values_alone()
    {
        VerifyNone<DynamicTypeRule>("""
            using System;

            class Excel
            {
                void Open(object boxed)
                {
                    dynamic app = Activator.CreateInstance(Type.GetTypeFromProgID("Excel.Application")!);
                    dynamic value = boxed;
                    app.Visible = true;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_parameters_and_null_initialisers_alone()
    {
        VerifyNone<DynamicTypeRule>("""
            class Binder
            {
                void Bind(dynamic model)
                {
                    dynamic pending = null;
                    dynamic current;
                    current = model;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_dynamic_locals_reassigned_with_other_types_alone()
    {
        VerifyNone<DynamicTypeRule>("""
            class Shape
            {
                void Run(bool flag)
                {
                    dynamic value = 0;
                    if (flag)
                    {
                        value = "text";
                    }
                }
            }
            """);
    }

    [Fact]
    public void Leaves_returns_of_mixed_types_and_identifiers_named_dynamic_alone()
    {
        VerifyNone<DynamicTypeRule>("""
            class Mixed
            {
                dynamic Read(bool flag)
                {
                    if (flag)
                    {
                        return 1;
                    }

                    return "one";
                }

                void Use()
                {
                    var dynamic = 5;
                    System.Console.WriteLine(dynamic);
                }
            }
            """);
    }

    [Fact]
    public void Leaves_dynamic_dispatch_on_a_type_that_can_be_derived_from_alone()
    {
        VerifyNone<DynamicTypeRule>("""
            using System.Collections.Generic;

            abstract class Shape { }
            sealed class Circle : Shape { }

            class Renderer
            {
                void Draw(Shape shape)
                {
                    dynamic target = shape;
                    Render(target);
                }

                void DrawAll(List<Shape> shapes)
                {
                    foreach (dynamic shape in shapes)
                    {
                        Render(shape);
                    }
                }

                void Render(Circle circle) { }
                void Render(Shape shape) { }
            }
            """);
    }

    [Fact]
    public void Leaves_fields_assigned_other_types_elsewhere_and_settable_properties_alone()
    {
        VerifyNone<DynamicTypeRule>("""
            class Holder
            {
                private dynamic _state = 0;

                public dynamic Payload { get; set; } = "none";

                void Load(object value)
                {
                    this._state = value;
                }
            }
            """);
    }

    [Fact]
    public void Judges_only_dynamic_on_added_lines_when_only_the_change_is_read()
    {
        var source = """
            class Box
            {
                void Fill()
                {
                    dynamic count = 5;
                    dynamic other = 6;
                }
            }
            """;

        Assert.Equal(5, Assert.Single(ChangedCodeScope.Kept<DynamicTypeRule>(source, ChangedCodeScope.Added(source, 5))).StartLine);
    }
}
