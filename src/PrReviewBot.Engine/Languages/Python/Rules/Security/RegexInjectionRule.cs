using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;
using PrReviewBot.Engine.Languages.Python.Security.Sinks;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>A regular expression pattern that the client chose.</summary>
public sealed class RegexInjectionRule : PythonTaintRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/regex-injection",
        "Regular expression from outside",
        Category.Security,
        Severity.Error,
        "A pattern chosen by the client can take exponential time on Python's backtracking engine (`(a+)+$`), tying up a worker per request, and changes what the match accepts.",
        "Escape the value with `re.escape` to match it literally, or match against a fixed pattern.");

    public override RuleDescriptor Descriptor => Rule;

    protected override PythonSinkCatalogue Catalogue => PythonSinks.Regex;

    protected override string? Message(PythonModule analyzed, TaintedSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return $"`{sink.Call.Callee}` compiles a pattern taken from {Origin(sink.Source)}; escape it with `re.escape`.";
    }
}
