namespace PrReviewBot.Engine.Languages.Python.Rules;

/// <summary>Which definitions of a module are its public API, as the readability rules judge it.</summary>
internal static class PublicDefinitions
{
    /// <summary>Not <c>_private</c> or dunder, not nested in a function, and not inside a private class.</summary>
    public static bool IsPublic(PythonDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Name.StartsWith('_'))
        {
            return false;
        }

        for (var parent = definition.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Kind == PythonDefinitionKind.Function || parent.Name.StartsWith('_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A module or package whose name starts with one underscore (<c>_types.py</c>, <c>_internal/</c>) is private
    /// to its package: what it defines is not public API, whatever the names inside.
    /// </summary>
    public static bool IsPrivateModule(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/');
        for (var index = 0; index < segments.Length; index++)
        {
            var segment = index == segments.Length - 1 && segments[index].Contains('.', StringComparison.Ordinal) ? segments[index][..segments[index].LastIndexOf('.')] : segments[index];
            if (segment.StartsWith('_') && !segment.StartsWith("__", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>test_*</c> functions and methods are run by a test runner, not called by readers.</summary>
    public static bool IsTest(PythonDefinition definition) =>
        definition.Kind == PythonDefinitionKind.Function && definition.Name.StartsWith("test", StringComparison.Ordinal);

    public static string Label(PythonDefinition definition) => definition.Kind switch
    {
        PythonDefinitionKind.Class => "Class",
        _ when definition.IsMethod => "Method",
        _ => "Function",
    };
}
