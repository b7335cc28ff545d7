using System.Runtime.CompilerServices;
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

    // Rules ask this of the enclosing class for every one of its members, and a test class has hundreds of
    // test methods: answered once per class (for as long as its tree lives), each question costs no scan.
    private static readonly ConditionalWeakTable<TypeDeclarationSyntax, object> TestClasses = [];

    public static bool IsTestMethod(MethodDeclarationSyntax method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return Attributes.HasAny(method.AttributeLists, TestMethodAttributes);
    }

    /// <summary>True when the type is marked as a test class or declares a test method.</summary>
    public static bool IsTestClass(TypeDeclarationSyntax type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return (bool)TestClasses.GetValue(type, static declaration => Attributes.HasAny(declaration.AttributeLists, TestClassAttributes)
            || declaration.Members.OfType<MethodDeclarationSyntax>().Any(IsTestMethod));
    }

    /// <summary>True when the node is inside (or is) a test class.</summary>
    public static bool IsInTestClass(Microsoft.CodeAnalysis.SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Any(IsTestClass);
    }
}
