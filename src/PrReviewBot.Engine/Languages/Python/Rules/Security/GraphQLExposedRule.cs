using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A GraphQL view served with no query protection at all (introspection on and no depth limit),
/// or with the GraphiQL IDE switched on.
/// </summary>
/// <remarks>
/// A view with either an introspection rule or a depth limit has had its protections thought
/// about; one given middleware or rules the rule cannot see (a name, a call) is left alone.
/// </remarks>
public sealed class GraphQLExposedRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/graphql-exposed",
        "GraphQL endpoint without query protections",
        Category.Security,
        Severity.Warning,
        "With introspection on and no depth limit anyone can download the whole schema and send deeply nested queries that exhaust the server; GraphiQL hands them an editor to do it.",
        "Pass `validation_rules=[DisableIntrospection, depth_limit_validator(max_depth=10)]` (graphene) or `NoSchemaIntrospectionCustomRule`, and keep `graphiql` off in production.");

    private static readonly HashSet<string> Views = new(StringComparer.Ordinal)
    {
        "flask_graphql.GraphQLView", "graphql_server.flask.GraphQLView", "graphql_server.flask.graphqlview.GraphQLView",
        "graphene_django.views.GraphQLView", "graphene_django.GraphQLView", "flask_graphql.graphqlview.GraphQLView",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            if (call.Name != "as_view" || module.Values.Of(call) is not { } parsed || parsed.Arguments.Any(argument => argument.Keyword == "**"))
            {
                continue;
            }

            var view = call.Callee[..^".as_view".Length];
            if (!IsGraphQLView(module, view, call.Scope, call.Line, 0))
            {
                continue;
            }

            if (parsed.Keyword("graphiql") is { } graphiql && IsTrue(module, graphiql, call.Scope))
            {
                context.Report(this, graphiql.Line, graphiql.Line, $"`{call.Callee}(graphiql=True)` serves the GraphiQL IDE to every visitor; turn it off outside development.");
            }

            var protections = new List<string>();
            var unknown = false;
            foreach (var keyword in (string[])["validation_rules", "middleware"])
            {
                if (parsed.Keyword(keyword) is not { } given)
                {
                    continue;
                }

                var list = given is PyName name ? module.Values.SingleValue(name.Id, call.Scope, call.Line) : given;
                if (list is not PyDisplay { Kind: not PyDisplayKind.Dict } display)
                {
                    unknown = true;
                    continue;
                }

                protections.AddRange(display.Items.Select(item => Describe(module, item, call.Scope)));
            }

            var limited = protections.Any(text => text.Contains("introspection", StringComparison.OrdinalIgnoreCase)
                || text.Contains("depth", StringComparison.OrdinalIgnoreCase) || text.Contains("cost", StringComparison.OrdinalIgnoreCase));
            if (!unknown && !limited && !context.Covers(this, call.Line))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}(...)` serves the schema with introspection on and no query depth limit; add `DisableIntrospection` and a depth-limit validator to `validation_rules`.");
            }
        }
    }

    /// <summary>A known GraphQL view class, or a class of this module derived from one.</summary>
    private static bool IsGraphQLView(PythonModule module, string dotted, PythonDefinition? scope, int line, int depth)
    {
        if (Views.Contains(module.Values.Resolve(dotted, scope, line)))
        {
            return true;
        }

        var local = module.Classes.FirstOrDefault(definition => definition.Name == dotted);
        return depth < 3 && local is not null
            && local.Bases.Any(baseName => IsGraphQLView(module, baseName.Trim(), local.Parent, local.Line, depth + 1));
    }

    /// <summary>The names a middleware or validation rule is made of: the item itself, what a name holds, what a call calls.</summary>
    private static string Describe(PythonModule module, PyExpr item, PythonDefinition? scope)
    {
        var value = item is PyName name && module.Values.SingleValue(name.Id, scope, name.Line) is { } assigned ? assigned : item;
        return string.Join(' ', value.DescendantsAndSelf().Select(node => node.DottedName).OfType<string>()
            .Select(dotted => dotted + " " + module.Values.Resolve(dotted.Replace("()", string.Empty, StringComparison.Ordinal), scope, item.Line)));
    }

    private static bool IsTrue(PythonModule module, PyExpr expression, PythonDefinition? scope) => expression switch
    {
        PyConstant { Text: "True" } => true,
        PyName name => module.Values.SingleValue(name.Id, scope, name.Line) is PyConstant { Text: "True" },
        _ => false,
    };
}
