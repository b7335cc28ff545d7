using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// Where a web request's data enters the code: <c>Request.Query[…]</c> and its kin, form controls,
/// uploaded file names, and the parameters of controller actions, routed methods and minimal-API
/// handlers. Works from syntax and names, because ASP.NET types never resolve in review.
/// </summary>
public static class UserInput
{
    private static readonly HashSet<string> RequestMembers = new(StringComparer.Ordinal)
    {
        "QueryString", "Query", "Form", "Params", "Cookies", "Headers", "RouteValues", "ServerVariables",
        "RawUrl", "Url", "UrlReferrer", "Path", "PathInfo", "PathBase", "UserAgent", "Files", "Content",
        "Item", "RequestUri", "Unvalidated", "ContentType", "Host", "Referrer", "QueryParameters",
    };

    private static readonly HashSet<string> RequestTypes = new(StringComparer.Ordinal)
    {
        "HttpRequest", "HttpRequestBase", "HttpRequestData", "HttpRequestMessage", "HttpListenerRequest",
    };

    private static readonly HashSet<string> SourceCalls = new(StringComparer.Ordinal)
    {
        "GetRouteValue", "GetQueryNameValuePairs",
    };

    private static readonly HashSet<string> InputControlTypes = new(StringComparer.Ordinal)
    {
        "TextBox", "HtmlInputText", "HtmlTextArea", "HiddenField", "HtmlInputHidden", "DropDownList", "ListBox",
        "RadioButtonList",
    };

    private static readonly HashSet<string> UploadTypes = new(StringComparer.Ordinal)
    {
        "IFormFile", "HttpPostedFile", "HttpPostedFileBase", "HttpPostedFileWrapper",
    };

    private static readonly HashSet<string> BindingAttributes = new(StringComparer.Ordinal)
    {
        "FromQuery", "FromRoute", "FromForm", "FromBody", "FromHeader", "FromUri",
    };

    private static readonly HashSet<string> RouteAttributes = new(StringComparer.Ordinal)
    {
        "HttpGet", "HttpPost", "HttpPut", "HttpDelete", "HttpPatch", "HttpHead", "HttpOptions", "Route", "AcceptVerbs",
    };

    private static readonly HashSet<string> ControllerBases = new(StringComparer.Ordinal)
    {
        "Controller", "ControllerBase", "ApiController", "PageModel", "AbpController", "ODataController", "AsyncController",
    };

    private static readonly HashSet<string> MinimalApiMaps = new(StringComparer.Ordinal)
    {
        "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "Map",
    };

