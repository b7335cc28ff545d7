using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// Numbers, booleans, dates, GUIDs and enums: values that cannot carry an injection payload
/// once they are typed, whatever their origin.
/// </summary>
public static class ScalarTypes
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "int", "long", "short", "byte", "sbyte", "uint", "ulong", "ushort", "decimal", "double", "float", "bool",
        "Int32", "Int64", "Int16", "Byte", "SByte", "UInt32", "UInt64", "UInt16", "Decimal", "Double", "Single", "Boolean",
        "Guid", "DateTime", "DateTimeOffset", "TimeSpan", "DateOnly", "TimeOnly", "BigInteger", "Half",
    };

    /// <summary>True for a type name such as <c>int</c>, <c>Guid</c> or <c>DateTime?</c>.</summary>
    public static bool IsScalarName(string? typeName) =>
        typeName is not null && Names.Contains(typeName.TrimEnd('?'));

    /// <summary>True for a type written in source as a scalar.</summary>
    public static bool IsScalarSyntax(TypeSyntax? type) =>
        type is not null && IsScalarName(TypeNames.Simple(type));

    /// <summary>True when the expression's type is a scalar, by the model or, when that fails, by its declaration.</summary>
    public static bool IsScalar(ExpressionSyntax expression, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(model);
        var type = model.GetTypeInfo(expression).Type;
        if (type is not null and not IErrorTypeSymbol)
        {
            return IsScalarType(type);
        }

        return expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
            && IsScalarName(TypeNames.Of(expression, model));
    }

    private static bool IsScalarType(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return IsScalarType(nullable.TypeArguments[0]);
        }

        return type.TypeKind == TypeKind.Enum
            || type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_Double and not SpecialType.System_Char
            || type.SpecialType == SpecialType.System_DateTime
            || Names.Contains(type.Name);
    }
}
