using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;
using PrReviewBot.Engine.Languages.Python.Security.Sinks;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>A request to a URL or host that the client chose.</summary>
public sealed class SsrfRule : PythonTaintRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/ssrf",
        "Server-side request to a URL from outside",
        Category.Security,
        Severity.Error,
        "When the client chooses where the server sends a request, it can reach internal services, cloud metadata endpoints (169.254.169.254) and files the server can see, with the server's credentials.",
        "Keep the scheme and host fixed in code and put only escaped values in the path or query (`urllib.parse.quote`), or check the host against an allow-list before the request.");

    public override RuleDescriptor Descriptor => Rule;

    protected override PythonSinkCatalogue Catalogue => PythonSinks.Ssrf;

    protected override string? Message(PythonModule analyzed, TaintedSink sink)
    {
        ArgumentNullException.ThrowIfNull(analyzed);
        ArgumentNullException.ThrowIfNull(sink);
        return FixesHost(analyzed, sink)
            ? $"`{sink.Call.Callee}` sends a request whose path or query comes from {Origin(sink.Source)}; escape it with `urllib.parse.quote` so the client cannot reach other endpoints of that host."
            : $"`{sink.Call.Callee}` sends a request to a URL taken from {Origin(sink.Source)}; the client can point the server at internal addresses.";
    }

    /// <summary>A request whose host is fixed and only the path is the client's reaches other endpoints of one known host: a warning, not an error.</summary>
    protected override Severity SeverityOf(PythonModule analyzed, TaintedSink sink) => FixesHost(analyzed, sink) ? Severity.Warning : Descriptor.Severity;

    private static bool FixesHost(PythonModule analyzed, TaintedSink sink) =>
        PythonTaintedSinks.FixesHost(PythonTaintedSinks.FixedPrefix(analyzed, sink.Argument, sink.Call.Scope));
}
