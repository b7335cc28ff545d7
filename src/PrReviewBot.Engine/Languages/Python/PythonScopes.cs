namespace PrReviewBot.Engine.Languages.Python;

/// <summary>
/// Names a module's definitions the way rule contexts name a finding's scope (<c>Class.method</c>),
/// so the engine can tell whether a definition was already there before the change.
/// </summary>
public static class PythonScopes
{
    /// <summary>
    /// Every def and class with its body: the lines after the <c>def</c>/<c>class</c> line, without the
    /// docstring. A definition the change renamed (and perhaps documented) keeps its body.
    /// </summary>
    public static IReadOnlyList<(string Scope, Func<string> Body)> Declared(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        return [.. PythonModule.Parse(text).Definitions.Select(definition => (definition.QualifiedName, (Func<string>)(() => Body(definition, lines))))];
    }

    private static string Body(PythonDefinition definition, string[] lines)
    {
        var body = Enumerable.Range(definition.Line + 1, Math.Max(0, Math.Min(definition.EndLine, lines.Length) - definition.Line))
            .Where(line => definition.Docstring is not { } docstring || line < docstring.Line || line > docstring.EndLine)
            .Select(line => lines[line - 1]);
        return string.Join('\n', body);
    }
}
