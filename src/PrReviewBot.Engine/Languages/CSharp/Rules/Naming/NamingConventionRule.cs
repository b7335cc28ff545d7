using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

/// <summary>
/// Identifiers declared in the file that break the .NET naming conventions. Private fields
/// and constants are judged against the file's own dominant style, so a consistent
/// <c>m_count</c> or <c>MAX_SIZE</c> file is left alone and only the odd one out is named.
/// </summary>
public sealed class NamingConventionRule : CSharpRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "cs/naming-convention",
        "Identifier breaks .NET naming conventions",
        Category.Naming,
        Severity.Note,
        "One naming convention lets a reader tell types, members, locals and fields apart at a glance; a file that mixes `consumer_obj` with `projectId` reads like two authors' code and hides which names are fields.",
        "Rename to the convention: PascalCase for types, methods, properties, events, constants and non-private fields; `I` + PascalCase for interfaces; camelCase for locals and parameters; the file's own style (usually `_camelCase`) for private fields.");

    private static readonly string[] InteropAttributes = ["DllImport", "LibraryImport"];

    private enum Kind
    {
        Type,
        Interface,
        Method,
        LocalFunction,
        Property,
        Event,
        EnumMember,
        VisibleField,
        Constant,
        LocalConstant,
        PrivateField,
        PrivateStaticField,
        Local,
        Parameter,
        RangeVariable,
    }

    /// <summary>The repository's rule for a declaration; locals are judged from syntax, range variables by no rule (as in the IDE).</summary>
    private static NamingRule? RuleFor(EditorConfigNaming naming, Declared declared, CSharpRuleContext context) => declared.Kind switch
    {
        Kind.Local => naming.RuleForBodySymbol("local", []),
        Kind.LocalConstant => naming.RuleForBodySymbol("local", ["const"]),
        Kind.LocalFunction when declared.Node is LocalFunctionStatementSyntax function => naming.RuleForBodySymbol(
            "local_function",
            [.. function.Modifiers.Select(modifier => modifier.ValueText).Where(modifier => modifier is "static" or "async")]),
        Kind.Parameter when declared.Node.Parent is SimpleLambdaExpressionSyntax
            || declared.Node.Parent?.Parent is ParenthesizedLambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax
            => naming.RuleForBodySymbol("parameter", []),
        Kind.RangeVariable => null,
        _ => context.Model.GetDeclaredSymbol(declared.Node, context.CancellationToken) is { } symbol ? naming.RuleFor(symbol) : null,
    };

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (GeneratedCode.IsGeneratedFile(context))
        {
            return;
        }

        // Only names declared on added lines are judged, so only the nodes that touch one are walked; what
        // the rest of the file does (its field prefix, a name's siblings) is read from the file when asked.
        var candidates = new List<Declared>();
        Collect(context.Root.DescendantNodes(node => context.TouchesChange(node) && !IsGeneratedMember(node)), candidates);
        candidates.RemoveAll(declared => !context.ChangedLines.IsAdded(context.LineOf(declared.Identifier.SpanStart)));
        if (candidates.Count == 0)
        {
            return;
        }

        var file = new FileDeclarations(context);
        var conventions = new FileConventions(file, context);
        var siblings = new SiblingStyles(file, context);
        var naming = EditorConfigNaming.From(context.EditorConfig.Properties);
        TestInputs? testInputs = null;
        foreach (var declared in candidates)
        {
            var name = declared.Identifier.ValueText;
            if (declared.Identifier.Text.StartsWith('@') || name.Length <= 1 || IsDiscardLike(name))
            {
                continue;
            }

            // A name the .NET defaults accept and every repository rule that may take it accepts is fine whichever
            // rule does: no need for its symbol (which costs binding the members of its type) nor for the test's inputs.
            if (naming.Rules.All(rule => !rule.IsEnforced || !MayTake(rule, declared) || rule.Style.IsCompliant(name)) && Judge(declared, conventions) is null)
            {
                continue;
            }

            if ((context.Role is CodeRole.Test or CodeRole.Fixture || TestCode.IsInTestClass(declared.Node))
                && (testInputs ??= new TestInputs(context.Root)).Contains(declared))
            {
                continue;
            }

            // The repository's own naming rules decide wherever one takes the symbol, as they do in its IDE.
            if (!naming.IsEmpty && RuleFor(naming, declared, context) is { } rule)
            {
                // A mere `suggestion` against a name the .NET defaults accept is a hint of the IDE, not a
            // defect (the common Roslyn-style file asks `_` of every instance field, public ones too).
            if (JudgeByEditorConfig(declared, rule) is var (configured, renamed)
                && !IsTaken(declared, renamed)
                && !siblings.Accepts(declared)
                && (rule.Severity is "warning" or "error" || Judge(declared, conventions) is not null)
                && !IsChosenOnPurpose(context, declared))
                {
                    context.Report(this, declared.Identifier, configured);
                }

                continue;
            }

            if (Judge(declared, conventions) is var (message, suggestion)
                && !siblings.Accepts(declared)
                && !siblings.MirrorsWireFormat(declared, context)
                && !IsTaken(declared, suggestion)
                && !IsDictatedByFramework(context, declared)
                && !(declared.Node is MethodDeclarationSyntax or PropertyDeclarationSyntax or EventDeclarationSyntax
                    && InterfaceImplementations.IsImplicitImplementation(context.Model, (MemberDeclarationSyntax)declared.Node))
                && !IsChosenOnPurpose(context, declared))
            {
                context.Report(this, declared.Identifier, message);
            }
        }
    }

    /// <summary>
    /// False when the declaration's syntax already shows that the rule's symbol group cannot take it: another
    /// kind of symbol, or a field of another accessibility or without a required modifier. True when in doubt.
    /// </summary>
    private static bool MayTake(NamingRule rule, Declared declared)
    {
        string[] kinds = declared.Kind switch
        {
            Kind.Type => ["class", "struct", "enum", "delegate"],
            Kind.Interface => ["interface"],
            Kind.Method => ["method"],
            Kind.LocalFunction => ["local_function"],
            Kind.Property => ["property"],
            Kind.Event => ["event"],
            Kind.EnumMember or Kind.VisibleField or Kind.Constant or Kind.PrivateField or Kind.PrivateStaticField => ["field"],
            Kind.Local or Kind.LocalConstant => ["local"],
            Kind.Parameter => ["parameter"],
            _ => [],
        };
        if (!kinds.Any(rule.Symbols.Kinds.Contains))
        {
            return false;
        }

        if (declared.Node.Parent?.Parent is not FieldDeclarationSyntax field)
        {
            return true;
        }

        var modifiers = field.Modifiers;
        var isConst = modifiers.Any(SyntaxKind.ConstKeyword);
        if (DeclaredAccessibility(field) is { } accessibility && !rule.Symbols.Accessibilities.Contains(accessibility))
        {
            return false;
        }

        // A constant may count as static and read-only; a field without either keyword is neither.
        return rule.Symbols.Modifiers.All(modifier => modifier switch
        {
            "const" => isConst,
            "static" => isConst || modifiers.Any(SyntaxKind.StaticKeyword),
            "readonly" => isConst || modifiers.Any(SyntaxKind.ReadOnlyKeyword),
            _ => false,
        });
    }

    /// <summary>A field's accessibility from its modifiers (private by default in a class or struct); null when unsure.</summary>
    private static Accessibility? DeclaredAccessibility(FieldDeclarationSyntax field)
    {
        var modifiers = field.Modifiers;
        var isPublic = modifiers.Any(SyntaxKind.PublicKeyword);
        var isPrivate = modifiers.Any(SyntaxKind.PrivateKeyword);
        var isProtected = modifiers.Any(SyntaxKind.ProtectedKeyword);
        var isInternal = modifiers.Any(SyntaxKind.InternalKeyword);
        return (isPublic, isPrivate, isProtected, isInternal) switch
        {
            (true, false, false, false) => Accessibility.Public,
            (false, true, false, false) => Accessibility.Private,
            (false, false, true, false) => Accessibility.Protected,
            (false, false, false, true) => Accessibility.Internal,
            (false, false, true, true) => Accessibility.ProtectedOrInternal,
            (false, true, true, false) => Accessibility.ProtectedAndInternal,
            (false, false, false, false) when field.Parent is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax => Accessibility.Private,
            _ => null,
        };
    }

    /// <summary>Code marked <c>[GeneratedCode]</c> or <c>[CompilerGenerated]</c>: its names are a tool's, so walks do not enter it.</summary>
    private static bool IsGeneratedMember(SyntaxNode node) => node is MemberDeclarationSyntax member && GeneratedCode.IsMarkedGenerated(member);

    private static (string Message, string Suggestion)? JudgeByEditorConfig(Declared declared, NamingRule rule)
    {
        var name = declared.Identifier.ValueText;
        if (!rule.IsEnforced || rule.Style.IsCompliant(name))
        {
            return null;
        }

        var suggestion = rule.Style.Rewrite(name);
        if (string.Equals(suggestion, name, StringComparison.Ordinal) || !rule.Style.IsCompliant(suggestion) || IdentifierStyle.Escape(suggestion) != suggestion)
        {
            return null;
        }

        return ($"{declared.Label} `{name}` does not follow this repository's `.editorconfig` naming rule `{rule.Title}` ({rule.Style.Display}): `{suggestion}`.", suggestion);
    }

    /// <summary>
    /// A name already in use where the declaration lives (<c>shouldDrop_</c> dodging an earlier
    /// <c>shouldDrop</c>, a <c>_scheduler</c> property beside a <c>Scheduler</c> type member): the
    /// conventional spelling would not compile or would shadow, so the odd one is deliberate.
    /// </summary>
    private static bool IsTaken(Declared declared, string suggestion)
    {
        if (declared.Kind is Kind.Local or Kind.LocalConstant or Kind.Parameter or Kind.RangeVariable or Kind.LocalFunction)
        {
            var scope = declared.Node.Ancestors().FirstOrDefault(node => node is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax) ?? declared.Node.Parent;
            return scope is not null && scope.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == suggestion);
        }

        // A member may not take its type's name, nor another member's.
        return declared.Container is BaseTypeDeclarationSyntax type
            && (type.Identifier.ValueText == suggestion
                || type.ChildNodes().OfType<MemberDeclarationSyntax>().Any(member => DeclaredNames(member).Contains(suggestion, StringComparer.Ordinal)));
    }

    private static IEnumerable<string> DeclaredNames(MemberDeclarationSyntax member) => member switch
    {
        BaseTypeDeclarationSyntax type => [type.Identifier.ValueText],
        DelegateDeclarationSyntax @delegate => [@delegate.Identifier.ValueText],
        MethodDeclarationSyntax method => [method.Identifier.ValueText],
        PropertyDeclarationSyntax property => [property.Identifier.ValueText],
        EventDeclarationSyntax @event => [@event.Identifier.ValueText],
        BaseFieldDeclarationSyntax field => field.Declaration.Variables.Select(variable => variable.Identifier.ValueText),
        EnumMemberDeclarationSyntax enumMember => [enumMember.Identifier.ValueText],
        _ => [],
    };

    /// <summary>
    /// In tests, names with underscores are the framework's idiom (<c>Saves_order_when_paid</c>,
    /// BDD-style <c>When_the_cart_is_empty</c> classes and their helpers, the data a test is fed named after it or
    /// after its case: <c>TextRenderer_DrawText_DefaultBackground_TestData</c>, <c>MessageBoxImplementation_DllImport</c>), not a slip.
    /// </summary>
    private static bool IsDictatedByFramework(CSharpRuleContext context, Declared declared) =>
        context.Role is CodeRole.Test or CodeRole.Fixture
        && (declared.Kind is Kind.Method or Kind.Type or Kind.LocalFunction
            || (declared.Kind is Kind.Property or Kind.Constant or Kind.VisibleField or Kind.PrivateStaticField && char.IsUpper(declared.Identifier.ValueText[0])))
        && declared.Identifier.ValueText.Contains('_', StringComparison.Ordinal);

    /// <summary>The declarations among the nodes (a walk that does not enter generated members).</summary>
    private static void Collect(IEnumerable<SyntaxNode> nodes, List<Declared> found)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                // Most of a changed body is expressions, and no expression declares a name: one type test instead of all below.
                case ExpressionSyntax:
                    break;
                case MemberDeclarationSyntax member when GeneratedCode.IsMarkedGenerated(member):
                    break;
                case InterfaceDeclarationSyntax type:
                    found.Add(new(type.Identifier, Kind.Interface, "Interface", type));
                    break;
                case BaseTypeDeclarationSyntax type:
                    // Test classes and migrations (`[Migration(224)] class release_profile_indexer_ids`) are named by their framework's habits.
                    if (!(type.Identifier.ValueText.Contains('_', StringComparison.Ordinal)
                        && ((type is TypeDeclarationSyntax typeWithMembers && TestCode.IsTestClass(typeWithMembers)) || Attributes.Has(type.AttributeLists, "Migration"))))
                    {
                        found.Add(new(type.Identifier, Kind.Type, TypeLabel(type), type));
                    }

                    break;
                case DelegateDeclarationSyntax type:
                    found.Add(new(type.Identifier, Kind.Type, "Delegate", type));
                    break;
                case MethodDeclarationSyntax method when !IsBoundByOthers(method.Modifiers, method.ExplicitInterfaceSpecifier) && !IsExtern(method.Modifiers, method.AttributeLists):
                    if (!(method.Identifier.ValueText.Contains('_', StringComparison.Ordinal) && (IsEventHandler(method) || TestCode.IsInTestClass(method))))
                    {
                        found.Add(new(method.Identifier, Kind.Method, "Method", method));
                    }

                    break;
                case LocalFunctionStatementSyntax function when !IsExtern(function.Modifiers, function.AttributeLists):
                    found.Add(new(function.Identifier, Kind.LocalFunction, "Local function", function));
                    break;
                case PropertyDeclarationSyntax property when !IsBoundByOthers(property.Modifiers, property.ExplicitInterfaceSpecifier):
                    found.Add(new(property.Identifier, Kind.Property, "Property", property));
                    break;
                case EventDeclarationSyntax @event when !IsBoundByOthers(@event.Modifiers, @event.ExplicitInterfaceSpecifier):
                    found.Add(new(@event.Identifier, Kind.Event, "Event", @event));
                    break;
                case EventFieldDeclarationSyntax events when !IsBoundByOthers(events.Modifiers, null):
                    found.AddRange(events.Declaration.Variables.Select(variable => new Declared(variable.Identifier, Kind.Event, "Event", variable)));
                    break;
                case EnumMemberDeclarationSyntax member:
                    found.Add(new(member.Identifier, Kind.EnumMember, "Enum member", member));
                    break;
                case FieldDeclarationSyntax field when !IsInteropLayout(field):
                    AddFields(field, found);
                    break;
                case LocalDeclarationStatementSyntax local:
                    AddLocals(local, found);
                    break;
                case VariableDeclarationSyntax { Parent: UsingStatementSyntax or ForStatementSyntax or FixedStatementSyntax } declaration:
                    found.AddRange(declaration.Variables.Select(variable => new Declared(variable.Identifier, Kind.Local, "Local", variable)));
                    break;
                case SingleVariableDesignationSyntax designation:
                    found.Add(new(designation.Identifier, Kind.Local, "Local", designation));
                    break;
                case ForEachStatementSyntax forEach:
                    found.Add(new(forEach.Identifier, Kind.Local, "Loop variable", forEach));
                    break;
                case CatchDeclarationSyntax { Identifier.RawKind: (int)SyntaxKind.IdentifierToken } catchDeclaration:
                    found.Add(new(catchDeclaration.Identifier, Kind.Local, "Exception variable", catchDeclaration));
                    break;
                case ParameterSyntax parameter when IsOwnParameter(parameter):
                    found.Add(new(parameter.Identifier, Kind.Parameter, "Parameter", parameter));
                    break;
                case FromClauseSyntax from:
                    found.Add(new(from.Identifier, Kind.RangeVariable, "Range variable", from));
                    break;
                case LetClauseSyntax let:
                    found.Add(new(let.Identifier, Kind.RangeVariable, "Range variable", let));
                    break;
                case JoinClauseSyntax join:
                    found.Add(new(join.Identifier, Kind.RangeVariable, "Range variable", join));
                    break;
                case JoinIntoClauseSyntax into:
                    found.Add(new(into.Identifier, Kind.RangeVariable, "Range variable", into));
                    break;
                case QueryContinuationSyntax continuation:
                    found.Add(new(continuation.Identifier, Kind.RangeVariable, "Range variable", continuation));
                    break;
            }
        }
    }

    /// <summary>
    /// A local declaration's variables. Apart from the switch that finds it: a lambda there capturing the declaration made
    /// the switch allocate its captures for every node it was shown (14 MB on PowerShell's 1,190-file change).
    /// </summary>
    private static void AddLocals(LocalDeclarationStatementSyntax local, List<Declared> found)
    {
        var (kind, label) = local.IsConst ? (Kind.LocalConstant, "Local constant") : (Kind.Local, "Local");
        foreach (var variable in local.Declaration.Variables)
        {
            found.Add(new Declared(variable.Identifier, kind, label, variable));
        }
    }

    private static void AddFields(FieldDeclarationSyntax field, List<Declared> found)
    {
        var modifiers = field.Modifiers;
        var isConst = modifiers.Any(SyntaxKind.ConstKeyword);
        var visibility = modifiers.Any(SyntaxKind.PublicKeyword) ? "Public"
            : modifiers.Any(SyntaxKind.ProtectedKeyword) ? "Protected"
            : modifiers.Any(SyntaxKind.InternalKeyword) ? "Internal"
            : null;
        var isStatic = modifiers.Any(SyntaxKind.StaticKeyword);
        var isReadOnly = modifiers.Any(SyntaxKind.ReadOnlyKeyword);
        foreach (var variable in field.Declaration.Variables)
        {
            var declared = (isConst, visibility, isStatic) switch
            {
                (true, _, _) => new Declared(variable.Identifier, Kind.Constant, "Constant", variable),
                (false, { } label, _) => new Declared(variable.Identifier, Kind.VisibleField, label + " field", variable) { IsPublic = label == "Public", IsReadOnly = isReadOnly },
                (false, null, true) => new Declared(variable.Identifier, Kind.PrivateStaticField, "Private static field", variable) { IsReadOnly = isReadOnly },
                _ => new Declared(variable.Identifier, Kind.PrivateField, "Private field", variable),
            };
            found.Add(declared);
        }
    }

    /// <summary><c>__</c>, and <c>_1</c>, <c>_2</c> for the lambda parameters a callback does not use: names that say "unused".</summary>
    private static bool IsDiscardLike(string name) =>
        name[0] == '_' && !name.AsSpan(1).TrimStart('_').ContainsAnyExceptInRange('0', '9');

    private static (string Message, string Suggestion)? Judge(Declared declared, FileConventions conventions)
    {
        var identifier = declared.Identifier;
        var name = identifier.ValueText;
        if (identifier.Text.StartsWith('@') || name.Length <= 1 || IsDiscardLike(name))
        {
            return null;
        }

        var style = IdentifierStyle.Of(name, fieldPrefixes: declared.Kind is Kind.PrivateField or Kind.PrivateStaticField or Kind.VisibleField);
        var (suggestion, convention) = declared.Kind switch
        {
            // `private static event EventHandler s_bindingFailed;` is a private field, named like its neighbours.
            Kind.Event when IsPrivateEventField(declared.Node) && IdentifierStyle.Of(name, fieldPrefixes: true) is { Case: CaseStyle.Camel, Prefix: "_" or "s_" or "m_" } => default,
            Kind.Type or Kind.Property or Kind.Event or Kind.EnumMember =>
                style.IsPascalLike ? default : (IdentifierStyle.ToPascal(name), ConventionFor(declared.Kind)),
            Kind.Method =>
                style.IsPascalLike || (style.Case == CaseStyle.MixedUnderscores && char.IsUpper(name[0]) && conventions.AcceptsUnderscoredMethods)
                    ? default
                    : (IdentifierStyle.ToPascal(name), ConventionFor(declared.Kind)),
            Kind.LocalFunction =>
                style.IsPascalLike || style.IsCamel ? default : (IdentifierStyle.ToPascal(name), ConventionFor(Kind.Method)),
            Kind.Interface => JudgeInterface(name),
            Kind.VisibleField =>
                style.IsPascalLike
                || (!declared.IsPublic && conventions.IsPrivateFieldStyle(style))
                || (declared.IsReadOnly && style.Case == CaseStyle.Screaming && !style.IsPrefixed && conventions.AcceptsScreamingConstants)
                    ? default
                    : (IdentifierStyle.ToPascal(style.Body), "C# non-private fields are PascalCase"),
            Kind.Constant =>
                style.IsPascalLike || (style.Case == CaseStyle.Screaming && !style.IsPrefixed && conventions.AcceptsScreamingConstants)
                    ? default
                    : (IdentifierStyle.ToPascal(style.Body), "C# constants are PascalCase"),
            Kind.LocalConstant =>
                style.IsPascalLike || style.IsCamel || (style.Case == CaseStyle.Screaming && !style.IsPrefixed && conventions.AcceptsScreamingConstants)
                    ? default
                    : (IdentifierStyle.ToPascal(name), "C# constants are PascalCase"),
            // A primary constructor's parameters are the type's fields: `_camelCase` says so on purpose.
            Kind.Parameter when declared.Node.Parent?.Parent is TypeDeclarationSyntax and not RecordDeclarationSyntax
                && style is { Prefix: "_", Case: CaseStyle.Camel } => default,
            Kind.Local or Kind.Parameter or Kind.RangeVariable =>
                style.IsCamel ? default : (IdentifierStyle.ToCamel(name), ConventionFor(declared.Kind)),
            Kind.PrivateField => JudgePrivateField(style, conventions),
            Kind.PrivateStaticField => JudgePrivateStaticField(style, declared.IsReadOnly, conventions),
            _ => default,
        };

        // A name that dodges a keyword (`_default`, `Event`) has no better conventional spelling.
        if (suggestion is null || string.Equals(suggestion, name, StringComparison.Ordinal) || IdentifierStyle.Escape(suggestion) != suggestion)
        {
            return null;
        }

        var shown = declared.Kind == Kind.Interface && style.IsPascalLike ? "PascalCase without the `I` prefix" : style.Display;
        return ($"{declared.Label} `{name}` is {shown}; {convention}: `{suggestion}`.", suggestion);
    }

    private static (string? Suggestion, string? Convention) JudgeInterface(string name)
    {
        var hasPrefix = name.Length >= 2 && name[0] == 'I' && char.IsUpper(name[1]);
        if (hasPrefix && IdentifierStyle.Of(name[1..]).IsPascalLike)
        {
            return default;
        }

        return ("I" + IdentifierStyle.ToPascal(hasPrefix ? name[1..] : name), "C# interfaces are `I` + PascalCase");
    }

    private static (string? Suggestion, string? Convention) JudgePrivateField(IdentifierStyle style, FileConventions conventions)
    {
        if (conventions.IsPrivateFieldStyle(style) || (style.IsPascalLike && conventions.PascalPrivateFieldsDominate))
        {
            return default;
        }

        var prefix = conventions.PrivateFieldPrefix ?? "_";
        var convention = conventions.PrivateFieldPrefix is null
            ? "C# private fields are camelCase or _camelCase"
            : $"this file names its private fields {PrefixDisplay(conventions.PrivateFieldPrefix)}";
        return (prefix + IdentifierStyle.ToCamel(style.Body), convention);
    }

    private static (string? Suggestion, string? Convention) JudgePrivateStaticField(IdentifierStyle style, bool isReadOnly, FileConventions conventions)
    {
        var accepted = style.IsPascalLike
            || (style.Case == CaseStyle.Camel && style.Prefix is "" or "_" or "m_" or "s_" or "t_")
            || (style.Case == CaseStyle.Screaming && !style.IsPrefixed && conventions.AcceptsScreamingConstants);
        if (accepted)
        {
            return default;
        }

        return isReadOnly
            ? (IdentifierStyle.ToPascal(style.Body), "C# static readonly fields are PascalCase")
            : ((conventions.PrivateFieldPrefix == "_" ? "s_" : conventions.PrivateFieldPrefix ?? "s_") + IdentifierStyle.ToCamel(style.Body), "C# private static fields are s_camelCase or PascalCase");
    }

    private static string PrefixDisplay(string prefix) => prefix + "camelCase";

    private static string ConventionFor(Kind kind) => kind switch
    {
        Kind.Type => "C# type names are PascalCase",
        Kind.Method => "C# methods are PascalCase",
        Kind.Property => "C# properties are PascalCase",
        Kind.Event => "C# events are PascalCase",
        Kind.EnumMember => "C# enum members are PascalCase",
        Kind.Local => "C# locals are camelCase",
        Kind.Parameter => "C# parameters are camelCase",
        Kind.RangeVariable => "C# query variables are camelCase",
        _ => "C# names follow the .NET conventions",
    };

    private static string TypeLabel(BaseTypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "Record struct",
        RecordDeclarationSyntax => "Record",
        StructDeclarationSyntax => "Struct",
        EnumDeclarationSyntax => "Enum",
        _ => "Class",
    };

    /// <summary>
    /// A name the author chose against the convention on purpose: where naming checks are turned off
    /// (<see cref="NamingSuppressions"/>), a parameter its method's attributes name as a template's placeholder, or a name
    /// copied from what the declaration stands for (<see cref="MirrorsNativeType"/>, <see cref="ForwardsToSameName"/>).
    /// </summary>
    private static bool IsChosenOnPurpose(CSharpRuleContext context, Declared declared) =>
        NamingSuppressions.Of(context).Covers(declared.Identifier.SpanStart)
        || (declared.Node is ParameterSyntax { Parent.Parent: BaseMethodDeclarationSyntax method } && NamesPlaceholder(method.AttributeLists, declared.Identifier.ValueText))
        || MirrorsNativeType(declared)
        || MirrorsNativeImports(context, declared)
        || ForwardsToSameName(declared)
        || SpellsItsValue(declared);

    /// <summary><c>private const string macOS = nameof(macOS);</c> (or <c>= "macOS"</c>): the name is spelled as the value it gives.</summary>
    private static bool SpellsItsValue(Declared declared) =>
        declared.Node is VariableDeclaratorSyntax { Initializer.Value: var value }
        && value switch
        {
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments: [{ Expression: IdentifierNameSyntax named }] } =>
                named.Identifier.ValueText == declared.Identifier.ValueText,
            LiteralExpressionSyntax { Token.ValueText: var text } => text == declared.Identifier.ValueText,
            _ => false,
        };

    /// <summary>
    /// A member of a struct or enum named in capitals, as Win32 names them (<c>ENHMETARECORD.iType</c>, <c>CADWORD.cElems</c>,
    /// <c>HRESULT.S_OK</c>): it mirrors the native layout or constant, names included, whether or not it says
    /// <c>[StructLayout]</c>.
    /// </summary>
    private static bool MirrorsNativeType(Declared declared) =>
        declared.Kind is not (Kind.Type or Kind.Interface or Kind.Local or Kind.LocalConstant or Kind.LocalFunction or Kind.Parameter or Kind.RangeVariable)
        && declared.Container is StructDeclarationSyntax or EnumDeclarationSyntax
        && ((BaseTypeDeclarationSyntax)declared.Container).Identifier.ValueText is { Length: >= 3 } type
        && type.Any(char.IsLetter) && !type.Any(char.IsLower);

    /// <summary>
    /// A type, field, constant or property of a file that imports native functions (<c>[DllImport(…)]</c>,
    /// <c>[LibraryImport(…)]</c>: <see cref="InteropAttributes"/>): it mirrors the native library's names (MonoGame's
    /// <c>FreeTypeAPI.cs</c>: <c>FT_Pixel_Mode</c>, <c>MGG_GraphicsSystem</c>).
    /// </summary>
    private static bool MirrorsNativeImports(CSharpRuleContext context, Declared declared) =>
        declared.Kind is Kind.Type or Kind.VisibleField or Kind.PrivateField or Kind.PrivateStaticField or Kind.Constant or Kind.EnumMember or Kind.Property
        && context.Fact(file => new NativeImports(SinkSyntax.TextOf(file.Tree) is var text
            && InteropAttributes.Any(attribute => text.Contains(attribute + "(", StringComparison.Ordinal)))).Declared;

    /// <summary>Whether the file imports native functions, kept as a file fact.</summary>
    private sealed record NativeImports(bool Declared);

    /// <summary>
    /// A method or property that hands on to a member of the same name takes that member's name: WinForms' IAccessible
    /// wrapper (<c>public void accSelect(int flags, object child) => Execute(a => a.accSelect(flags, child))</c>), a test
    /// accessor's <c>_start => Dynamic._start</c>.
    /// </summary>
    private static bool ForwardsToSameName(Declared declared) =>
        declared.Node is MethodDeclarationSyntax or PropertyDeclarationSyntax
        && declared.Node.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Any(access =>
            access.Name.Identifier.ValueText == declared.Identifier.ValueText && access.Expression is not ThisExpressionSyntax);

    /// <summary>
    /// <c>[LoggerMessage(Message = "Opened connection to {Host}:{Port}")] static partial void Opened(ILogger logger, string
    /// Host, int Port)</c>: the source generator matches parameters to the template's placeholders, and their names are the
    /// structured log's property names.
    /// </summary>
    private static bool NamesPlaceholder(SyntaxList<AttributeListSyntax> attributes, string name) =>
        attributes.SelectMany(list => list.Attributes).SelectMany(attribute => attribute.ArgumentList?.Arguments ?? [])
            .Any(argument => argument.Expression is LiteralExpressionSyntax { Token.ValueText: var template }
                && template.Split('{').Skip(1).Any(placeholder => placeholder.StartsWith(name, StringComparison.Ordinal)
                    && placeholder.Length > name.Length && placeholder[name.Length] is '}' or ':' or ','));

    private static bool IsPrivateEventField(SyntaxNode node) =>
        node is VariableDeclaratorSyntax { Parent.Parent: EventFieldDeclarationSyntax field }
        && !field.Modifiers.Any(modifier => modifier.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.ProtectedKeyword or SyntaxKind.InternalKeyword);

    /// <summary>Overrides and explicit implementations take their names from elsewhere.</summary>
    private static bool IsBoundByOthers(SyntaxTokenList modifiers, ExplicitInterfaceSpecifierSyntax? explicitInterface) =>
        explicitInterface is not null || modifiers.Any(SyntaxKind.OverrideKeyword);

    /// <summary><c>saveButton_Click(object sender, EventArgs e)</c>: the name the Visual Studio designer gives event handlers.</summary>
    private static bool IsEventHandler(MethodDeclarationSyntax method) =>
        method.ParameterList.Parameters is [{ Type: { } sender }, { Type: { } args }]
        && sender is PredefinedTypeSyntax { Keyword.ValueText: "object" } or NullableTypeSyntax { ElementType: PredefinedTypeSyntax { Keyword.ValueText: "object" } }
        && args.ToString().EndsWith("EventArgs", StringComparison.Ordinal);

    /// <summary>P/Invoke declarations mirror native names.</summary>
    private static bool IsExtern(SyntaxTokenList modifiers, SyntaxList<AttributeListSyntax> attributes) =>
        modifiers.Any(SyntaxKind.ExternKeyword) || Attributes.HasAny(attributes, InteropAttributes);

    /// <summary>Fields of <c>[StructLayout]</c> types mirror a native layout and its names.</summary>
    private static bool IsInteropLayout(FieldDeclarationSyntax field) =>
        field.Parent is TypeDeclarationSyntax type && Attributes.Has(type.AttributeLists, "StructLayout");

    private static bool IsOwnParameter(ParameterSyntax parameter) =>
        parameter.Identifier.IsKind(SyntaxKind.IdentifierToken) && parameter.Parent?.Parent switch
        {
            RecordDeclarationSyntax => false,
            MethodDeclarationSyntax method => !IsBoundByOthers(method.Modifiers, method.ExplicitInterfaceSpecifier) && !IsExtern(method.Modifiers, method.AttributeLists),
            LocalFunctionStatementSyntax function => !IsExtern(function.Modifiers, function.AttributeLists),
            IndexerDeclarationSyntax indexer => !IsBoundByOthers(indexer.Modifiers, indexer.ExplicitInterfaceSpecifier),
            TypeDeclarationSyntax type => !InitializesSameNamedMember(type, parameter.Identifier.ValueText),
            ConstructorDeclarationSyntax { Parent: TypeDeclarationSyntax type } => !InitializesSameNamedMember(type, parameter.Identifier.ValueText),
            _ => true,
        };

    /// <summary>
    /// <c>class Point(int X) { public int X { get; } = X; }</c>, or a constructor's <c>Point(int X) { this.X = X; }</c>, spells a
    /// record by hand: the parameter takes the member's name.
    /// </summary>
    private static bool InitializesSameNamedMember(TypeDeclarationSyntax type, string name) =>
        type.Members.Any(member => member switch
        {
            PropertyDeclarationSyntax property => property.Identifier.ValueText == name,
            FieldDeclarationSyntax field => field.Declaration.Variables.Any(variable => variable.Identifier.ValueText == name),
            _ => false,
        });

    /// <summary>
    /// Names in test code that are the test's data rather than its vocabulary, so a rename would
    /// change or defeat what the test checks: types nested in a test class and their members (the
    /// inputs handed to reflection, serializers, mappers and comparers: <c>private class lowerCased</c>
    /// checks ordinal ordering by name), and any name the file spells in a string literal or passes
    /// to <c>typeof</c>. Everything else in a test class is still judged: its own fields, properties
    /// and helpers (a <c>_scheduler</c> property reads as a field there as anywhere), and locals and
    /// parameters, which no test observes unless it spells their name in a string.
    /// </summary>
    private sealed class TestInputs(SyntaxNode root)
    {
        private readonly HashSet<string> observed = Observed(root);

        public bool Contains(Declared declared)
        {
            if (observed.Contains(declared.Identifier.ValueText))
            {
                return true;
            }

            return declared.Kind is not (Kind.Local or Kind.LocalConstant or Kind.Parameter or Kind.RangeVariable or Kind.LocalFunction)
                && declared.Node.AncestorsAndSelf().Any(node => node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax
                    && node.Parent is TypeDeclarationSyntax owner && TestCode.IsTestClass(owner));
        }

        private static HashSet<string> Observed(SyntaxNode root)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in root.DescendantNodes())
            {
                switch (node)
                {
                    case TypeOfExpressionSyntax typeOf:
                        names.Add(typeOf.Type.GetLastToken().ValueText);
                        break;
                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                        names.UnionWith(IdentifierWords.Tokens(literal.Token.ValueText));
                        break;
                    case InterpolatedStringTextSyntax text:
                        names.UnionWith(IdentifierWords.Tokens(text.TextToken.ValueText));
                        break;
                }
            }

            return names;
        }
    }

    /// <param name="Node">The declaring node, for the semantic model and for finding the siblings' container.</param>
    private sealed record Declared(SyntaxToken Identifier, Kind Kind, string Label, SyntaxNode Node)
    {
        /// <summary>The type (or enum) that declares it: siblings are the declarations of the same kind in the same container.</summary>
        public SyntaxNode? Container => Node.Ancestors().FirstOrDefault(ancestor => ancestor is BaseTypeDeclarationSyntax);

        public bool IsPublic { get; init; }

        public bool IsReadOnly { get; init; }
    }

    /// <summary>
    /// The style the sibling declarations already share: enum members of one enum, constants of one
    /// class, private fields of one class, methods of one class. A name written the way its siblings
    /// are written follows the code's own convention (<c>Category_Event</c> among 117 such members),
    /// which beats the language's default. The siblings the change did not add decide; when it added
    /// them all, only a whole consistent group of enum members or constants (names that usually mirror
    /// an outside protocol or API) is taken as deliberate.
    /// </summary>
    private sealed class SiblingStyles
    {
        private const int MinimumSiblings = 2;

        private static readonly string[] WireFormatMarkers =
            ["Json", "Serializ", "DataContract", "DataMember", "XmlElement", "XmlAttribute", "XmlRoot", "BsonElement", "ProtoMember", "MessagePack", "YamlMember"];

        private readonly Dictionary<(SyntaxNode? Container, Kind Kind), List<(Declared Declared, Signature Style, bool Added)>> groups = [];

        private readonly FileDeclarations file;

        private readonly CSharpRuleContext context;

        public SiblingStyles(FileDeclarations file, CSharpRuleContext context)
        {
            this.file = file;
            this.context = context;
        }

        /// <summary>The declarations of one kind in one container, with their styles; read from the file the first time they are asked for.</summary>
        private List<(Declared Declared, Signature Style, bool Added)> Group(SyntaxNode? container, Kind kind)
        {
            if (!groups.TryGetValue((container, kind), out var members))
            {
                members = [.. file.Group(container, kind).Select(declared => (declared, Signature.Of(declared), context.ChangedLines.IsAdded(context.LineOf(declared.Identifier.SpanStart))))];
                groups[(container, kind)] = members;
            }

            return members;
        }

        public bool Accepts(Declared declared)
        {
            var members = Group(declared.Container, declared.Kind);
            if (members.Count == 0)
            {
                return false;
            }

            var style = Signature.Of(declared);
            var others = members.Where(member => member.Declared != declared).ToList();
            var unchanged = others.Where(member => !member.Added).ToList();
            if (SharesMarker(declared, unchanged))
            {
                return true;
            }

            if (unchanged.Count >= MinimumSiblings)
            {
                var same = unchanged.Count(member => member.Style == style);
                return same >= MinimumSiblings && same * 3 >= unchanged.Count * 2;
            }

            // Too few existing siblings to learn from: a whole group of enum members or constants in
            // one style (`yadif`, `bwdif`; Vulkan's `SAMPLER`, `COMBINED_IMAGE_SAMPLER`) is taken as deliberate.
            return declared.Kind is Kind.EnumMember or Kind.Constant
                && others.Count >= 1
                && others.Count + 1 >= MinimumSiblings
                && others.All(member => Alike(member.Style, style));
        }

        /// <summary>The same style, one all-capital word (<c>SAMPLER</c>) counting as SCREAMING_CASE.</summary>
        private static bool Alike(Signature one, Signature other) =>
            one == other || (one.Prefix == other.Prefix && IsCapitals(one.Case) && IsCapitals(other.Case));

        private static bool IsCapitals(CaseStyle style) => style is CaseStyle.Screaming or CaseStyle.Upper;

        /// <summary>
        /// Properties of data-only types in a file that serializes, all spelt alike (<c>image_url</c>,
        /// <c>model</c>): they mirror a wire format's field names (JSON, XML, a database), which is
        /// the serializer's default mapping, not a slip.
        /// </summary>
        public bool MirrorsWireFormat(Declared declared, CSharpRuleContext context)
        {
            if (declared.Kind != Kind.Property || !IsDataOnly(declared.Container) || !Serializes(context))
            {
                return false;
            }

            var style = Signature.Of(declared);
            if (char.IsUpper(declared.Identifier.ValueText[0]))
            {
                return false;
            }

            var properties = file.Members
                .Where(member => member.Kind == Kind.Property && IsDataOnly(member.Container))
                .Select(member => Signature.Of(member))
                .ToList();
            var alike = properties.Count(member => member == style || (member.Case is CaseStyle.Camel or CaseStyle.Snake && style.Case is CaseStyle.Camel or CaseStyle.Snake));
            return properties.Count >= 3 && alike * 3 >= properties.Count * 2;
        }

        private static bool IsDataOnly(SyntaxNode? container) =>
            container is TypeDeclarationSyntax type and not InterfaceDeclarationSyntax
            && type.Members.Count > 0
            && type.Members.All(member => member is PropertyDeclarationSyntax { ExpressionBody: null } property
                && property.AccessorList?.Accessors.All(accessor => accessor.Body is null && accessor.ExpressionBody is null) == true);

        private static bool Serializes(CSharpRuleContext context)
        {
            var text = SinkSyntax.TextOf(context.Tree);
            return WireFormatMarkers.Any(marker => text.Contains(marker, StringComparison.Ordinal));
        }

        /// <summary>
        /// A PascalCase name with an underscore-separated marker its existing siblings also carry
        /// (<c>CloseCircuit_NeedsLock</c> beside <c>SetOutcome_NeedsLock</c>, <c>Legacy_Import</c> beside
        /// <c>Legacy_Export</c>): the marker is a convention of the code, even when a minority uses it.
        /// </summary>
        private static bool SharesMarker(Declared declared, List<(Declared Declared, Signature Style, bool Added)> unchanged)
        {
            var name = declared.Identifier.ValueText;
            var first = name.IndexOf('_', StringComparison.Ordinal);
            var last = name.LastIndexOf('_');
            if (first <= 0 || last >= name.Length - 1 || !char.IsUpper(name[0]) || !char.IsUpper(name[last + 1]))
            {
                return false;
            }

            var suffix = name[last..];
            var prefix = name[..(first + 1)];
            var names = unchanged.Select(member => member.Declared.Identifier.ValueText).ToList();
            return names.Count(other => other.EndsWith(suffix, StringComparison.Ordinal)) >= MinimumSiblings
                || names.Count(other => other.StartsWith(prefix, StringComparison.Ordinal)) >= MinimumSiblings;
        }

        /// <summary>What makes two names look alike: prefix, casing, and for underscore-joined names whether they start upper case.</summary>
        private readonly record struct Signature(string Prefix, CaseStyle Case, bool StartsUpper)
        {
            public static Signature Of(Declared declared)
            {
                var style = IdentifierStyle.Of(declared.Identifier.ValueText, fieldPrefixes: declared.Kind is Kind.PrivateField or Kind.PrivateStaticField or Kind.VisibleField);
                return new Signature(style.Prefix, style.Case, style.Body.Length > 0 && char.IsUpper(style.Body[0]));
            }
        }
    }

    /// <summary>
    /// The file's own choices where .NET allows several: private field prefix, constant casing. Read from
    /// the file's members and local constants the first time a judgement needs them (most names never do).
    /// </summary>
    private sealed class FileConventions(FileDeclarations file, CSharpRuleContext context)
    {
        private static readonly string[] PrefixPreference = ["_", "", "m_"];

        private Choices? choices;

        /// <summary>The dominant prefix of camelCase private instance fields, or null when the file has none.</summary>
        public string? PrivateFieldPrefix => Read.PrivateFieldPrefix;

        public bool PascalPrivateFieldsDominate => Read.PascalPrivateFieldsDominate;

        public bool AcceptsScreamingConstants => Read.AcceptsScreamingConstants;

        /// <summary>Most methods of the file are <c>Pascal_Pascal</c> (scenario or snippet names such as <c>Retry_V8</c>).</summary>
        public bool AcceptsUnderscoredMethods => Read.AcceptsUnderscoredMethods;

        private Choices Read => choices ??= From(file.Members.Concat(file.LocalConstants), context);

        private static Choices From(IEnumerable<Declared> declarations, CSharpRuleContext context)
        {
            var prefixVotes = new Dictionary<string, (int All, int Unchanged)>(StringComparer.Ordinal);
            var pascalFields = 0;
            var pascalConstants = 0;
            var screamingConstants = 0;
            var methods = 0;
            var underscoredMethods = 0;
            foreach (var declared in declarations)
            {
                var name = declared.Identifier.ValueText;
                switch (declared.Kind)
                {
                    case Kind.Method:
                        methods++;
                        underscoredMethods += IdentifierStyle.Of(name).Case == CaseStyle.MixedUnderscores && char.IsUpper(name[0]) ? 1 : 0;
                        break;
                    case Kind.PrivateField:
                        var style = IdentifierStyle.Of(name, fieldPrefixes: true);
                        if (style.Case == CaseStyle.Camel && PrefixPreference.Contains(style.Prefix, StringComparer.Ordinal))
                        {
                            var unchanged = context.ChangedLines.IsAdded(context.LineOf(declared.Identifier.SpanStart)) ? 0 : 1;
                            var votes = prefixVotes.GetValueOrDefault(style.Prefix);
                            prefixVotes[style.Prefix] = (votes.All + 1, votes.Unchanged + unchanged);
                        }
                        else if (style.IsPascalLike)
                        {
                            pascalFields++;
                        }

                        break;
                    case Kind.Constant or Kind.LocalConstant:
                    case Kind.PrivateStaticField or Kind.VisibleField when declared.IsReadOnly:
                        var constantStyle = IdentifierStyle.Of(name);
                        if (constantStyle.Case is CaseStyle.Screaming or CaseStyle.Upper)
                        {
                            screamingConstants++;
                        }
                        else if (constantStyle.Case == CaseStyle.Pascal)
                        {
                            pascalConstants++;
                        }

                        break;
                }
            }

            var ranked = prefixVotes
                .OrderByDescending(vote => vote.Value.All)
                .ThenByDescending(vote => vote.Value.Unchanged)
                .ThenBy(vote => Array.IndexOf(PrefixPreference, vote.Key))
                .ToList();
            return new Choices(
                ranked.Count > 0 ? ranked[0].Key : null,
                pascalFields > 0 && pascalFields > (ranked.Count > 0 ? ranked[0].Value.All : 0),
                screamingConstants > pascalConstants,
                underscoredMethods >= 2 && underscoredMethods * 2 > methods);
        }

        /// <summary>True when the style is a camelCase private field in the file's prefix (any of the usual prefixes when the file has none yet).</summary>
        public bool IsPrivateFieldStyle(IdentifierStyle style) =>
            style.Case == CaseStyle.Camel
            && (PrivateFieldPrefix is null
                ? PrefixPreference.Contains(style.Prefix, StringComparer.Ordinal)
                : string.Equals(style.Prefix, PrivateFieldPrefix, StringComparison.Ordinal));

        private sealed record Choices(string? PrivateFieldPrefix, bool PascalPrivateFieldsDominate, bool AcceptsScreamingConstants, bool AcceptsUnderscoredMethods);
    }

    /// <summary>
    /// The file's declarations as the naming judgements ask for them, each read at most once: the members
    /// (types, methods, properties, events, fields, enum members: a walk that stops at member bodies), the
    /// local constants (found from the text), and the declarations inside the bodies of one type.
    /// </summary>
    private sealed class FileDeclarations(CSharpRuleContext context)
    {
        private readonly Dictionary<SyntaxNode, List<Declared>> bodies = [];

        private List<Declared>? rootBodies;

        private List<Declared>? members;

        private List<Declared>? localConstants;

        private Dictionary<(SyntaxNode? Container, Kind Kind), List<Declared>>? memberGroups;

        public List<Declared> Members => members ??= CollectMembers();

        public List<Declared> LocalConstants => localConstants ??= CollectLocalConstants();

        /// <summary>Every declaration of the kind whose nearest enclosing type is the container (null: outside any type).</summary>
        public List<Declared> Group(SyntaxNode? container, Kind kind)
        {
            if (IsMemberKind(kind))
            {
                memberGroups ??= Members.GroupBy(declared => (declared.Container, declared.Kind)).ToDictionary(group => group.Key, group => group.ToList());
                return memberGroups.TryGetValue((container, kind), out var group) ? group : [];
            }

            return [.. InsideBodies(container).Where(declared => declared.Kind == kind && declared.Container == container)];
        }

        /// <summary>Kinds declared only as members of a type or namespace, never inside a body.</summary>
        private static bool IsMemberKind(Kind kind) =>
            kind is not (Kind.Local or Kind.LocalConstant or Kind.LocalFunction or Kind.Parameter or Kind.RangeVariable);

        private List<Declared> CollectMembers()
        {
            var found = new List<Declared>();
            Collect(context.Root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or BaseTypeDeclarationSyntax && !IsGeneratedMember(node)), found);
            return found;
        }

        /// <summary>Local constants, found where the text says <c>const</c> (rare) rather than by walking every body.</summary>
        private List<Declared> CollectLocalConstants()
        {
            var found = new List<Declared>();
            var text = SinkSyntax.TextOf(context.Tree);
            for (var index = text.IndexOf("const", StringComparison.Ordinal); index >= 0; index = text.IndexOf("const", index + 1, StringComparison.Ordinal))
            {
                var token = context.Root.FindToken(index);
                if (token.SpanStart == index && token.IsKind(SyntaxKind.ConstKeyword) && token.Parent is LocalDeclarationStatementSyntax local
                    && !local.Ancestors().Any(IsGeneratedMember))
                {
                    Collect([local], found);
                }
            }

            return found;
        }

        /// <summary>Everything declared inside the container (the whole file for null), read the first time a body-level kind of it is asked for.</summary>
        private List<Declared> InsideBodies(SyntaxNode? container)
        {
            if (container is null)
            {
                return rootBodies ??= CollectBelow(context.Root);
            }

            if (!bodies.TryGetValue(container, out var found))
            {
                found = CollectBelow(container);
                bodies[container] = found;
            }

            return found;
        }

        private static List<Declared> CollectBelow(SyntaxNode node)
        {
            var found = new List<Declared>();
            Collect(node.DescendantNodes(child => !IsGeneratedMember(child)), found);
            return found;
        }
    }
}
