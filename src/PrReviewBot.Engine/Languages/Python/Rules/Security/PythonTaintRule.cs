using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;
using PrReviewBot.Engine.Languages.Python.Security.Sinks;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A source-to-sink rule: a family's sink catalogue, and the message for a sink that receives
/// outside data. The tracing is <see cref="PythonTaint"/>'s; a rule only says what it looks for.
/// </summary>
public abstract class PythonTaintRule : PythonRule
{
    protected abstract PythonSinkCatalogue Catalogue { get; }

    /// <summary>The message for one tainted sink, or null to stay quiet about it (a sink whose danger the rule rules out).</summary>
    protected abstract string? Message(PythonModule analyzed, TaintedSink sink);

    /// <summary>The severity of one finding: the rule's own unless the sink is a weaker form of the defect.</summary>
    protected virtual Severity SeverityOf(PythonModule analyzed, TaintedSink sink) => Descriptor.Severity;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ReportTainted(this, context, Catalogue, sink => Message(context.Module, sink), sink => SeverityOf(context.Module, sink));
    }

    /// <summary>Reports every sink of the catalogue that receives outside data (and that the message does not rule out); returns the lines reported.</summary>
    public static IReadOnlySet<int> ReportTainted(
        PythonRule rule, PythonRuleContext context, PythonSinkCatalogue catalogue, Func<TaintedSink, string?> message, Func<TaintedSink, Severity>? severity = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(message);
        var lines = new HashSet<int>();
        var starts = new HashSet<int>();
        foreach (var sink in PythonTaintedSinks.Find(context.Module, catalogue))
        {
            if (message(sink) is { } text && lines.Add(sink.Call.Line))
            {
                // The first sink a value reaches shows the whole flow; later ones point at their own line only.
                var start = PythonTaintedSinks.FlowStart(context.Module, sink, catalogue.Family);
                context.Report(rule, starts.Add(start) ? start : sink.Call.Line, PythonTaintedSinks.EndLine(context.Module, sink), text, severity?.Invoke(sink) ?? rule.Descriptor.Severity);
            }
        }

        return lines;
    }

    /// <summary>The source as the message names it.</summary>
    public static string Origin(TaintSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Description.StartsWith('`') || source.Description.StartsWith("the ", StringComparison.Ordinal)
            ? source.Description
            : $"`{source.Description}`";
    }
}