    private static readonly HashSet<string> RedirectParameterNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "returnUrl", "redirectUrl", "redirectUri", "returnUri", "returnTo", "redirectTo",
    };

    /// <summary>Framework objects handed to handlers that are not request data themselves.</summary>
    private static readonly string[] NonInputTypeSuffixes =
    [
        "Context", "ContextBase", "Service", "Repository", "Logger", "Options", "Provider", "Factory", "Client",
        "Environment", "Configuration", "CancellationToken", "Principal", "Response", "Cache", "Manager", "Dictionary",
    ];

    private static readonly HashSet<string> InputInterfaces = new(StringComparer.Ordinal)
    {
        "IFormFile", "IFormFileCollection", "IFormCollection", "IQueryCollection", "IHeaderDictionary",
        "IEnumerable", "IList", "ICollection", "IReadOnlyList", "IReadOnlyCollection",
    };

    /// <summary>Names whose absence from a file proves no request data enters it (see <see cref="MayEnter"/>).</summary>
    private static readonly HashSet<string> MarkerNames = new(StringComparer.Ordinal)
    {
        "Request", "RouteData", "PageModel", "ApiController", "RedirectToAction",
    };

    /// <summary>
    /// Every marker identifier holds one of these (ignoring case): the names <see cref="IsMarker"/> knows, and the
    /// parts its prefix and suffix tests look for. Only tokens at these places need the test.
    /// </summary>
    private static readonly SearchValues<string> MarkerParts = SearchValues.Create(
        MarkerNames.Concat(RequestTypes).Concat(UploadTypes).Concat(InputControlTypes).Concat(BindingAttributes).Concat(RouteAttributes)
            .Concat(MinimalApiMaps).Concat(RedirectParameterNames).Concat(["Controller", "TextBox", "txt"])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray(),
        StringComparison.OrdinalIgnoreCase);

    private static readonly ConditionalWeakTable<SyntaxTree, object> FilesWithInput = new();

    private static readonly ConditionalWeakTable<SyntaxTree, object> FilesWithoutInput = new();

    private static readonly ConditionalWeakTable<SyntaxNode, object> MembersWithInput = new();

    private static readonly ConditionalWeakTable<SyntaxNode, object> MembersWithoutInput = new();

    /// <summary>
    /// Cheap pre-check, cached per tree: false when nothing in the file can be a request source
    /// (no <c>Request</c>, no controller, no route or binding attribute, no minimal-API map, no
    /// form control, no upload, no <c>returnUrl</c>-style parameter). Rules skip such files.
    /// </summary>
    public static bool MayEnter(SyntaxTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (FilesWithInput.TryGetValue(tree, out _))
        {
            return true;
        }

        if (FilesWithoutInput.TryGetValue(tree, out _))
        {
            return false;
        }

        var found = HasMarker(tree);
        (found ? FilesWithInput : FilesWithoutInput).AddOrUpdate(tree, tree);
        return found;
    }

    /// <summary>
    /// True when an identifier of the file is a marker. Only tokens where the text holds a marker part are
    /// tested, instead of every token of the file; a <c>\u</c> escape can spell an identifier without its
    /// letters, so the identifiers that hold one are tested too.
    /// </summary>
    private static bool HasMarker(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        var text = SinkSyntax.TextOf(tree);
        for (var offset = 0; offset < text.Length;)
        {
            var found = text.AsSpan(offset).IndexOfAny(MarkerParts);
            if (found < 0)
            {
                break;
            }

            var index = offset + found;
            var token = root.FindToken(index);
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(index) && IsMarker(token.ValueText))
            {
                return true;
            }

            // Every other hit in the same token, or in the same stretch of its trivia, finds that token again.
            var sameToken = token.Span.Contains(index) ? token.Span.End : index < token.SpanStart ? token.SpanStart : token.FullSpan.End;
            offset = Math.Max(index + 1, sameToken);
        }

        foreach (var escape in (string[])["\\u", "\\U"])
        {
            for (var index = text.IndexOf(escape, StringComparison.Ordinal); index >= 0; index = text.IndexOf(escape, index + 1, StringComparison.Ordinal))
            {
                var token = root.FindToken(index);
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(index) && IsMarker(token.ValueText))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Cheap pre-check for one sink: taint is traced only within the enclosing member, so when that
    /// member is not an entry point and names no request source, the sink cannot see user input.
    /// </summary>
    public static bool MayReach(SyntaxNode sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!MayEnter(sink.SyntaxTree))
        {
            return false;
        }

        var member = sink.Ancestors().LastOrDefault(node => node is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or FieldDeclarationSyntax or GlobalStatementSyntax);
        if (member is null or GlobalStatementSyntax)
        {
            return true;
        }

        if (MembersWithInput.TryGetValue(member, out _))
        {
            return true;
        }

        if (MembersWithoutInput.TryGetValue(member, out _))
        {
            return false;
        }

        var found = member is MethodDeclarationSyntax method && IsEntryPoint(method)
            || member.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && IsMarker(token.ValueText));
        (found ? MembersWithInput : MembersWithoutInput).AddOrUpdate(member, member);
        return found;
    }

    private static bool IsMarker(string name) =>
        MarkerNames.Contains(name)
        || RequestTypes.Contains(name)
        || UploadTypes.Contains(name)
        || InputControlTypes.Contains(name)
        || BindingAttributes.Contains(name)
        || RouteAttributes.Contains(name)
        || (MinimalApiMaps.Contains(name) && name != "Map")
        || RedirectParameterNames.Contains(name)
        || name.EndsWith("Controller", StringComparison.Ordinal)
        || name.EndsWith("ControllerBase", StringComparison.Ordinal)
        || name.EndsWith("TextBox", StringComparison.OrdinalIgnoreCase)
        || (name.StartsWith("txt", StringComparison.Ordinal) && name.Length > 3 && char.IsUpper(name[3]))
        || (name.StartsWith("From", StringComparison.Ordinal) && BindingAttributes.Contains(name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name));

    /// <summary>
    /// True when the expression reads request data directly: <c>Request.Form["a"]</c>,
    /// <c>req.Query["q"].ToString()</c>, <c>nameTextBox.Text</c>, <c>file.FileName</c>,
    /// or a member of an action parameter (<c>model.ReturnUrl</c>).
    /// </summary>
    public static bool TryGetSource(ExpressionSyntax expression, SemanticModel model, out string description)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(model);
        description = string.Empty;
        if (!MayEnter(expression.SyntaxTree))
        {
            return false;
        }

        var current = expression;
        while (true)
        {
            switch (current)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    current = cast.Expression;
                    continue;
                case AwaitExpressionSyntax awaited:
                    current = awaited.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    current = suppressed.Operand;
                    continue;
                case ConditionalAccessExpressionSyntax conditional:
                    current = conditional.Expression;
                    continue;
                case ElementAccessExpressionSyntax element:
                    if (IsRequest(element.Expression, model))
                    {
                        description = $"`{SyntaxText.Brief(expression)}`";
                        return true;
                    }

                    current = element.Expression;
                    continue;
                case InvocationExpressionSyntax invocation:
                    if (TypeNames.InvokedName(invocation) is { } called && SourceCalls.Contains(called))
                    {
                        description = $"`{SyntaxText.Brief(expression)}`";
                        return true;
                    }

                    current = invocation.Expression;
                    continue;
                case MemberAccessExpressionSyntax member:
                    if (IsSourceMember(member, model))
                    {
                        description = $"`{SyntaxText.Brief(expression)}`";
                        return true;
                    }

                    current = member.Expression;
                    continue;
                case IdentifierNameSyntax identifier:
                    if (FindParameter(identifier) is { } parameter && IsUserInputParameter(parameter))
                    {
                        description = current == expression
                            ? $"the request parameter `{identifier.Identifier.ValueText}`"
                            : $"`{SyntaxText.Brief(expression)}` of the request parameter `{identifier.Identifier.ValueText}`";
                        return true;
                    }

                    return false;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// True for a parameter the web framework fills from the request: a <c>[FromQuery]</c>-style
    /// parameter, a parameter of a public controller action or routed method, of a minimal-API
    /// handler, or a <c>returnUrl</c>-style parameter of a public method. Scalars never count.
    /// </summary>
    public static bool IsUserInputParameter(ParameterSyntax parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (HasAttribute(parameter.AttributeLists, "FromServices"))
        {
            return false;
        }

        if (HasAnyAttribute(parameter.AttributeLists, BindingAttributes))
        {
            return true;
        }

        if (!CanCarryInput(parameter.Type))
        {
            return false;
        }

        var owner = parameter.Parent?.Parent;
        var named = RedirectParameterNames.Contains(parameter.Identifier.ValueText);
        return owner switch
        {
            MethodDeclarationSyntax method => IsEntryPoint(method) || (named && method.Modifiers.Any(SyntaxKind.PublicKeyword)),
            LocalFunctionStatementSyntax local => HasAnyAttribute(local.AttributeLists, RouteAttributes) || named,
            AnonymousFunctionExpressionSyntax lambda => IsMinimalApiHandler(lambda),
            _ => false,
        };
    }

    /// <summary>The parameter a simple name refers to, found in the enclosing methods, local functions and lambdas.</summary>
    public static ParameterSyntax? FindParameter(IdentifierNameSyntax name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Identifier.ValueText;
        foreach (var ancestor in name.Ancestors())
        {
            var parameters = ancestor switch
            {
                BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
                LocalFunctionStatementSyntax local => local.ParameterList.Parameters,
                ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
                SimpleLambdaExpressionSyntax simple => SyntaxFactory.SingletonSeparatedList(simple.Parameter),
                AnonymousMethodExpressionSyntax anonymous when anonymous.ParameterList is not null => anonymous.ParameterList.Parameters,
                _ => default,
            };
            foreach (var parameter in parameters)
            {
                if (parameter.Identifier.ValueText == text)
                {
                    return parameter;
                }
            }

            if (ancestor is BaseTypeDeclarationSyntax)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>True for a public action of a controller or Razor page, or any method carrying a route attribute.</summary>
    public static bool IsEntryPoint(MethodDeclarationSyntax method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (HasAnyAttribute(method.AttributeLists, RouteAttributes))
        {
            return true;
        }

        return method.Modifiers.Any(SyntaxKind.PublicKeyword)
            && !method.Modifiers.Any(SyntaxKind.StaticKeyword)
            && !HasAttribute(method.AttributeLists, "NonAction")
            && method.Parent is ClassDeclarationSyntax type
            && IsControllerClass(type);
    }

    private static bool IsControllerClass(ClassDeclarationSyntax type)
    {
        var bases = type.BaseList?.Types.Select(baseType => TypeNames.Simple(baseType.Type)).ToArray() ?? [];
        if (bases.Any(name => name is "MonoBehaviour" or "ScriptableObject"))
        {
            return false;
        }

        return type.Identifier.ValueText.EndsWith("Controller", StringComparison.Ordinal)
            || bases.Any(name => ControllerBases.Contains(name) || name.EndsWith("Controller", StringComparison.Ordinal) || name.EndsWith("ControllerBase", StringComparison.Ordinal))
            || HasAttribute(type.AttributeLists, "ApiController")
            || HasAttribute(type.AttributeLists, "Controller");
    }

    private static bool IsMinimalApiHandler(AnonymousFunctionExpressionSyntax lambda) =>
        lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
        && TypeNames.InvokedName(invocation) is { } name
        && MinimalApiMaps.Contains(name);

    private static bool CanCarryInput(TypeSyntax? type)
    {
        if (type is null)
        {
            // Untyped lambda parameters: only the handler's binding tells, and that is good enough.
            return true;
        }

        if (ScalarTypes.IsScalarSyntax(type) || type is ArrayTypeSyntax { ElementType: var element } && ScalarTypes.IsScalarSyntax(element))
        {
            return false;
        }

        var name = TypeNames.Simple(type).TrimEnd('?');
        if (name is "CancellationToken" or "HttpContext" or "ClaimsPrincipal" or "ModelStateDictionary" or "EventArgs")
        {
            return false;
        }

        if (InputInterfaces.Contains(name))
        {
            return true;
        }

        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            // Interfaces handed to handlers are services (IWebHostEnvironment, ILogger<T>), not data.
            return false;
        }

        return !NonInputTypeSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal));
    }

    private static bool IsSourceMember(MemberAccessExpressionSyntax member, SemanticModel model)
    {
        var name = member.Name.Identifier.ValueText;
        if (RequestMembers.Contains(name) && IsRequest(member.Expression, model))
        {
            return true;
        }

        switch (name)
        {
            case "Values" when member.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "RouteData" } or IdentifierNameSyntax { Identifier.ValueText: "RouteData" }:
                return true;
            case "Text" or "Value" or "SelectedValue":
                return IsInputControl(member.Expression, model);
            case "FileName" or "ContentDisposition":
                return TypeNames.Of(member.Expression, model) is { } type && UploadTypes.Contains(type);
            default:
                return false;
        }
    }

    private static bool IsRequest(ExpressionSyntax expression, SemanticModel model)
    {
        switch (expression)
        {
            case IdentifierNameSyntax { Identifier.ValueText: "Request" }:
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Request" }:
                return true;
            case IdentifierNameSyntax identifier:
                return TypeNames.Of(identifier, model) is { } type && RequestTypes.Contains(type);
            default:
                return false;
        }
    }

    private static bool IsInputControl(ExpressionSyntax receiver, SemanticModel model)
    {
        if (TypeNames.Of(receiver, model) is { } type && InputControlTypes.Contains(type))
        {
            return true;
        }

        var name = receiver switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member => member.Name.Identifier.ValueText,
            _ => null,
        };
        return name is not null
            && (name.EndsWith("TextBox", StringComparison.OrdinalIgnoreCase)
                || (name.StartsWith("txt", StringComparison.Ordinal) && name.Length > 3 && char.IsUpper(name[3])));
    }

    private static bool HasAttribute(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(list => list.Attributes).Any(attribute => AttributeName(attribute) == name);

    private static bool HasAnyAttribute(SyntaxList<AttributeListSyntax> lists, HashSet<string> names) =>
        lists.SelectMany(list => list.Attributes).Any(attribute => names.Contains(AttributeName(attribute)));

    private static string AttributeName(AttributeSyntax attribute)
    {
        var name = TypeNames.Simple(attribute.Name);
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }
}
