using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

/// <summary>
/// Recognises test classes (xUnit, NUnit, MSTest, and BenchmarkDotNet benchmarks) by their attributes: their method names
/// may use underscores, and they are not public API that needs documentation.
/// </summary>
internal static class TestCode
{
    private static readonly string[] TestMethodAttributes =
        ["Fact", "Theory", "Test", "TestMethod", "DataTestMethod", "TestCase", "TestCaseSource", "SkippableFact", "SkippableTheory", "Benchmark"];

    private static readonly string[] TestClassAttributes = ["TestClass", "TestFixture"];

    public static bool IsTestMethod(MethodDeclarationSyntax method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return Attributes.HasAny(method.AttributeLists, TestMethodAttributes);
    }

    /// <summary>True when the type is marked as a test class or declares a test method.</summary>
    public static bool IsTestClass(TypeDeclarationSyntax type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Attributes.HasAny(type.AttributeLists, TestClassAttributes)
            || type.Members.OfType<MethodDeclarationSyntax>().Any(IsTestMethod);
    }

    /// <summary>True when the node is inside (or is) a test class.</summary>
    public static bool IsInTestClass(Microsoft.CodeAnalysis.SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Any(IsTestClass);
    }
}
