using System.Buffers;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// The few questions the Python configuration rules ask of one argument, answered by the module's
/// value layer (<see cref="PythonValues"/>) so no rule reads argument text to learn a value.
/// </summary>
internal static class PythonSecurityHelpers
{
    /// <summary>What the call's callee means after imports and local aliases; see <see cref="PythonValues.Resolve(PythonCall)"/>.</summary>
    public static string Resolved(PythonModule module, PythonCall call) => module.Values.Resolve(call);

    /// <summary>A dotted name written at a line of a scope, resolved as <see cref="Resolved"/> resolves a callee.</summary>
    public static string Resolve(PythonModule module, string dotted, PythonDefinition? scope, int line) => module.Values.Resolve(dotted, scope, line);

    public static bool IsTrue(PythonModule module, PythonArgument? argument) =>
        argument is not null && module.Values.Of(argument) is PyConstant { Text: "True" };

    public static bool IsFalse(PythonModule module, PythonArgument? argument) =>
        argument is not null && module.Values.Of(argument) is PyConstant { Text: "False" };

    /// <summary>The argument's value is fixed when the code is written: literals, and names only ever bound to them.</summary>
    public static bool IsConstant(PythonModule module, PythonArgument argument, PythonDefinition? scope) =>
        module.Values.IsConstant(module.Values.Of(argument), scope);

    /// <summary>The text of a plain string literal argument (escapes as written), or null for anything else.</summary>
    public static string? StringValue(PythonModule module, PythonArgument? argument) =>
        argument is not null && module.Values.Of(argument) is PyString text ? text.Value : null;

    /// <summary>The assignment whose value is exactly this call (<c>x = f(...)</c>, <c>x = await f(...)</c>), if any.</summary>
    public static PythonAssignment? AssignedFrom(PythonModule module, PythonCall call) =>
        module.Assignments.FirstOrDefault(assignment => assignment.Line <= call.Line && assignment.ValueFirstToken >= 0
            && assignment.ValueFirstToken <= call.FirstToken && call.FirstToken <= assignment.ValueLastToken
            && Unwrapped(module.Values.Of(assignment)) is PyCall value && value.Line == call.Line && value.Column == call.Column
            && string.Equals(value.Function.DottedName, call.Callee, StringComparison.Ordinal));

    /// <summary>
    /// True when the call's source text holds <paramref name="text"/>: a cheap test that a keyword (<c>headers=</c>)
    /// may be given, before the call is parsed. A call without its tokens is assumed to hold it.
    /// </summary>
    public static bool Mentions(PythonModule module, PythonCall call, string text) =>
        CallText(module, call) is not { } source || source.Span.Contains(text, StringComparison.Ordinal);

    /// <summary>As <see cref="Mentions(PythonModule, PythonCall, string)"/> for any of several texts, in one pass.</summary>
    public static bool Mentions(PythonModule module, PythonCall call, SearchValues<string> texts) =>
        CallText(module, call) is not { } source || source.Span.ContainsAny(texts);

    private static ReadOnlyMemory<char>? CallText(PythonModule module, PythonCall call)
    {
        var tokens = module.Tokens;
        if (call.FirstToken < 0 || call.LastToken < call.FirstToken || call.LastToken >= tokens.Count)
        {
            return null;
        }

        var start = tokens[call.FirstToken].StartOffset;
        return module.Tokenization.Source.AsMemory(start, tokens[call.LastToken].EndOffset - start);
    }

    private static PyExpr? Unwrapped(PyExpr? value) => value is PyOther { Kind: "await", Parts: [var inner] } ? inner : value;
}
