using System.Text.RegularExpressions;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Docs;

/// <summary>
/// Public, non-trivial classes, functions and methods without a docstring. With <c>docs: auto</c>
/// the module's own habit is the bar: a new module, or one whose existing public API is mostly
/// documented, is asked; an existing module that documents nothing is not. Methods that fill in a
/// documented base method or a framework hook inherit their contract and are never asked.
/// </summary>
public sealed partial class PythonMissingDocstringRule : PythonRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "py/missing-docstring",
        "Public definition without a docstring",
        Category.Docs,
        Severity.Note,
        "A public class or function without a docstring leaves readers, `help()` and generated API docs without the contract: what it is for, what it takes and what it returns or raises.",
        "Add a docstring saying what the class or function is for, its arguments and what it returns or raises.");

    private static readonly HashSet<string> ConfigClasses = new(StringComparer.Ordinal) { "Meta", "Config", "Arguments" };

    /// <summary>Classes a framework finds by name and describes its own way: a Django command's <c>help</c>, a migration's operations.</summary>
    private static readonly HashSet<string> FrameworkNamedClasses = new(StringComparer.Ordinal) { "Command", "Migration" };

    private static readonly HashSet<string> ContractBases = new(StringComparer.Ordinal) { "Protocol", "typing.Protocol", "typing_extensions.Protocol" };

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mode = context.Options.Docs;
        if (mode == DocsMode.Off || context.Role != CodeRole.Product || PublicDefinitions.IsPrivateModule(context.Path))
        {
            return;
        }

        var module = context.Module;

        // Only definitions the change wrote are reported: without one, the module's habit need not be learnt.
        if (!context.ChangedDefinitions.Any(definition => definition.Docstring is null && context.IsWhollyAdded(definition.Line, definition.EndLine)))
        {
            return;
        }

        var candidates = module.Definitions
            .Where(definition => PublicDefinitions.IsPublic(definition) && !PublicDefinitions.IsTest(definition) && !IsExempt(definition)
                && !Overrides.InheritsDocumentation(module, definition) && !DescribedByItsMeta(context, definition)
                && (mode == DocsMode.Always || !MayOverrideAnImportedBase(module, definition)))
            .Where(definition => mode == DocsMode.Always || !IsTrivial(context, definition))
            .ToList();
        if (mode == DocsMode.Auto && !DocumentsItsApi(context, candidates))
        {
            return;
        }

        // Only definitions the change wrote: editing an old function's signature does not make its missing docstring new.
        foreach (var definition in candidates.Where(definition => definition.Docstring is null && context.IsWhollyAdded(definition.Line, definition.EndLine)
            && !HasCommentAbove(context, definition)))
        {
            var label = PublicDefinitions.Label(definition);
            context.Report(this, definition.Line, definition.Line, $"{label} `{definition.Name}` has no docstring.");
        }
    }

    /// <summary>
    /// The module's habit, learnt from the public definitions the change did not write: documented when
    /// at least half of them have a docstring. With none to learn from, a module docstring or one
    /// documented definition shows the habit; a new module with neither follows the project's existing
    /// modules in the change, and where there are none, the language's convention (document public API).
    /// </summary>
    private static bool DocumentsItsApi(PythonRuleContext context, List<PythonDefinition> candidates)
    {
        var existing = candidates.Where(definition => !context.IsWhollyAdded(definition.Line, definition.EndLine)).ToList();
        if (existing.Count > 0)
        {
            return existing.Count(definition => definition.Docstring is not null) * 2 >= existing.Count;
        }

        if (context.Module.Docstring is not null || candidates.Any(definition => definition.Docstring is not null))
        {
            return true;
        }

        return context.IsNewFile && (context.Project.Documents ?? true);
    }

    /// <summary>
    /// A method of a class with an imported base may well fill in that base's documented method, which this
    /// module cannot see; asking would nag every <c>perform_mutation</c> and <c>get_queryset</c> of a framework.
    /// </summary>
    private static bool MayOverrideAnImportedBase(PythonModule module, PythonDefinition definition) =>
        definition.IsMethod && definition.Parent is { } owner && Overrides.HasExternalBase(module, owner)
        && !Overrides.BaseMethods(module, owner, definition.Name).Any();

    /// <summary>
    /// Graphene and similar schema frameworks document a type in its <c>class Meta: description = ...</c> or in its
    /// fields' <c>description=</c>, which is what their generated API docs show.
    /// </summary>
    private static bool DescribedByItsMeta(PythonRuleContext context, PythonDefinition definition)
    {
        if (definition.Kind != PythonDefinitionKind.Class)
        {
            return false;
        }

        var methods = context.Module.Functions.Where(function => function.Parent == definition).ToList();
        return Enumerable.Range(definition.Line + 1, Math.Max(0, definition.EndLine - definition.Line))
            .Where(line => !methods.Any(method => method.Line <= line && line <= method.EndLine))
            .Any(line => DescriptionField().IsMatch(context.LineSpan(line)));
    }

    /// <summary>A comment right above the definition (or its decorators) already tells the reader what it is for.</summary>
    private static bool HasCommentAbove(PythonRuleContext context, PythonDefinition definition)
    {
        var first = definition.Decorators.Count > 0 ? Math.Min(definition.Line, definition.Decorators.Min(decorator => decorator.Line)) : definition.Line;
        var above = context.LineText(first - 1).TrimStart();
        return above.StartsWith('#') && above.TrimStart('#').Trim().Length > 0
            && !Comments.PythonCommentLines.IsDirective(new Comments.PythonCommentLine(first - 1, above.TrimStart('#').Trim(), above));
    }

    /// <summary>Trivial bodies explain themselves, except the abstract methods and protocol members that state a contract for others.</summary>
    private static bool IsTrivial(PythonRuleContext context, PythonDefinition definition)
    {
        var statesContract = definition.HasDecorator("abstractmethod") || definition.HasDecorator("abstractproperty")
            || (definition.Parent is { } owner && owner.Bases.Any(ContractBases.Contains));
        return !statesContract && DefinitionShapes.IsTrivial(context, definition);
    }

    /// <summary>Overrides inherit their contract; property setters share the getter's; overload stubs, <c>class Meta</c> and Django's <c>Command</c> are declarations.</summary>
    private static bool IsExempt(PythonDefinition definition) =>
        definition.HasDecorator("override")
        || definition.HasDecorator("overload")
        || definition.Decorators.Any(decorator =>
            decorator.Text.EndsWith(".setter", StringComparison.Ordinal) || decorator.Text.EndsWith(".deleter", StringComparison.Ordinal))
        || (definition.Kind == PythonDefinitionKind.Class && definition.Parent is not null && ConfigClasses.Contains(definition.Name))
        || (definition.Kind == PythonDefinitionKind.Class && FrameworkNamedClasses.Contains(definition.Name) && definition.Bases.Count > 0);

    [GeneratedRegex(@"^\s*description\s*=|\bdescription\s*=\s*(?:\(|f?[""'])", RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionField();
}
