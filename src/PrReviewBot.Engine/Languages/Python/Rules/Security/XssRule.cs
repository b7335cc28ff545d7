using PrReviewBot.Engine.Detection.Taint;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;
using PrReviewBot.Engine.Languages.Python.Security.Sinks;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// Outside data written into HTML without escaping: marked safe (<c>Markup</c>, <c>mark_safe</c>),
/// put into a response body, or returned as the body of a Flask route.
/// </summary>
public sealed partial class XssRule : PythonTaintRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/xss",
        "Outside data in HTML without escaping",
        Category.Security,
        Severity.Error,
        "Text from the request written into a page as HTML runs as script in the visitor's browser: it can steal their session or act as them.",
        "Render through a template with autoescaping, or escape the value with `markupsafe.escape`/`django.utils.html.escape` (or build HTML with `format_html`) before marking it safe.");

    private static readonly HashSet<string> MarkSafe = new(StringComparer.Ordinal)
    {
        "markupsafe.Markup", "flask.Markup", "jinja2.Markup", "django.utils.safestring.mark_safe", "django.utils.safestring.SafeString",
        "django.utils.safestring.SafeText",
    };

    public override RuleDescriptor Descriptor => Rule;

    protected override PythonSinkCatalogue Catalogue => PythonSinks.Xss;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        base.Analyze(context);
        ReportPreformattedHtml(context);
        ReportBuiltPages(context);
        ReportUnescapedTemplates(context);
        ReportAlwaysSafeClasses(context);
        ReportBuiltTwiml(context);
        var module = context.Module;
        if (!module.Imports.Any(import => import.Module.Split('.')[0] is "flask" or "quart"))
        {
            return;
        }

        var taint = PythonTaint.Of(module);
        foreach (var statement in module.Statements)
        {
            if (statement.Keyword != "return" || statement.Scope is not { } function || !IsFlaskRoute(function)
                || module.Values.Of(statement) is not { } value || value is PyCall)
            {
                continue;
            }

            if (taint.SourceOf(value, function, VulnerabilityFamily.CrossSiteScripting) is { } source && !context.Covers(this, statement.Line))
            {
                context.Report(this, statement.Line, statement.Line,
                    $"The route `{function.Name}` returns {Origin(source)} as HTML without escaping; escape it or render it through a template.");
            }
        }
    }

    private void ReportBuiltPages(PythonRuleContext context)
    {
        foreach (var (line, _, source) in PythonTaintedSinks.BuiltStrings(context.Module, text => text.Contains('<'), text => HtmlText().IsMatch(text), VulnerabilityFamily.CrossSiteScripting))
        {
            // `__repr__` and `__str__` text goes to logs and debuggers, not to a browser.
            if (!context.Covers(this, line) && context.ScopeAt(line)?.Split('.')[^1] is not ("__repr__" or "__str__"))
            {
                context.Report(this, line, line, $"HTML is built from {Origin(source)} without escaping; render it through a template or escape the value.");
            }
        }
    }

    /// <summary>
    /// Flask autoescapes only templates named <c>.html</c>, <c>.htm</c>, <c>.xml</c>, <c>.xhtml</c> and <c>.svg</c>:
    /// request data rendered into any other template (<c>page.txt</c>, <c>page.jinja2</c>, <c>page.html.j2</c>) lands unescaped.
    /// </summary>
    private void ReportUnescapedTemplates(PythonRuleContext context)
    {
        var module = context.Module;
        var taint = PythonTaint.Of(module);
        foreach (var call in module.Calls)
        {
            if (call.Name != "render_template" || module.Values.Resolve(call) is not ("flask.render_template" or "quart.render_template")
                || module.Values.Of(call) is not { } parsed || parsed.Argument(0, "template_name_or_list") is not { } name
                || TemplateName(module, name, call.Scope) is not { } template || Autoescaped(template) || context.Covers(this, call.Line))
            {
                continue;
            }

            var values = parsed.Arguments.Skip(1).Select(argument => argument.Value).ToList();
            if (values.Select(value => taint.SourceOf(value, call.Scope, VulnerabilityFamily.CrossSiteScripting)).FirstOrDefault(source => source is not null) is { } source)
            {
                context.Report(this, call.Line, call.Line,
                    $"`{call.Callee}` renders {Origin(source)} into `{template}`, which Flask does not autoescape (only `.html`, `.htm`, `.xml`, `.xhtml` and `.svg` are); name the template `.html` or escape the value.");
            }
            else if (values.Any(value => value is not (PyString or PyConstant)) && call.Scope is { } route && IsFlaskRoute(route) && IsReturned(module, call))
            {
                context.Report(this, call.Line, call.Line,
                    $"The route `{route.Name}` answers with `{template}` rendered from variables, and Flask does not autoescape that template (only `.html`, `.htm`, `.xml`, `.xhtml` and `.svg` are); name it `.html` or make sure no value can carry markup.",
                    Severity.Warning);
            }
        }
    }

    /// <summary>The call is what a <c>return</c> statement answers (alone, or first in a <c>(body, status, headers)</c> tuple).</summary>
    private static bool IsReturned(PythonModule module, PythonCall call) =>
        module.Statements.Any(statement => statement.Keyword == "return" && statement.Line <= call.Line && call.Line <= statement.EndLine
            && ReferenceEquals(statement.Scope, call.Scope) && module.Values.Of(statement) is { } value
            && (value is PyDisplay { Kind: PyDisplayKind.Tuple, Items: [var first, ..] } ? first : value) is var answered
            && answered.DescendantsAndSelf().OfType<PyCall>().Any(candidate => candidate.Line == call.Line && candidate.Column == call.Column));

    /// <summary>The template's name, or at least its fixed ending (<c>name + ".txt"</c>).</summary>
    private static string? TemplateName(PythonModule module, PyExpr name, PythonDefinition? scope)
    {
        if (module.Values.ConstantString(name, scope) is { } constant)
        {
            return constant;
        }

        var pieces = PythonValues.Pieces(name);
        return pieces.Count > 1 && pieces[^1] is PyString { Value: var ending } && ending.Contains('.', StringComparison.Ordinal) ? "…" + ending : null;
    }

    private static bool Autoescaped(string template) =>
        template.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || template.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)
        || template.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || template.EndsWith(".xhtml", StringComparison.OrdinalIgnoreCase)
        || template.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A class that subclasses Django's <c>SafeString</c>/<c>SafeData</c> or is wrapped by <c>html_safe</c>: every instance
    /// skips autoescaping wherever it is rendered, whatever text it holds.
    /// </summary>
    private void ReportAlwaysSafeClasses(PythonRuleContext context)
    {
        var module = context.Module;
        if (!module.Imports.Any(import => import.Module.StartsWith("django.utils", StringComparison.Ordinal)))
        {
            return;
        }

        foreach (var definition in module.Definitions)
        {
            if (definition.Kind != PythonDefinitionKind.Class)
            {
                continue;
            }

            var safeBase = definition.Bases.FirstOrDefault(name => module.Values.Resolve(name, definition.Parent, definition.Line)
                is "django.utils.safestring.SafeString" or "django.utils.safestring.SafeText" or "django.utils.safestring.SafeData");
            var decorated = definition.Decorators.FirstOrDefault(decorator => module.Values.Resolve(decorator.Text, definition.Parent, decorator.Line) == "django.utils.html.html_safe");
            if (safeBase is not null || decorated is not null)
            {
                context.Report(this, decorated?.Line ?? definition.Line, definition.Line,
                    $"Instances of `{definition.Name}` are rendered without escaping ({(safeBase is null ? "`@html_safe`" : $"it extends `{safeBase}`")}); escape what `__str__` returns with `format_html`/`conditional_escape`, or mark only the finished HTML safe.",
                    Severity.Warning);
            }
        }

        foreach (var call in module.Calls)
        {
            if (call.Name == "html_safe" && module.Values.Resolve(call) == "django.utils.html.html_safe" && !context.Covers(this, call.Line))
            {
                context.Report(this, call.Line, call.Line, "`html_safe(...)` makes every instance of the class render without escaping; escape what `__str__` returns, or mark only the finished HTML safe.", Severity.Warning);
            }
        }
    }

    /// <summary>
    /// <c>calls.create(twiml=f"&lt;Say&gt;{msg}&lt;/Say&gt;")</c>: Twilio runs the TwiML it gets, so unescaped text in it can
    /// add verbs of its own (dial another number, play or record).
    /// </summary>
    private void ReportBuiltTwiml(PythonRuleContext context)
    {
        var module = context.Module;
        if (!module.Tokenization.Source.Contains("twiml", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var call in module.Calls)
        {
            if (call.Keyword("twiml") is not { } argument || module.Values.Of(argument) is not { } value)
            {
                continue;
            }

            if (value is PyName name && module.Values.SingleValue(name.Id, call.Scope, name.Line) is { } assigned)
            {
                value = assigned;
            }

            var pieces = PythonValues.Pieces(value);
            var literal = value is PyCall { Function: PyMember { Name: "format", Target: PyName template } } format
                ? module.Values.ConstantString(template, call.Scope)
                : string.Concat(pieces.OfType<PyString>().Select(piece => piece.Value));
            var inserted = value is PyCall { Function: PyMember { Name: "format" } } formatCall ? formatCall.Arguments.Select(item => item.Value).ToList() : pieces.Where(piece => piece is not PyString).ToList();
            if (literal is null || !literal.Contains('<', StringComparison.Ordinal) || inserted.Count == 0
                || inserted.All(piece => module.Values.IsConstant(piece, call.Scope) || piece is PyCall { Function.DottedName: { } escaper } && escaper.EndsWith("escape", StringComparison.Ordinal)))
            {
                continue;
            }

            context.Report(this, argument.Line, argument.Line,
                "TwiML is built from values that are not escaped; a value containing markup adds its own verbs to the call. Escape each value (`xml.sax.saxutils.escape`) or build the response with `twilio.twiml.voice_response.VoiceResponse`.",
                Severity.Warning);
        }
    }

    /// <summary><c>format_html(f"…{x}…")</c>: the text is formatted before <c>format_html</c> can escape the values.</summary>
    private void ReportPreformattedHtml(PythonRuleContext context)
    {
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            if (call.Name == "format_html" && module.Values.Resolve(call) is "django.utils.html.format_html" or "format_html"
                && module.Values.Of(call)?.Argument(0, "format_string") is { } format && PythonValues.IsBuiltString(format)
                && !context.Covers(this, call.Line))
            {
                // Formatted from constants it does no harm yet, but the next edit that passes a variable will.
                context.Report(this, call.Line, call.Line, "`format_html` gets text that is already formatted, so its values are not escaped; pass them as arguments: `format_html(\"<b>{}</b>\", value)`.",
                    module.Values.IsConstant(format, call.Scope) ? Severity.Warning : Severity.Error);
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?:/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|[a-zA-Z][a-zA-Z0-9]*\s+[a-zA-Z-]+\s*=)")]
    private static partial System.Text.RegularExpressions.Regex HtmlText();

    protected override string? Message(PythonModule analyzed, TaintedSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return MarkSafe.Contains(sink.Callee)
            ? $"`{sink.Call.Callee}` marks text from {Origin(sink.Source)} as safe HTML; escape it first or build it with `format_html`."
            : $"`{sink.Call.Callee}` writes {Origin(sink.Source)} into an HTML response without escaping.";
    }

    private static bool IsFlaskRoute(PythonDefinition function) =>
        function.Decorators.Any(decorator => decorator.Text.Contains(".route(", StringComparison.Ordinal)
            || decorator.Text.StartsWith("route(", StringComparison.Ordinal));
}
