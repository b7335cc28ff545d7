using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A FastAPI endpoint that receives a file upload (multipart form) but reads its other fields
/// with <c>Body()</c> (JSON, which a multipart request cannot carry) or with a Pydantic model
/// through <c>Depends()</c> (query parameters, which put the data in URLs and logs).
/// </summary>
public sealed class FastApiUploadFormRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/fastapi-upload-form",
        "FastAPI upload fields not read as Form",
        Category.Security,
        Severity.Warning,
        "An upload endpoint receives multipart form data: a `Body()` field expects JSON and breaks or gets bypassed, and a model read through `Depends()` comes from the query string, so its values land in URLs, proxies and access logs.",
        "Read the other fields of an upload with `Form()` (a model can be parsed from a `Form()` field with Pydantic validators).");

    private static readonly HashSet<string> RouteMethods = new(StringComparer.Ordinal) { "post", "put", "patch", "delete", "api_route" };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        if (!module.Imports.Any(import => import.Module.Split('.')[0] is "fastapi"))
        {
            return;
        }

        foreach (var function in module.Functions)
        {
            if (!IsRoute(function) || function.Parameters.Count == 0)
            {
                continue;
            }

            var defaults = function.Parameters.ToDictionary(parameter => parameter, parameter => DefaultCall(module, parameter));
            var takesFile = function.Parameters.Any(parameter =>
                parameter.Annotation?.Contains("UploadFile", StringComparison.Ordinal) == true
                || defaults[parameter] is { } made && Resolved(module, function, made) == "fastapi.File");
            if (!takesFile)
            {
                continue;
            }

            foreach (var parameter in function.Parameters)
            {
                if (defaults[parameter] is not { } made)
                {
                    continue;
                }

                var resolved = Resolved(module, function, made);
                if (resolved == "fastapi.Body")
                {
                    context.Report(this, parameter.Line, parameter.Line, $"`{parameter.Name}` of the upload endpoint `{function.Name}` is read with `Body()`, which expects JSON in a multipart request; use `Form()`.");
                }
                else if (resolved == "fastapi.Depends" && parameter.Annotation is { } annotation && IsModelDependency(module, made, annotation))
                {
                    context.Report(this, parameter.Line, parameter.Line, $"`{parameter.Name}: {annotation}` of the upload endpoint `{function.Name}` is read through `Depends()` from the query string; read it with `Form()`.");
                }
            }
        }
    }

    /// <summary>
    /// <c>Depends()</c> or <c>Depends(Model)</c> with a Pydantic model of this module: the model's fields become
    /// query parameters. <c>Depends(function)</c> and class-based services are real dependencies.
    /// </summary>
    private static bool IsModelDependency(PythonModule module, PyCall made, string annotation)
    {
        var model = made.Arguments switch
        {
            [] => annotation.Trim(),
            [{ Keyword: null, Value: PyName dependency }] => dependency.Id,
            _ => null,
        };
        return model is not null && module.Classes.Any(definition => definition.Name == model
            && definition.Bases.Any(baseName => baseName.Trim().EndsWith("BaseModel", StringComparison.Ordinal)));
    }

    /// <summary>The call that is a parameter's default (<c>Body(...)</c>, <c>File(...)</c>), read from the def header.</summary>
    private static PyCall? DefaultCall(PythonModule module, PythonParameter parameter)
    {
        if (parameter.Default is null)
        {
            return null;
        }

        var call = module.Calls
            .Where(candidate => candidate.Line == parameter.Line && candidate.Column > parameter.Column
                && parameter.Default.TrimStart().StartsWith(candidate.Callee, StringComparison.Ordinal))
            .MinBy(candidate => candidate.Column);
        return call is null ? null : module.Values.Of(call);
    }

    private static string? Resolved(PythonModule module, PythonDefinition function, PyCall made) =>
        made.Function.DottedName is { } name ? module.Values.Resolve(name, function.Parent, function.Line) : null;

    private static bool IsRoute(PythonDefinition function) => function.Decorators.Any(decorator =>
    {
        var text = decorator.Text.Trim();
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var callee = open < 0 ? text : text[..open];
        var dot = callee.LastIndexOf('.');
        return dot > 0 && RouteMethods.Contains(callee[(dot + 1)..]);
    });
}
