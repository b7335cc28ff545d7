using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;
using PrReviewBot.Engine.Languages.Python.Security.Sinks;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>Template source text that the client wrote or shaped.</summary>
public sealed class TemplateInjectionRule : PythonTaintRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/template-injection",
        "Template source from outside",
        Category.Security,
        Severity.Error,
        "Template engines run the expressions in a template: a client who shapes the template text runs code on the server (`{{ config }}`, `{{ ''.__class__.__mro__ }}`).",
        "Keep the template text fixed and pass the values as context variables: `render_template_string(\"Hello {{ name }}\", name=name)`.");

    public override RuleDescriptor Descriptor => Rule;

    protected override PythonSinkCatalogue Catalogue => PythonSinks.Template;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        base.Analyze(context);
        ReportNamespaceContexts(context);
    }

    /// <summary>
    /// <c>render(request, "page.html", locals())</c>: every variable of the function (or the module) becomes
    /// reachable from the template, request data and secrets alike, and a template can call what it gets.
    /// </summary>
    private void ReportNamespaceContexts(PythonRuleContext context)
    {
        var module = context.Module;
        if (!module.Tokenization.Source.Contains("locals()", StringComparison.Ordinal) && !module.Tokenization.Source.Contains("globals()", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var call in module.Calls)
        {
            if (call.Name is not ("render" or "render_to_response" or "render_to_string" or "render_template" or "TemplateResponse")
                || module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            foreach (var argument in parsed.Arguments)
            {
                if (Namespace(module, argument.Value, call.Scope, call.Line) is { } space)
                {
                    context.Report(this, call.Line, call.Line,
                        $"`{call.Callee}` gets `{space}` as its context: every variable there reaches the template, and the template can call what it gets. Pass a dict of the values it needs.",
                        Severity.Warning);
                    break;
                }
            }
        }
    }

    /// <summary><c>locals()</c> or <c>globals()</c>, directly or through a name given one of them.</summary>
    private static string? Namespace(PythonModule module, PyExpr value, PythonDefinition? scope, int line) => value switch
    {
        PyCall { Function: PyName { Id: "locals" or "globals" } function, Arguments.Count: 0 } => function.Id + "()",
        PyName name when module.Values.AssignmentsVisible(name.Id, scope, line).Where(assignment => assignment.Line < line).LastOrDefault() is { } assignment
            && module.Values.Of(assignment) is PyCall { Function: PyName { Id: "locals" or "globals" } function, Arguments.Count: 0 } => function.Id + "()",
        _ => null,
    };

    protected override string? Message(PythonModule analyzed, TaintedSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return $"`{sink.Call.Callee}` compiles template text built from {Origin(sink.Source)}; pass the value as a template variable instead.";
    }
}
