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
