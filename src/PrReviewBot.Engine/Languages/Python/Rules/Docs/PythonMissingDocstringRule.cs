using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Docs;

/// <summary>
/// Public classes, functions and methods without a docstring, in a module that already documents
/// something: the module's own habit is the bar, so an undocumented script is not nagged.
/// </summary>
public sealed class PythonMissingDocstringRule : PythonRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "py/missing-docstring",
        "Public definition without a docstring",
        Category.Docs,
        Severity.Note,
        "This module documents its API, so a public class or function without a docstring leaves readers and `help()` without the contract the others state.",
        "Add a docstring saying what the class or function is for, its arguments and what it returns or raises.");

    private static readonly HashSet<string> ConfigClasses = new(StringComparer.Ordinal) { "Meta", "Config" };

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        if (module.Docstring is null && module.Definitions.All(definition => definition.Docstring is null))
        {
            return;
        }

        foreach (var definition in module.Definitions)
        {
            if (definition.Docstring is not null || !PublicDefinitions.IsPublic(definition) || PublicDefinitions.IsTest(definition) || IsExempt(definition))
            {
                continue;
            }

            var label = PublicDefinitions.Label(definition);
            context.Report(this, definition.Line, definition.Line, $"{label} `{definition.Name}` has no docstring.");
        }
    }

    /// <summary>Overrides inherit their contract; property setters share the getter's; overload stubs and <c>class Meta</c> are declarations.</summary>
    private static bool IsExempt(PythonDefinition definition) =>
        definition.HasDecorator("override")
        || definition.HasDecorator("overload")
        || definition.Decorators.Any(decorator =>
            decorator.Text.EndsWith(".setter", StringComparison.Ordinal) || decorator.Text.EndsWith(".deleter", StringComparison.Ordinal))
        || (definition.Kind == PythonDefinitionKind.Class && definition.Parent is not null && ConfigClasses.Contains(definition.Name));
}
