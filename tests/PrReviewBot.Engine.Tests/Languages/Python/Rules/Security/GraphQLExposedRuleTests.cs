using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class GraphQLExposedRuleTests
{
    [Fact]
    public void Flags_graphql_views_without_any_query_protection()
    {
        PythonRuleVerifier.Verify<GraphQLExposedRule>("""
            from graphql_server.flask import GraphQLView

            app.add_url_rule("/graphql", [|view_func=GraphQLView.as_view("graphql", schema=schema)|])
            [|GraphQLView.as_view("graphql", schema=schema, middleware=[LoggingMiddleware])|]
            [|GraphQLView.as_view("graphql", schema=schema, validation_rules=[])|]

            class TracedView(GraphQLView):
                pass

            [|TracedView.as_view("graphql", schema=schema)|]
            """);
    }

    [Fact]
    public void Ignores_views_with_introspection_or_depth_rules_and_unknown_views()
    {
        PythonRuleVerifier.VerifyNone<GraphQLExposedRule>("""
            from graphene.validation import DisableIntrospection, depth_limit_validator
            from graphql_server.flask import GraphQLView
            from .views import GraphQLView as OwnView

            GraphQLView.as_view("graphql", schema=schema, validation_rules=[DisableIntrospection])
            GraphQLView.as_view("graphql", schema=schema, validation_rules=[depth_limit_validator(10)])
            GraphQLView.as_view("graphql", schema=schema, middleware=[DepthProtectionMiddleware])
            GraphQLView.as_view("graphql", schema=schema, middleware=get_middlewares())
            protections = [IntrospectionMiddleware()]
            GraphQLView.as_view("graphql", schema=schema, middleware=protections)
            OwnView.as_view(backend=backend, schema=schema)
            """);
    }

    [Fact]
    public void Flags_graphiql_switched_on()
    {
        PythonRuleVerifier.Verify<GraphQLExposedRule>("""
            from flask_graphql import GraphQLView

            view = GraphQLView.as_view(
                "graphql",
                schema=schema,
                [|graphiql=True,|]
                validation_rules=[DisableIntrospection],
            )
            view = GraphQLView.as_view("graphql", schema=schema, graphiql=False, validation_rules=[DisableIntrospection])
            """);
    }
}
