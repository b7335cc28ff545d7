using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;
using PrReviewBot.Engine.Languages.Python.Security.Sinks;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary><c>eval</c>, <c>exec</c> or <c>compile</c> of something other than a plain string literal.</summary>
public sealed class CodeInjectionRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/code-injection",
        "eval/exec of non-constant code",
        Category.Security,
        Severity.Error,
        "Evaluating a string built at run time runs whatever code whoever controls that string wrote, with the full rights of the process.",
        "Parse data with `ast.literal_eval` or `json.loads`, or dispatch through an explicit mapping of allowed operations instead of evaluating code.");

    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "eval", "exec", "compile", "builtins.eval", "builtins.exec", "builtins.compile",
    };

    /// <summary>Other ways to run Python source, with the position of the source argument.</summary>
    private static readonly Dictionary<string, int> Interpreters = new(StringComparer.Ordinal)
    {
        ["code.InteractiveConsole().push"] = 0, ["code.InteractiveConsole().runsource"] = 0, ["code.InteractiveInterpreter().runsource"] = 0,
        ["code.compile_command"] = 0, ["_testcapi.run_in_subinterp"] = 0, ["test.support.run_in_subinterp"] = 0,
        ["_xxsubinterpreters.run_string"] = 1, ["_interpreters.run_string"] = 1,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tainted = PythonTaintRule.ReportTainted(this, context, PythonSinks.Code, sink => $"`{sink.Call.Callee}` runs code built from {PythonTaintRule.Origin(sink.Source)}; whoever sends it runs their code on the server.");
        var module = context.Module;
        var shadowed = module.Definitions.Select(definition => definition.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var call in module.Calls)
        {
            if (tainted.Contains(call.Line) || shadowed.Contains(call.Callee))
            {
                continue;
            }

            var resolved = module.Values.Resolve(call);
            if (Interpreters.TryGetValue(resolved, out var position))
            {
                if (module.Values.Of(call)?.Argument(position, null) is { } source && !module.Values.IsConstant(source, call.Scope))
                {
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}` runs Python source that is not fixed in the code; make sure no caller can choose it.", Severity.Warning);
                }

                continue;
            }

            if (!Functions.Contains(resolved))
            {
                continue;
            }

            var code = module.Values.Of(call)?.Argument(0, "source") ?? module.Values.Of(call)?.Keyword("expression");
            if (code is null || module.Values.IsConstant(code, call.Scope))
            {
                continue;
            }

            var text = call.Arguments.FirstOrDefault(argument => argument.Keyword is null or "source" or "expression")?.Text ?? call.Callee;
            context.Report(this, call.Line, call.Line, $"`{call.Name}` runs code built at run time (`{Shorten(text)}`); anyone who controls it can run arbitrary Python.");
        }

        ReportNamespaceLookups(context);
    }

    /// <summary>
    /// <c>globals().get(name)</c>, <c>locals()[name]</c>, <c>f.__globals__[name]</c> with a name from outside: the caller
    /// picks any function or object of the module, which is running code of their choice.
    /// </summary>
    private void ReportNamespaceLookups(PythonRuleContext context)
    {
        var module = context.Module;
        var source = module.Tokenization.Source;
        if (!source.Contains("globals", StringComparison.Ordinal) && !source.Contains("locals()", StringComparison.Ordinal))
        {
            return;
        }

        var taint = PythonTaint.Of(module);
        var values = module.Assignments.Select(assignment => (assignment.Line, Value: module.Values.Of(assignment), assignment.Scope))
            .Concat(module.Statements.Where(statement => statement.Keyword is "return" or "").Select(statement => (statement.Line, Value: module.Values.Of(statement), statement.Scope)));
        foreach (var (line, value, scope) in values)
        {
            if (value is null || context.Covers(this, line))
            {
                continue;
            }

            foreach (var node in value.DescendantsAndSelf())
            {
                var (space, key) = node switch
                {
                    PySubscript { Index: { } index } subscript => (subscript.Target, index),
                    PyCall { Function: PyMember { Name: "get", Target: var target }, Arguments: [var first, ..] } => (target, first.Value),
                    _ => (null, null),
                };
                if (space is null || key is null || !IsNamespace(module, space, scope)
                    || taint.SourceOf(key, scope, Detection.Taint.VulnerabilityFamily.CodeInjection) is not { } origin)
                {
                    continue;
                }

                context.Report(this, line, line, $"A name from {PythonTaintRule.Origin(origin)} picks an entry of the module's namespace; whoever sends it can call any function there. Map the allowed names to functions explicitly.");
                break;
            }
        }
    }

    private static bool IsNamespace(PythonModule module, PyExpr space, PythonDefinition? scope) => space switch
    {
        PyCall { Function: PyName { Id: "globals" or "locals" or "vars" }, Arguments.Count: 0 } => true,
        PyMember { Name: "__globals__" or "__dict__" } => true,
        PyName name => module.Values.SingleValue(name.Id, scope, name.Line) is { } assigned && IsNamespace(module, assigned, scope),
        _ => false,
    };

    internal static string Shorten(string text)
    {
        var single = text.ReplaceLineEndings(" ").Trim();
        return single.Length <= 40 ? single : single[..37] + "...";
    }
}
