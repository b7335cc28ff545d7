using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Naming;

/// <summary>
/// PEP 8 names: snake_case functions, methods, variables and parameters; CapWords classes.
/// Module-level constants may be UPPER_CASE. Names someone else dictates are left alone: overrides,
/// framework hooks, unittest's camelCase, pytest fixtures (a test's parameters are fixture names),
/// route placeholders, imported names, and a convention the existing siblings consistently follow.
/// </summary>
public sealed partial class PythonNamingConventionRule : PythonRule
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

    /// <summary>How many existing siblings it takes before their shared style counts as the module's own convention.</summary>
    private const int MinSiblingsForConvention = 3;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var imported = module.Imports.Select(import => import.BoundName).ToHashSet(StringComparer.Ordinal);
        var reported = new HashSet<(PythonDefinition?, string)>();
        var conventions = new SiblingConventions(context);
        var mirrored = new Lazy<HashSet<string>>(() => MirroredNames(module, imported));
        var classNames = module.Classes.Select(definition => definition.Name).Concat(imported).ToHashSet(StringComparer.Ordinal);

        // A name is judged on the statement that binds it; its siblings' habits come from the whole module.
        foreach (var definition in context.ChangedDefinitions)
        {
            if (definition.Kind == PythonDefinitionKind.Class)
            {
                var style = PythonNameStyle.Of(definition.Name);
                if (style is PythonCase.Snake or PythonCase.Camel or PythonCase.Mixed && !imported.Contains(definition.Name)
                    && !conventions.Follows(definition.Parent, SiblingKind.Class, definition.Name, style)
                    && !IsUsedLikeAFunction(module, definition, depth: 0))
                {
                    Report(context, definition.Parent, definition.Line, "Class", definition.Name, style, "Python classes are CapWords", PythonNameStyle.ToCapWords(definition.Name));
                }

                continue;
            }

            // The name is the framework's or the fixture's; so are a test's and a fixture's parameters.
            // A fallback defined where an import failed (`def SOCKSProxyManager(...)` under `except ImportError`) keeps the imported name;
            // a stand-in for another API's function (`monkeypatch.setattr(winreg, "OpenKey", OpenKey)`) keeps that API's name.
            if (IsBoundByLibrary(module, definition) || IsTestFunction(context, definition) || IsFixture(definition) || imported.Contains(definition.Name)
                || mirrored.Value.Contains(definition.Name) || (IsTestCode(context) && PythonNameStyle.Of(definition.Name) == PythonCase.CapWords))
            {
                continue;
            }

            var label = definition.IsMethod ? "Method" : "Function";
            if (!conventions.Follows(definition.Parent, SiblingKind.Function, definition.Name, PythonNameStyle.Of(definition.Name)))
            {
                JudgeSnake(context, definition.Parent, definition.Line, label, definition.Name, label == "Method" ? "Python methods are snake_case" : "Python functions are snake_case");
            }

            var placeholders = RoutePlaceholders(definition);
            foreach (var parameter in definition.Parameters)
            {
                if (!parameter.IsSelfOrCls && !placeholders.Contains(parameter.Name) && !TakesAClass(parameter, classNames) && reported.Add((definition, parameter.Name)))
                {
                    JudgeSnake(context, definition, parameter.Line, "Parameter", parameter.Name, "Python parameters are snake_case");
                }
            }
        }

        foreach (var assignment in context.ChangedAssignments)
        {
            foreach (var target in assignment.Targets)
            {
                if (target.Kind != PythonTargetKind.Name || imported.Contains(target.Text) || !reported.Add((assignment.Scope, target.Text)))
                {
                    continue;
                }

                var style = PythonNameStyle.Of(target.Text);
                var kind = assignment.Scope is null ? SiblingKind.ModuleVariable : SiblingKind.Attribute;

                // Module and class level: UPPER_CASE constants and CapWords aliases (`Base = declarative_base()`) are fine.
                if (style is PythonCase.Camel or PythonCase.Mixed
                    && (assignment.Scope is null || assignment.Scope.Kind == PythonDefinitionKind.Function || style == PythonCase.Camel)
                    && !(kind == SiblingKind.Attribute && assignment.Scope?.Kind == PythonDefinitionKind.Class && mirrored.Value.Contains(target.Text))
                    && (assignment.Scope?.Kind == PythonDefinitionKind.Function || !conventions.Follows(assignment.Scope, kind, target.Text, style)))
                {
                    var isAttribute = assignment.Scope?.Kind == PythonDefinitionKind.Class;
                    Report(
                        context,
                        assignment.Scope,
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

    private void JudgeSnake(PythonRuleContext context, PythonDefinition? scope, int line, string label, string name, string convention)
    {
        var style = PythonNameStyle.Of(name);
        if (style is PythonCase.Camel or PythonCase.CapWords or PythonCase.Mixed)
        {
            Report(context, scope, line, label, name, style, convention, PythonNameStyle.ToSnake(name));
        }
    }

    private void Report(PythonRuleContext context, PythonDefinition? scope, int line, string label, string name, PythonCase style, string convention, string suggestion)
    {
        if (PythonNameStyle.IsDunder(name) || string.Equals(name, suggestion, StringComparison.Ordinal) || IsConventionalMixed(name, style)
            || ExistedBefore(context, scope, line, name))
        {
            return;
        }

        context.Report(this, line, line, $"{label} `{name}` is {PythonNameStyle.Display(style)}; {convention}: `{suggestion}`.");
    }

    private static bool IsTestCode(PythonRuleContext context) => context.Role is CodeRole.Test or CodeRole.Fixture;

    /// <summary>
    /// A class named like the builtin it extends or like the function it stands in for, as PEP 8 allows for a class
    /// "used primarily as a callable": a subclass of a lower-case class (<c>class cached_property(property)</c>,
    /// <c>class metaclass(type)</c>, setuptools' <c>class cmake_build_ext(build_ext)</c>; <c>object</c> aside), or a
    /// descriptor (it, or a base class of this module, defines <c>__get__</c>; or it is named like <c>property</c>:
    /// werkzeug's <c>environ_property</c>, whose descriptor base lives in another module).
    /// </summary>
    private static bool IsUsedLikeAFunction(PythonModule module, PythonDefinition definition, int depth)
    {
        if (definition.Name.EndsWith("_property", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var written in definition.Bases)
        {
            var name = written.Split('[')[0].Trim();
            var last = name[(name.LastIndexOf('.') + 1)..];
            if (last.Length > 0 && char.IsLower(last[0]) && last != "object")
            {
                return true;
            }

            if (depth < 3 && module.Classes.FirstOrDefault(candidate => candidate.Name == last && candidate != definition) is { } local
                && IsUsedLikeAFunction(module, local, depth + 1))
            {
                return true;
            }
        }

        return module.Functions.Any(method => method.Parent == definition && method.Name == "__get__");
    }

    /// <summary>
    /// A CapWords parameter that holds a class (<c>Response: type[Response] = None</c>, or named after a class the module
    /// knows): naming it like the class it stands for is the convention for class-valued parameters.
    /// </summary>
    private static bool TakesAClass(PythonParameter parameter, HashSet<string> classNames) =>
        PythonNameStyle.Of(parameter.Name) == PythonCase.CapWords
        && (classNames.Contains(parameter.Name)
            || (parameter.Annotation is { } annotation && TypeOfAClass().IsMatch(annotation)));

    /// <summary>Names the module reads from an imported module (<c>winreg.OpenKey</c>) or spells in a string (<c>"OpenKey"</c>).</summary>
    private static HashSet<string> MirroredNames(PythonModule module, HashSet<string> imported)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tokens = module.Tokens;
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Kind == PythonTokenKind.StringLiteral && !token.IsFString)
            {
                var value = token.Text.TrimStart('r', 'R', 'b', 'B', 'u', 'U').Trim('"', '\'');
                if (value.Length > 0 && IsWord(value))
                {
                    names.Add(value);
                }

                // A key quoted inside a longer text: `{"withHeadings": true}` in a docstring that shows the wire format.
                if (token.Text.Contains(':', StringComparison.Ordinal))
                {
                    names.UnionWith(QuotedName().Matches(token.Text).Select(match => match.Groups["name"].Value));
                }
            }
            else if (token.Kind == PythonTokenKind.Name && index >= 2 && tokens[index - 1].IsOp(".")
                && tokens[index - 2].Kind == PythonTokenKind.Name && imported.Contains(tokens[index - 2].Text)
                && (index < 3 || !tokens[index - 3].IsOp(".")))
            {
                names.Add(token.Text);
            }
        }

        return names;
    }

    /// <summary>Letters, digits and underscores only; read for every string of the module, so without a delegate per character.</summary>
    private static bool IsWord(string value)
    {
        foreach (var character in value)
        {
            if (!char.IsLetterOrDigit(character) && character != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The name is also on a line of its scope the change did not touch (the body reads the parameter, callers
    /// call the function): the change edited the line that binds it, it did not choose the name.
    /// </summary>
    private static bool ExistedBefore(PythonRuleContext context, PythonDefinition? scope, int line, string name)
    {
        if (context.ChangedLines.EveryLine)
        {
            return false;
        }

        var first = scope?.Line ?? 1;
        var last = scope?.EndLine ?? context.Text.AsSpan().Count('\n') + 1;
        var word = new Regex(@"(?<!\w)" + Regex.Escape(name) + @"(?!\w)", RegexOptions.CultureInvariant);
        for (var other = first; other <= last; other++)
        {
            if (other != line && !context.ChangedLines.IsAdded(other) && word.IsMatch(context.LineSpan(other)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Underscore-joined names whose capitals are whole words: symbols and units such as <c>X_train</c>,
    /// <c>channel_USD</c>, <c>to_UTC</c>; and test names that quote the code under test (<c>test_createProject_fails</c>,
    /// pip's test class <c>Test_display_path</c>).
    /// </summary>
    private static bool IsConventionalMixed(string name, PythonCase style)
    {
        if (style != PythonCase.Mixed)
        {
            return false;
        }

        var words = name.Trim('_').Split('_', StringSplitOptions.RemoveEmptyEntries);
        return name.StartsWith("test_", StringComparison.Ordinal) || name.StartsWith("Test_", StringComparison.Ordinal)
            || words.All(word => !word.Any(char.IsUpper) || !word.Any(char.IsLower))

            // An UPPER_CASE constant that spells a proper name its own way: `IPv4_STYLE_HOSTNAME`, `OAuth2_SCOPES`.
            || (words.Any(word => word.Length > 1 && !word.Any(char.IsLower)) && words.All(word => char.IsUpper(word[0]) || char.IsDigit(word[0])));
    }

    /// <summary>Overrides, unittest hooks and custom assertions, <c>visit_Name</c> visitors and <c>do_GET</c> handlers take their names from a library.</summary>
    private static bool IsBoundByLibrary(PythonModule module, PythonDefinition function) =>
        function.HasDecorator("override")
        || (function.IsMethod && (LibraryHooks.Contains(function.Name)
            || UnittestStyle().IsMatch(function.Name)
            || function.Name.StartsWith("visit_", StringComparison.Ordinal)
            || function.Name.StartsWith("depart_", StringComparison.Ordinal)
            || function.Name.StartsWith("do_", StringComparison.Ordinal)
            || Overrides.TakesItsName(module, function)))
        || (function.Parent is null && LibraryHooks.Contains(function.Name));

    /// <summary>A test the runner collects: its name is the runner's (<c>testCreate</c> in unittest style), its parameters are fixtures.</summary>
    private static bool IsTestFunction(PythonRuleContext context, PythonDefinition function) =>
        function.Name.StartsWith("test", StringComparison.Ordinal)
        && (context.Role is CodeRole.Test or CodeRole.Fixture || function.Name.StartsWith("test_", StringComparison.Ordinal));

    /// <summary>A pytest fixture: other code asks for it by this very name, and its own parameters are fixtures too.</summary>
    private static bool IsFixture(PythonDefinition function) =>
        function.Decorators.Any(decorator => FixtureDecorator().IsMatch(decorator.Text));

    /// <summary>Names a route's path binds (<c>"/users/&lt;int:userId&gt;"</c>, <c>"/items/{itemId}"</c>): the handler's parameters must match them.</summary>
    private static HashSet<string> RoutePlaceholders(PythonDefinition function) =>
        [.. function.Decorators.SelectMany(decorator => RoutePlaceholder().Matches(decorator.Text)).Select(match => match.Groups["name"].Value)];

    [GeneratedRegex(@"[""'](?<name>[A-Za-z_]\w*)[""']\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"^(?:[\w.]*\.)?(?:type|Type)\[", RegexOptions.CultureInvariant)]
    private static partial Regex TypeOfAClass();

    [GeneratedRegex(@"^(?:assert|fail)[A-Z]\w*$", RegexOptions.CultureInvariant)]
    private static partial Regex UnittestStyle();

    [GeneratedRegex(@"(?:^|\.)(?:fixture|yield_fixture)(?:\(|$)|parametrize\(", RegexOptions.CultureInvariant)]
    private static partial Regex FixtureDecorator();

    [GeneratedRegex(@"[<{](?:\w+:)?(?<name>[A-Za-z_]\w*)(?::[^>}]*)?[>}]", RegexOptions.CultureInvariant)]
    private static partial Regex RoutePlaceholder();

    private enum SiblingKind
    {
        Class,
        Function,
        ModuleVariable,
        Attribute,
    }

    /// <summary>
    /// The style the existing siblings of a name share (module functions, one class's methods or attributes), learnt
    /// from lines the change did not add: when at least three of them agree on a non-PEP 8 style, that is the
    /// module's convention (a wrapper mirroring a camelCase API), and a new sibling that follows it is right.
    /// </summary>
    private sealed class SiblingConventions(PythonRuleContext context)
    {
        private readonly Dictionary<(PythonDefinition?, SiblingKind), PythonCase?> learnt = [];

        public bool Follows(PythonDefinition? scope, SiblingKind kind, string name, PythonCase style)
        {
            if (!learnt.TryGetValue((scope, kind), out var convention))
            {
                convention = Learn(scope, kind);
                learnt[(scope, kind)] = convention;
            }

            return convention == style;
        }

        private PythonCase? Learn(PythonDefinition? scope, SiblingKind kind)
        {
            var module = context.Module;
            var names = kind switch
            {
                SiblingKind.Class => module.Classes.Where(definition => definition.Parent == scope).Select(definition => (definition.Name, definition.Line)),
                SiblingKind.Function => module.Functions.Where(definition => definition.Parent == scope && !PythonNameStyle.IsDunder(definition.Name))
                    .Select(definition => (definition.Name, definition.Line)),
                _ => module.Assignments.Where(assignment => assignment.Scope == scope)
                    .SelectMany(assignment => assignment.Targets.Where(target => target.Kind == PythonTargetKind.Name).Select(target => (target.Text, target.Line))),
            };
            var styles = names
                .Where(entry => !context.ChangedLines.IsAdded(entry.Item2))
                .Select(entry => entry.Item1)
                .Distinct(StringComparer.Ordinal)
                .Select(PythonNameStyle.Of)
                .Where(style => style != PythonCase.Other && (kind == SiblingKind.Class || style != PythonCase.Upper))
                .ToList();
            if (styles.Count < MinSiblingsForConvention)
            {
                return null;
            }

            var dominant = styles.GroupBy(style => style).OrderByDescending(group => group.Count()).First();
            return dominant.Count() * 5 >= styles.Count * 4 ? dominant.Key : null;
        }
    }
}
