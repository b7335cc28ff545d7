using PrReviewBot.Engine.Detection.Taint;

namespace PrReviewBot.Engine.Languages.CSharp.Security.Catalogues;

/// <summary>
/// Where text becomes code the server compiles or runs: Razor templates (RazorEngine), C# scripting,
/// CodeDOM compilers, and assemblies loaded by a path or name. The value checked is the source text,
/// template or assembly path.
/// </summary>
public static class CodeInjectionSinks
{
    public static SinkCatalogue Catalogue { get; } = new(
        VulnerabilityFamily.CodeInjection,
        [
            Sink.Static("Razor", "Parse", 0, "razorTemplate"),
            Sink.Static("Razor", "Compile", 0, "razorTemplate"),
            Sink.Call("IRazorEngineService", "RunCompile", 0, "templateSource", "razor", "engine"),
            Sink.Call("IRazorEngineService", "Compile", 0, "templateSource", "razor", "engine"),
            Sink.Call("IRazorEngineService", "AddTemplate", 1, "templateSource", "razor", "engine"),
            Sink.Static("CSharpScript", "EvaluateAsync", 0, "code"),
            Sink.Static("CSharpScript", "RunAsync", 0, "code"),
            Sink.Static("CSharpScript", "Create", 0, "code"),
            Sink.Call("CodeDomProvider", "CompileAssemblyFromSource", 1, "sources", "provider", "compiler"),
            Sink.Call("CSharpCodeProvider", "CompileAssemblyFromSource", 1, "sources", "provider", "compiler"),
            Sink.Call("VBCodeProvider", "CompileAssemblyFromSource", 1, "sources", "provider", "compiler"),
            Sink.Static("CSharpSyntaxTree", "ParseText", 0, "text"),
            Sink.Static("Assembly", "LoadFrom", 0, "assemblyFile") with { OnlyStrings = true },
            Sink.Static("Assembly", "LoadFile", 0, "path") with { OnlyStrings = true },
            Sink.Static("Assembly", "Load", 0, "assemblyString") with { OnlyStrings = true },
        ],
        [])
    {
        Markers = ["Razor", "CSharpScript", "CompileAssemblyFromSource", "CSharpSyntaxTree", "Assembly"],
    };
}
