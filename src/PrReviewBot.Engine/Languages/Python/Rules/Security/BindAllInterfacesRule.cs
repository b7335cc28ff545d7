using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A server or socket bound to every network interface (<c>0.0.0.0</c>, <c>::</c>): Flask's
/// <c>app.run</c>, <c>uvicorn.run</c>, aiohttp's <c>run_app</c> and <c>socket.bind</c>.
/// </summary>
public sealed class BindAllInterfacesRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/bind-all-interfaces",
        "Server bound to all network interfaces",
        Category.Security,
        Severity.Warning,
        "Listening on every interface exposes the service to every network the machine is on, not only to the proxy or the local user it was meant for; development servers in particular were never built to face that.",
        "Bind to `127.0.0.1` (or the one interface the service must answer on) and read the address from configuration where a container needs `0.0.0.0`.");

    private static readonly HashSet<string> ServerRunners = new(StringComparer.Ordinal)
    {
        "uvicorn.run", "aiohttp.web.run_app", "hypercorn.run", "waitress.serve", "bottle.run",
    };

    private static readonly HashSet<string> FlaskApps = new(StringComparer.Ordinal) { "flask.Flask", "quart.Quart", "sanic.Sanic" };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            var resolved = module.Values.Resolve(call);
            if ((call.Name is not ("run" or "bind") && !ServerRunners.Contains(resolved)) || module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            if (ServerRunners.Contains(resolved) && parsed.Keyword("host") is { } host && IsEveryInterface(module, host, call.Scope, allowEmpty: false))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}(host=\"{Shown(module, host, call.Scope)}\")` listens on every network interface; bind to `127.0.0.1` or take the address from configuration.");
            }
            else if (call.Name == "run" && Receiver(call) is { } app && AppHost(module, call, app, parsed) is { } appHost && IsEveryInterface(module, appHost, call.Scope, allowEmpty: false))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}(host=\"{Shown(module, appHost, call.Scope)}\")` exposes the development server on every network interface; bind to `127.0.0.1`.");
            }
            else if (call.Name == "bind" && Receiver(call) is { } socket && BoundToEverything(module, call, socket, parsed) is { } bound)
            {
                var start = CreationLine(module, call, socket) ?? call.Line;
                context.Report(this, start, call.Line, $"`{call.Callee}((\"{Shown(module, bound, call.Scope)}\", ...))` listens on every network interface; bind to `127.0.0.1` or the one interface the service needs.");
            }
        }
    }

    /// <summary>
    /// The <c>(host, port)</c> tuple given to <c>bind</c>, written in the call or held by a name assigned once.
    /// A tuple naming <c>0.0.0.0</c> is a socket address whatever the receiver; the empty host only counts on a known socket.
    /// </summary>
    private static PyDisplay? Address(PythonModule module, PythonCall call, PyCall parsed)
    {
        var first = parsed.Positional.FirstOrDefault();
        if (first is PyName name)
        {
            first = module.Values.SingleValue(name.Id, call.Scope, call.Line);
        }

        return first is PyDisplay { Kind: PyDisplayKind.Tuple } tuple ? tuple : null;
    }

    /// <summary>What a method is called on (<c>app</c> in <c>app.run(...)</c>); null for a bare function call such as <c>run(...)</c>.</summary>
    private static string? Receiver(PythonCall call)
    {
        var dot = call.Callee.LastIndexOf('.');
        return dot > 0 ? call.Callee[..dot] : null;
    }

    private static PyExpr? BoundToEverything(PythonModule module, PythonCall call, string receiver, PyCall parsed)
    {
        if (Address(module, call, parsed) is not { Items: [var host, ..] } address || address.Items.Count > 4)
        {
            return null;
        }

        return IsEveryInterface(module, host, call.Scope, allowEmpty: false)
            || (IsEveryInterface(module, host, call.Scope, allowEmpty: true) && IsSocket(module, call, receiver)) ? host : null;
    }

    private static bool IsEveryInterface(PythonModule module, PyExpr expression, PythonDefinition? scope, bool allowEmpty) =>
        module.Values.ConstantString(expression, scope) is { } text && (text is "0.0.0.0" or "::" or "::0" || (allowEmpty && text.Length == 0));

    private static string Shown(PythonModule module, PyExpr expression, PythonDefinition? scope) => module.Values.ConstantString(expression, scope) ?? "0.0.0.0";

    /// <summary>
    /// The host given to an app's <c>run</c>: positional or keyword for an app this module made with
    /// <c>Flask(...)</c>, keyword only for an app imported or built elsewhere (<c>app</c>, <c>create_app()</c>).
    /// </summary>
    private static PyExpr? AppHost(PythonModule module, PythonCall call, string app, PyCall parsed)
    {
        if (MadeBy(module, call, app) is { } maker && FlaskApps.Contains(maker))
        {
            return parsed.Argument(0, "host");
        }

        var receiver = app.Replace("()", string.Empty, StringComparison.Ordinal);
        var last = receiver[(receiver.LastIndexOf('.') + 1)..].ToLowerInvariant();
        return last.EndsWith("app", StringComparison.Ordinal) || last.EndsWith("application", StringComparison.Ordinal) ? parsed.Keyword("host") : null;
    }

    /// <summary><c>s.bind(...)</c> where <c>s</c> was last made by <c>socket.socket(...)</c>, or <c>socket.socket(...).bind(...)</c>.</summary>
    private static bool IsSocket(PythonModule module, PythonCall call, string receiver)
    {
        var maker = receiver.EndsWith("()", StringComparison.Ordinal)
            ? module.Values.Resolve(receiver[..^2], call.Scope, call.Line)
            : MadeBy(module, call, receiver);
        return maker is "socket.socket" or "socket.create_server";
    }

    /// <summary>What made the value a plain name holds at the call: the resolved callee of its last assignment above.</summary>
    private static string? MadeBy(PythonModule module, PythonCall call, string receiver)
    {
        if (receiver.Length == 0 || receiver.Contains('.', StringComparison.Ordinal) || LastAssignment(module, call, receiver) is not { } assignment)
        {
            return null;
        }

        return module.Values.Of(assignment) is PyCall { Function: var maker } && maker.DottedName is { } made
            ? module.Values.Resolve(made, assignment.Scope, assignment.Line)
            : null;
    }

    private static PythonAssignment? LastAssignment(PythonModule module, PythonCall call, string name) =>
        module.Values.AssignmentsVisible(name, call.Scope, call.Line).LastOrDefault(assignment => assignment.Line < call.Line && assignment.Targets.Count == 1);

    /// <summary>The line that made the socket when it is the statement just above: the finding spans creation and binding.</summary>
    private static int? CreationLine(PythonModule module, PythonCall call, string socket)
    {
        var made = LastAssignment(module, call, socket);
        return made is not null && call.Line - made.Line == 1 ? made.Line : null;
    }
}
