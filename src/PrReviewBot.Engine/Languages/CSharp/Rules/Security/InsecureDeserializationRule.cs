using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Serializers that let the payload choose which type to instantiate: BinaryFormatter and its
/// relatives, Json.NET with <c>TypeNameHandling</c> other than <c>None</c>, JavaScriptSerializer
/// with a <c>SimpleTypeResolver</c>, and serializers built from a type name chosen at run time.
/// </summary>
public sealed class InsecureDeserializationRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/insecure-deserialization",
        "Deserialization that lets the input choose the type",
        Category.Security,
        Severity.Error,
        "A serializer that reads type names from its input will construct any type the attacker names; gadget chains in the framework turn that into remote code execution.",
        "Use System.Text.Json or a serializer bound to known types (DataContractSerializer, XmlSerializer(typeof(T))); with Json.NET keep TypeNameHandling.None or restrict types with an ISerializationBinder.");

    /// <summary>Formatters Microsoft documents as unsafe for any untrusted input, whatever the settings.</summary>
    private static readonly HashSet<string> DangerousFormatters = new(StringComparer.Ordinal)
    {
        "BinaryFormatter", "SoapFormatter", "NetDataContractSerializer", "LosFormatter", "ObjectStateFormatter",
    };

    private static readonly HashSet<string> DeserializeMethods = new(StringComparer.Ordinal)
    {
        "Deserialize", "UnsafeDeserialize", "UnsafeDeserializeMethodResponse", "ReadObject",
    };

    private static readonly string[] Words =
    [
        "BinaryFormatter", "SoapFormatter", "NetDataContractSerializer", "LosFormatter", "ObjectStateFormatter", "TypeNameHandling",
        "JavaScriptSerializer", "XmlSerializer", "DataContractJsonSerializer", "DataContractSerializer", "TypeFilterLevel", "Deserialize",
        "ReadObject", "FsPickler", "BadListTypeChecking", "SimpleTypeResolver",
    ];

    private static readonly HashSet<string> TypeBoundSerializers = new(StringComparer.Ordinal)
    {
        "XmlSerializer", "DataContractJsonSerializer", "DataContractSerializer",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var createdTypes = new HashSet<string>(StringComparer.Ordinal);
        var calls = new List<InvocationExpressionSyntax>();
        var nodes = SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, Words);
        foreach (var node in nodes)
        {
            switch (node)
            {
                case BaseObjectCreationExpressionSyntax creation:
                    AnalyzeCreation(context, creation, createdTypes);
                    break;
                case InvocationExpressionSyntax invocation when TypeNames.InvokedName(invocation) is { } name && DeserializeMethods.Contains(name):
                    calls.Add(invocation);
                    break;
                case InvocationExpressionSyntax invocation when IsPicklerFactory(invocation):
                    context.Report(this, invocation, $"`{SecurityPatterns.Code(invocation)}` creates an FsPickler serializer, which records and instantiates whatever .NET types the payload names; untrusted data leads to remote code execution.");
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "BadListTypeChecking" } } assignment when SecurityPatterns.IsFalse(assignment.Right):
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "BadListTypeChecking" } } memberAssignment when SecurityPatterns.IsFalse(memberAssignment.Right):
                    var set = (AssignmentExpressionSyntax)node;
                    SecurityPatterns.ReportWithFix(
                        context,
                        this,
                        set,
                        set.Right.Span,
                        "true",
                        "`BadListTypeChecking = false` lets fastJSON instantiate the `$type` a payload names inside lists, a known remote code execution gadget path.");
                    break;
                case AssignmentExpressionSyntax assignment when SecurityPatterns.SimpleName(assignment.Left) == "TypeNameHandling":
                    AnalyzeTypeNameHandling(context, assignment);
                    break;
                case MemberAccessExpressionSyntax member:
                    AnalyzeEnumValue(context, member);
                    break;
            }
        }

        if (SinkSyntax.Mentions(context.Tree, "Serializable"))
        {
            // Types hold types only, so the walk stays among declarations; only a changed type can hold a changed constructor.
            var types = context.Root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                .OfType<TypeDeclarationSyntax>()
                .Where(context.TouchesChange);
            foreach (var type in types)
            {
                AnalyzeSerializableType(context, type);
            }
        }

        // The file's creations also count where the change did not touch them: new code calls a formatter old code made.
        HashSet<string>? createdInFile = context.AnalyzesWholeFile ? createdTypes : null;
        foreach (var call in calls)
        {
            // One finding per formatter: the creation when this file makes it, otherwise the call.
            if (TypeNames.Receiver(call) is { } receiver
                && receiver is not BaseObjectCreationExpressionSyntax
                && TypeNames.Of(receiver, context.Model) is { } type
                && DangerousFormatters.Contains(type)
                && !(createdInFile ??= FormattersCreatedInFile(context)).Contains(type))
            {
                context.Report(this, call, $"`{SecurityPatterns.Code(call)}` deserializes with {type}, which instantiates whatever types the payload names; untrusted data leads to remote code execution.");
            }
        }
    }

    /// <summary>The dangerous formatters the whole file creates, for a file whose creations were only partly visited.</summary>
    private static HashSet<string> FormattersCreatedInFile(CSharpRuleContext context) =>
        SecurityPatterns.CandidateNodesInFile(context, StringComparison.Ordinal, Words)
            .OfType<BaseObjectCreationExpressionSyntax>()
            .Select(creation => CreatedType(context, creation))
            .OfType<string>()
            .Where(DangerousFormatters.Contains)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The created type's simple name, through an alias (<c>using JSS = System.Web.Script.Serialization.JavaScriptSerializer;</c>).</summary>
    private static string? CreatedType(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation)
    {
        var type = SecurityPatterns.CreatedTypeName(creation, context.Model);
        return type is not null && creation is ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax alias } && TypeNames.AliasTarget(alias) is { } aliased
            ? aliased
            : type;
    }

    private void AnalyzeCreation(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation, HashSet<string> createdTypes)
    {
        if (CreatedType(context, creation) is not { } type)
        {
            return;
        }

        if (DangerousFormatters.Contains(type))
        {
            createdTypes.Add(type);
            context.Report(this, creation, $"`{SecurityPatterns.Code(creation)}` creates a {type}, which instantiates whatever types the payload names; deserializing untrusted data with it leads to remote code execution.");
            return;
        }

        var arguments = creation.ArgumentList?.Arguments ?? default;
        if (type == "JavaScriptSerializer" && arguments.Any(argument => IsSimpleTypeResolver(argument.Expression, context.Model)))
        {
            context.Report(this, creation, $"`{SecurityPatterns.Code(creation)}` uses a SimpleTypeResolver, so the JSON's `__type` field chooses which .NET type to instantiate.");
            return;
        }

        if (TypeBoundSerializers.Contains(type) && arguments.Count > 0 && IsRuntimeChosenType(arguments[0].Expression, context.Model))
        {
            context.Report(this, creation, $"`{SecurityPatterns.Code(creation)}` builds a {type} for a type named at run time; when the name comes from input, the attacker picks the type to deserialize.");
        }
    }

    private void AnalyzeEnumValue(CSharpRuleContext context, MemberAccessExpressionSyntax member)
    {
        var enumName = SecurityPatterns.TypeLikeName(member.Expression);
        var value = member.Name.Identifier.ValueText;
        var unsafeValue = (enumName == "TypeNameHandling" && value is "All" or "Objects" or "Arrays" or "Auto")
            || (enumName == "TypeFilterLevel" && value == "Full");
        if (!unsafeValue || SecurityPatterns.IsOnlyCompared(member))
        {
            return;
        }

        var anchor = SecurityPatterns.Anchor(member);
        if (enumName == "TypeNameHandling")
        {
            SecurityPatterns.ReportWithFix(
                context,
                this,
                anchor,
                member.Name.Span,
                "None",
                $"`TypeNameHandling.{value}` makes Json.NET read `$type` from the JSON and instantiate that type; a crafted payload runs code during deserialization.");
        }
        else
        {
            SecurityPatterns.ReportWithFix(
                context,
                this,
                anchor,
                member.Name.Span,
                "Low",
                "`TypeFilterLevel.Full` lets .NET Remoting deserialize any type sent by the client, which is a known remote code execution vector.");
        }
    }

    /// <summary>
    /// <c>TypeNameHandling = (TypeNameHandling)3</c> hides an unsafe value behind a number; <c>TypeNameHandling = handling</c>
    /// with an action's parameter lets the request choose it.
    /// </summary>
    private void AnalyzeTypeNameHandling(CSharpRuleContext context, AssignmentExpressionSyntax assignment)
    {
        switch (SecurityPatterns.Unparenthesized(assignment.Right))
        {
            case CastExpressionSyntax cast when TypeNames.Simple(cast.Type) == "TypeNameHandling"
                && context.Model.GetConstantValue(cast.Expression) is { HasValue: true, Value: int value } && value != 0:
                context.Report(this, assignment, $"`{SecurityPatterns.Code(assignment)}` turns on Json.NET type names through a number; `$type` in the JSON then picks the type to instantiate, and a crafted payload runs code during deserialization.");
                break;
            case IdentifierNameSyntax name when UserInput.FindParameter(name) is { } parameter && UserInput.IsUserInputParameter(parameter):
                context.Report(this, assignment, $"`{SecurityPatterns.Code(assignment)}` lets the request choose Json.NET's TypeNameHandling; any value but None makes `$type` in the JSON pick the type to instantiate.");
                break;
        }
    }

    /// <summary>
    /// A [Serializable] type whose constructor checks its arguments, while nothing checks the fields
    /// when the object is deserialized: BinaryFormatter and its relatives never call that constructor,
    /// so a payload sets the values the constructor refuses. Checks in a deserialization constructor
    /// or in <c>OnDeserialization</c>/<c>[OnDeserialized]</c> count as validation.
    /// </summary>
    private void AnalyzeSerializableType(CSharpRuleContext context, TypeDeclarationSyntax type)
    {
        if (!type.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => TypeNames.Simple(attribute.Name) is "Serializable" or "SerializableAttribute")
            || type.BaseList?.Types.Any(baseType => TypeNames.Simple(baseType.Type).EndsWith("Exception", StringComparison.Ordinal)) == true)
        {
            // Exceptions are [Serializable] by convention and their constructors only tidy up messages.
            return;
        }

        var members = type.Members;
        var validatesOnDeserialization = members.Any(member => member switch
        {
            ConstructorDeclarationSyntax constructor => IsDeserializationConstructor(constructor) && HasCheck(constructor, null),
            MethodDeclarationSyntax method => IsDeserializationCallback(method) && HasCheck(method, null),
            _ => false,
        });
        if (validatesOnDeserialization)
        {
            return;
        }

        foreach (var constructor in members.OfType<ConstructorDeclarationSyntax>())
        {
            if (constructor.ParameterList.Parameters.Count == 0 || IsDeserializationConstructor(constructor) || constructor.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                continue;
            }

            var parameters = constructor.ParameterList.Parameters.Select(parameter => parameter.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
            if (HasCheck(constructor, parameters))
            {
                context.Report(this, context.LineOf(constructor.Identifier.SpanStart), context.LineOf(constructor.ParameterList.Span.End), $"`{type.Identifier.ValueText}` is [Serializable] and its constructor checks its arguments, but deserialization bypasses that constructor and nothing checks the fields afterwards; a payload can set the values the constructor refuses. Validate in a deserialization constructor or in `OnDeserialization`.");
            }
        }
    }

    private static bool IsDeserializationConstructor(ConstructorDeclarationSyntax constructor) =>
        constructor.ParameterList.Parameters is [{ Type: { } info }, { Type: { } streaming }]
        && TypeNames.Simple(info) == "SerializationInfo" && TypeNames.Simple(streaming) == "StreamingContext";

    private static bool IsDeserializationCallback(MethodDeclarationSyntax method) =>
        (method.Identifier.ValueText == "OnDeserialization" && method.ParameterList.Parameters.Count == 1)
        || method.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => TypeNames.Simple(attribute.Name) is "OnDeserialized" or "OnDeserializedAttribute");

    /// <summary>
    /// True when the member's body decides something: an if, a switch, a ternary, a <c>??</c> or a throw;
    /// with <paramref name="parameters"/>, only decisions that read one of them.
    /// </summary>
    private static bool HasCheck(BaseMethodDeclarationSyntax member, HashSet<string>? parameters)
    {
        SyntaxNode? body = (SyntaxNode?)member.Body ?? member.ExpressionBody;
        if (body is null)
        {
            return false;
        }

        foreach (var node in body.DescendantNodes(child => child is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            var decided = node switch
            {
                IfStatementSyntax statement => statement.Condition,
                ConditionalExpressionSyntax conditional => conditional.Condition,
                SwitchStatementSyntax statement => statement.Expression,
                SwitchExpressionSyntax expression => expression.GoverningExpression,
                WhenClauseSyntax clause => clause.Condition,
                BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.CoalesceExpression) => binary.Left,
                AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression) => assignment.Left,
                ThrowStatementSyntax or ThrowExpressionSyntax when parameters is null => node,
                _ => null,
            };
            if (decided is not null && (parameters is null || Reads(decided, parameters)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Reads(SyntaxNode expression, HashSet<string> names) =>
        expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(identifier => names.Contains(identifier.Identifier.ValueText));

    /// <summary><c>FsPickler.CreateBinarySerializer()</c>, <c>CreateJsonSerializer()</c>, <c>CreateXmlSerializer()</c>, <c>CreateBsonSerializer()</c>.</summary>
    private static bool IsPicklerFactory(InvocationExpressionSyntax invocation) =>
        TypeNames.InvokedName(invocation) is { } name
        && name.StartsWith("Create", StringComparison.Ordinal) && name.EndsWith("Serializer", StringComparison.Ordinal)
        && SecurityPatterns.TypeLikeName(TypeNames.Receiver(invocation)) is "FsPickler" or "FsPicklerJson" or "FsPicklerXml";

    private static bool IsSimpleTypeResolver(ExpressionSyntax expression, SemanticModel model) =>
        expression switch
        {
            ObjectCreationExpressionSyntax creation => TypeNames.Simple(creation.Type) == "SimpleTypeResolver",
            IdentifierNameSyntax => TypeNames.Of(expression, model) == "SimpleTypeResolver"
                || SecurityPatterns.InitializerOf(expression, ((IdentifierNameSyntax)expression).Identifier.ValueText) is ObjectCreationExpressionSyntax initializer
                    && TypeNames.Simple(initializer.Type) == "SimpleTypeResolver",
            _ => false,
        };

    /// <summary><c>Type.GetType(name)</c> with a non-constant name, directly or through a local.</summary>
    private static bool IsRuntimeChosenType(ExpressionSyntax expression, SemanticModel model)
    {
        var value = SecurityPatterns.Unparenthesized(expression);
        if (value is IdentifierNameSyntax identifier)
        {
            value = SecurityPatterns.InitializerOf(identifier, identifier.Identifier.ValueText);
        }

        if (value is not InvocationExpressionSyntax invocation
            || TypeNames.InvokedName(invocation) != "GetType"
            || invocation.ArgumentList.Arguments.Count == 0
            || TypeNames.Receiver(invocation) is not { } receiver)
        {
            return false;
        }

        var looksUpType = SecurityPatterns.TypeLikeName(receiver) is "Type" or "Assembly" or "Module"
            || TypeNames.Of(receiver, model) is "Assembly" or "Module";
        return looksUpType && !TypeNames.IsCompileTimeConstant(invocation.ArgumentList.Arguments[0].Expression, model);
    }
}
