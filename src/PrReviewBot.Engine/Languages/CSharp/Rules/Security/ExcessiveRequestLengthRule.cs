using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Request body limits lifted: <c>[DisableRequestSizeLimit]</c>, <c>[RequestSizeLimit(n)]</c> and
/// <c>[RequestFormLimits(MultipartBodyLengthLimit = n)]</c> above 8 MB, a Blazor
/// <c>OpenReadStream(n)</c> whose size times the files accepted exceeds 8 MB, and a server-wide
/// <c>MaxRequestBodySize = null</c> (or a form limit of <c>long.MaxValue</c>), which removes the limit for every endpoint.
/// </summary>
public sealed class ExcessiveRequestLengthRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/excessive-request-length",
        "Request size limit disabled or above 8 MB",
        Category.Security,
        Severity.Warning,
        "Every request body is read, buffered or written to disk before the action runs; an endpoint without a size limit (or with a very large one) lets a few clients exhaust memory, disk or bandwidth and take the service down.",
        "Keep the framework limits, and raise them only on the upload endpoints that need it, to the largest size they accept (`[RequestSizeLimit(…)]`, `[RequestFormLimits(MultipartBodyLengthLimit = …)]`); stream large uploads instead of buffering them.");

    /// <summary>8 MB: larger uploads should be a deliberate, per-endpoint decision.</summary>
    private const long Limit = 8 * 1024 * 1024;

    /// <summary>How many files <c>GetMultipleFiles()</c> accepts when not told.</summary>
    private const long DefaultFileCount = 10;

    private static readonly string[] Attributes = ["DisableRequestSizeLimit", "RequestSizeLimit", "RequestFormLimits"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "RequestSizeLimit", "RequestFormLimits", "OpenReadStream", "MaxRequestBodySize", "MultipartBodyLengthLimit"))
        {
            return;
        }

        var spellings = AttributeNames.Spellings(context.Root, Attributes);
        var words = spellings.Keys.Concat(["OpenReadStream", "MaxRequestBodySize", "MultipartBodyLengthLimit"]).ToArray();
        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, words))
        {
            switch (node)
            {
                case AttributeSyntax attribute:
                    AnalyzeAttribute(context, attribute, spellings);
                    break;
                case InvocationExpressionSyntax invocation when TypeNames.InvokedName(invocation) == "OpenReadStream":
                    AnalyzeOpenReadStream(context, invocation);
                    break;
                case AssignmentExpressionSyntax assignment when assignment.Parent is not AttributeArgumentSyntax:
                    AnalyzeAssignment(context, assignment);
                    break;
            }
        }
    }

    private void AnalyzeAttribute(CSharpRuleContext context, AttributeSyntax attribute, IReadOnlyDictionary<string, string> spellings)
    {
        var arguments = attribute.ArgumentList?.Arguments ?? default;
        switch (AttributeNames.Of(attribute, spellings))
        {
            case "DisableRequestSizeLimit":
                context.Report(this, attribute, $"`[{SecurityPatterns.Code(attribute)}]` accepts request bodies of any size, so a few large requests can exhaust the server; set the largest size this endpoint needs with `[RequestSizeLimit(…)]`");
                break;
            case "RequestSizeLimit" when arguments is [var size] && size.NameEquals is null && Bytes(size.Expression, context.Model) is long bytes && bytes > Limit:
                context.Report(this, attribute, $"`[{SecurityPatterns.Code(attribute)}]` accepts request bodies of {Megabytes(bytes)}; keep the limit to what this endpoint needs");
                break;
            case "RequestFormLimits":
                var body = arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == "MultipartBodyLengthLimit");
                if (body is not null && Bytes(body.Expression, context.Model) is long formBytes && formBytes > Limit)
                {
                    context.Report(this, attribute, $"`MultipartBodyLengthLimit = {SecurityPatterns.Code(body.Expression)}` accepts multipart bodies of {Megabytes(formBytes)}; keep the limit to what this endpoint needs");
                }

                break;
        }
    }

    private void AnalyzeOpenReadStream(CSharpRuleContext context, InvocationExpressionSyntax invocation)
    {
        if (SinkSyntax.Argument(invocation.ArgumentList, 0, "maxAllowedSize") is not { } size || Bytes(size, context.Model) is not { } bytes)
        {
            return;
        }

        var files = FilesAccepted(invocation, context.Model);
        if (files >= 1 && bytes > Limit / files)
        {
            var all = bytes > long.MaxValue / files ? long.MaxValue : bytes * files;
            var total = files > 1 ? $" per file, {Megabytes(all)} for the {files} files accepted" : string.Empty;
            context.Report(this, invocation, $"`{SecurityPatterns.Code(invocation)}` reads up to {Megabytes(bytes)}{total}; keep uploads within what the app needs");
        }
    }

    private void AnalyzeAssignment(CSharpRuleContext context, AssignmentExpressionSyntax assignment)
    {
        var name = SecurityPatterns.SimpleName(assignment.Left);
        if (name == "MaxRequestBodySize" && SecurityPatterns.IsNull(assignment.Right))
        {
            context.Report(this, assignment, $"`{SecurityPatterns.Code(assignment)}` removes the request body limit for every endpoint; keep the default and raise it only on the upload endpoints that need it");
        }
        else if (name is "MaxRequestBodySize" or "MultipartBodyLengthLimit" && IsUnbounded(assignment.Right, context.Model))
        {
            context.Report(this, assignment, $"`{SecurityPatterns.Code(assignment)}` removes the body size limit; keep the default and raise it only on the upload endpoints that need it");
        }
    }

    /// <summary>Files a preceding <c>GetMultipleFiles(n)</c> in the same method accepts (10 when not given), or 1 when the stream is of a single file.</summary>
    private static long FilesAccepted(InvocationExpressionSyntax read, SemanticModel model)
    {
        var scope = SecurityPatterns.Scope(read);
        var nearest = scope.DescendantNodes()
            .OfType<InvocationExpressionSyntax>()
            .Where(call => call.SpanStart < read.SpanStart && TypeNames.InvokedName(call) == "GetMultipleFiles")
            .LastOrDefault();
        if (nearest is null)
        {
            return 1;
        }

        return nearest.ArgumentList.Arguments is [var count] ? Bytes(count.Expression, model) ?? 1 : DefaultFileCount;
    }

    private static bool IsUnbounded(ExpressionSyntax value, SemanticModel model) =>
        SecurityPatterns.Unparenthesized(value) is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MaxValue" }
        || Bytes(value, model) is >= int.MaxValue;

    /// <summary>A whole-number constant, with <c>int.MaxValue</c>-style members and arithmetic of constants.</summary>
    private static long? Bytes(ExpressionSyntax expression, SemanticModel model)
    {
        var constant = model.GetConstantValue(expression);
        if (constant is { HasValue: true, Value: { } value } && value is int or long or uint or ulong or short)
        {
            return Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }

        return SecurityPatterns.Unparenthesized(expression) switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MaxValue", Expression: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.LongKeyword } } => long.MaxValue,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MaxValue", Expression: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.IntKeyword } } => int.MaxValue,
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.MultiplyExpression } product when Bytes(product.Left, model) is { } left && Bytes(product.Right, model) is { } right => left != 0 && Math.Abs(right) > long.MaxValue / Math.Abs(left) ? long.MaxValue : left * right,
            { } other when SecurityPatterns.IntValue(other, model) is { } known => known,
            _ => null,
        };
    }

    private static string Megabytes(long bytes) =>
        bytes >= int.MaxValue ? "any size" : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB");
}
