using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Naming;

/// <summary>
/// PEP 8 names: snake_case functions, methods, variables and parameters; CapWords classes.
/// Module-level constants may be UPPER_CASE; names bound by a library (overrides, unittest hooks,
/// visitor methods) or imported from elsewhere are left alone.
/// </summary>
public sealed class PythonNamingConventionRule : PythonRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "py/naming-convention",
        "Name breaks PEP 8 naming conventions",
        Category.Naming,
        Severity.Note,
        "PEP 8 names let a reader tell classes, functions and constants apart at a glance; a module that mixes `consumer_obj` with `projectExternalId` reads like two authors' code.",
        "Rename to PEP 8: snake_case for functions, methods, variables and parameters, CapWords for classes, UPPER_CASE for module-level constants.");

    private static readonly HashSet<string> LibraryHooks = new(StringComparer.Ordinal)
    {
        "setUp", "tearDown", "setUpClass", "tearDownClass", "setUpModule", "tearDownModule",
        "asyncSetUp", "asyncTearDown", "runTest", "shortDescription", "addCleanup", "doCleanups",
        "setUpTestData", "maxDiff",
    };

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var imported = module.Imports.Select(import => import.BoundName).ToHashSet(StringComparer.Ordinal);
        var reported = new HashSet<(PythonDefinition?, string)>();

        foreach (var definition in module.Definitions)
        {
            if (definition.Kind == PythonDefinitionKind.Class)
            {
                var style = PythonNameStyle.Of(definition.Name);
                if (style is PythonCase.Snake or PythonCase.Camel or PythonCase.Mixed && !imported.Contains(definition.Name))
                {
                    Report(context, definition.Line, "Class", definition.Name, style, "Python classes are CapWords", PythonNameStyle.ToCapWords(definition.Name));
                }

                continue;
            }

            if (IsBoundByLibrary(definition))
            {
                continue;
            }

            var label = definition.IsMethod ? "Method" : "Function";
            JudgeSnake(context, definition.Line, label, definition.Name, label == "Method" ? "Python methods are snake_case" : "Python functions are snake_case");
            foreach (var parameter in definition.Parameters)
            {
                if (!parameter.IsSelfOrCls && reported.Add((definition, parameter.Name)))
                {
                    JudgeSnake(context, parameter.Line, "Parameter", parameter.Name, "Python parameters are snake_case");
                }
            }
        }

        foreach (var assignment in module.Assignments)
        {
            foreach (var target in assignment.Targets)
            {
                if (target.Kind != PythonTargetKind.Name || imported.Contains(target.Text) || !reported.Add((assignment.Scope, target.Text)))
                {
                    continue;
                }

                var style = PythonNameStyle.Of(target.Text);

                // Module and class level: UPPER_CASE constants and CapWords aliases (`Base = declarative_base()`) are fine.
                if (style is PythonCase.Camel or PythonCase.Mixed
                    && (assignment.Scope is null || assignment.Scope.Kind == PythonDefinitionKind.Function || style == PythonCase.Camel))
                {
                    var isAttribute = assignment.Scope?.Kind == PythonDefinitionKind.Class;
                    Report(
                        context,
                        target.Line,
                        isAttribute ? "Class attribute" : "Variable",
                        target.Text,
                        style,
                        isAttribute ? "Python attributes are snake_case" : "Python variables are snake_case",
                        PythonNameStyle.ToSnake(target.Text));
                }
            }
        }
    }

    private void JudgeSnake(PythonRuleContext context, int line, string label, string name, string convention)
    {
        var style = PythonNameStyle.Of(name);
        if (style is PythonCase.Camel or PythonCase.CapWords or PythonCase.Mixed)
        {
            Report(context, line, label, name, style, convention, PythonNameStyle.ToSnake(name));
        }
    }

    private void Report(PythonRuleContext context, int line, string label, string name, PythonCase style, string convention, string suggestion)
    {
        if (PythonNameStyle.IsDunder(name) || string.Equals(name, suggestion, StringComparison.Ordinal) || IsConventionalMixed(name, style))
        {
            return;
        }

        context.Report(this, line, line, $"{label} `{name}` is {PythonNameStyle.Display(style)}; {convention}: `{suggestion}`.");
    }

    /// <summary><c>X_train</c> (data-science matrices) and <c>test_createProject_fails</c> (test names that quote the code under test).</summary>
    private static bool IsConventionalMixed(string name, PythonCase style) =>
        style == PythonCase.Mixed
        && ((name.Length > 2 && char.IsUpper(name[0]) && name[1] == '_') || name.StartsWith("test_", StringComparison.Ordinal));

    /// <summary>Overrides, unittest hooks, <c>visit_Name</c> visitors and <c>do_GET</c> handlers take their names from a library.</summary>
    private static bool IsBoundByLibrary(PythonDefinition function) =>
        function.HasDecorator("override")
        || (function.IsMethod && (LibraryHooks.Contains(function.Name)
            || function.Name.StartsWith("visit_", StringComparison.Ordinal)
            || function.Name.StartsWith("depart_", StringComparison.Ordinal)
            || function.Name.StartsWith("do_", StringComparison.Ordinal)))
        || (function.Parent is null && LibraryHooks.Contains(function.Name));
}
