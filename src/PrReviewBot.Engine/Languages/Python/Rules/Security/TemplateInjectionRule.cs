using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;
using PrReviewBot.Engine.Languages.Python.Security.Sinks;

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

    protected override string? Message(PythonModule analyzed, TaintedSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return $"`{sink.Call.Callee}` compiles template text built from {Origin(sink.Source)}; pass the value as a template variable instead.";
    }
}
