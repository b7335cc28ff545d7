using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;
using PrReviewBot.Engine.Languages.CSharp.Security.Catalogues;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Network clients that talk in clear text: <c>SmtpClient</c> to a remote host without
/// <c>EnableSsl = true</c>, <c>FtpWebRequest</c> without SSL, Telnet clients, and <c>http://</c>,
/// <c>ftp://</c> or <c>telnet://</c> URLs of remote hosts handed to <c>HttpClient</c>,
/// <c>WebClient</c>, <c>WebRequest</c> and friends. URLs elsewhere (XML namespaces, links in
/// messages) are identifiers, not connections, and are left alone; so are loopback hosts.
/// </summary>
public sealed class CleartextProtocolRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/cleartext-protocol",
        "Connection over a clear-text protocol",
        Category.Security,
        Severity.Warning,
        "HTTP, FTP, SMTP without TLS and Telnet send credentials and data unencrypted, so anyone on the network path can read them and change the answers.",
        "Use the encrypted variant: `https://`, `EnableSsl = true` for `SmtpClient` and `FtpWebRequest` (or SFTP/FTPS), SSH instead of Telnet.");

    /// <summary>Methods that send a request to the URL they are given, by the type they belong to.</summary>
    private static readonly HashSet<string> RequestMethods = new(
        [.. ServerSideRequestForgerySinks.HttpClientMethods, .. ServerSideRequestForgerySinks.WebClientMethods, "Create", "CreateHttp", "CreateDefault"],
        StringComparer.Ordinal);

    /// <summary>Words near which a clear-text connection is set up.</summary>
    private static readonly string[] SearchWords =
    [
        "SmtpClient", "FtpWebRequest", "EnableSsl", "telnet", "http:", "ftp:", "BaseAddress", "HttpRequestMessage", "RestClient", "WebRequest",
        "GetAsync", "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync", "GetFromJsonAsync", "PostAsync", "PostAsJsonAsync", "PutAsync", "PutAsJsonAsync",
        "PatchAsync", "DeleteAsync", "Download", "Upload", "OpenRead", "OpenWrite",
    ];

    /// <summary>Types whose constructor takes the URL it will connect to.</summary>
    private static readonly HashSet<string> RequestTypes = new(StringComparer.Ordinal)
    {
        "HttpRequestMessage", "RestClient", "RestRequest", "WebSocket", "ClientWebSocket",
    };

    private static readonly HashSet<string> LoopbackHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0", "169.254.169.254", "host.docker.internal",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "SmtpClient", "FtpWebRequest", "EnableSsl", "elnet", "ELNET", "http:", "ftp:", "HTTP:", "FTP:", "Http:", "Ftp:"))
        {
            return;
        }

        var reported = new HashSet<SyntaxNode>();
        var lines = new HashSet<int>();
        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.OrdinalIgnoreCase, [.. SearchWords]))
        {
            switch (node)
            {
                case InvocationExpressionSyntax request when IsRequestMethod(request):
                    foreach (var argument in request.ArgumentList.Arguments)
                    {
                        AnalyzeUrl(context, lines, WithoutUri(argument.Expression), reported, knownSink: true);
                    }

                    break;
                case AssignmentExpressionSyntax { Left: var address } assignment when SecurityPatterns.SimpleName(address) == "BaseAddress":
                    AnalyzeUrl(context, lines, WithoutUri(assignment.Right), reported, knownSink: true);
                    break;
                case BaseObjectCreationExpressionSyntax creation:
                    AnalyzeCreation(context, lines, creation, reported);
                    break;
                case CastExpressionSyntax cast when TypeNames.Simple(cast.Type) == "FtpWebRequest":
                    AnalyzeFtpRequest(context, lines, cast);
                    break;
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "EnableSsl" } target } assignment
                    when IsFalse(assignment.Right) && TypeNames.Of(target.Expression, context.Model) == "FtpWebRequest":
                    Report(context, lines, assignment, $"`{SecurityPatterns.Code(assignment)}` sends the FTP credentials and files in clear text; set `EnableSsl = true` (FTPS) or use SFTP.");
                    break;
                case InvocationExpressionSyntax invocation when IsTelnet(invocation.Expression):
                    Report(context, lines, invocation, $"`{SecurityPatterns.Code(invocation)}` talks Telnet, which sends passwords and commands in clear text; use SSH instead.");
                    break;
                case LiteralExpressionSyntax or InterpolatedStringExpressionSyntax:
                    AnalyzeUrl(context, lines, StringShape.Whole((ExpressionSyntax)node), reported);
                    break;
            }
        }
    }

    private void AnalyzeCreation(CSharpRuleContext context, HashSet<int> lines, BaseObjectCreationExpressionSyntax creation, HashSet<SyntaxNode> reported)
    {
        if (creation is ObjectCreationExpressionSyntax { Type: var type } && IsTelnet(type))
        {
            Report(context, lines, creation, $"`{SecurityPatterns.Code(creation)}` talks Telnet, which sends passwords and commands in clear text; use SSH instead.");
            return;
        }

        var typeName = SecurityPatterns.CreatedTypeName(creation, context.Model);
        if (typeName is not null && IsTelnetName(typeName))
        {
            Report(context, lines, creation, $"`{SecurityPatterns.Code(creation)}` talks Telnet, which sends passwords and commands in clear text; use SSH instead.");
            return;
        }

        if (typeName == "SmtpClient")
        {
            AnalyzeSmtpClient(context, lines, creation);
        }
        else if (typeName is not null && RequestTypes.Contains(typeName) && creation.ArgumentList is { Arguments.Count: > 0 } arguments)
        {
            foreach (var argument in arguments.Arguments)
            {
                AnalyzeUrl(context, lines, argument.Expression, reported, knownSink: true);
            }
        }
    }

    private void AnalyzeSmtpClient(CSharpRuleContext context, HashSet<int> lines, BaseObjectCreationExpressionSyntax creation)
    {
        // Without a host the client reads host and SSL from the application's configuration; MailKit's SmtpClient is also created this way.
        if (creation.ArgumentList is not { Arguments: [var host, ..] } || (SecurityPatterns.StringValue(host.Expression, context.Model) is { } name && LoopbackHosts.Contains(name)))
        {
            return;
        }

        var initializer = creation.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>().FirstOrDefault(assignment => SecurityPatterns.SimpleName(assignment.Left) == "EnableSsl");
        if (initializer is not null ? !IsFalse(initializer.Right) : EnablesSslLater(context, creation))
        {
            return;
        }

        Report(context, lines, SecurityPatterns.Anchor(creation), $"`{SecurityPatterns.Code(creation)}` sends mail and the SMTP password in clear text; set `EnableSsl = true`.");
    }

    /// <summary><c>(FtpWebRequest)WebRequest.Create(url)</c> kept in a variable that never turns SSL on.</summary>
    private void AnalyzeFtpRequest(CSharpRuleContext context, HashSet<int> lines, CastExpressionSyntax cast)
    {
        if (SecurityPatterns.ValueParent(cast, out _) is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
        {
            return;
        }

        var assignsSsl = SecurityPatterns.IdentifiersIn(context, SecurityPatterns.Scope(declarator), declarator.Identifier.ValueText)
            .Any(use => use.Parent is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "EnableSsl", Parent: AssignmentExpressionSyntax } });
        if (!assignsSsl)
        {
            Report(context, lines, declarator, $"`{SecurityPatterns.Code(cast)}` sends the FTP credentials and files in clear text unless `EnableSsl = true` is set; enable it (FTPS) or use SFTP.");
        }
    }

    /// <summary>True when the variable holding the client gets <c>EnableSsl</c> set to anything but <c>false</c> in the same member.</summary>
    private static bool EnablesSslLater(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation)
    {
        var name = SecurityPatterns.ValueParent(creation, out _) switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
            AssignmentExpressionSyntax assignment => SecurityPatterns.SimpleName(assignment.Left),
            _ => null,
        };
        if (name is null)
        {
            return false;
        }

        foreach (var use in SecurityPatterns.IdentifiersIn(context, SecurityPatterns.Scope(creation), name))
        {
            if (use.Parent is not IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "EnableSsl" } member })
            {
                continue;
            }

            switch (member.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == member:
                    return !IsFalse(assignment.Right);
                case ArgumentSyntax { Parent: TupleExpressionSyntax targets, } argument when targets.Parent is AssignmentExpressionSyntax { Right: TupleExpressionSyntax values } && targets.Arguments.IndexOf(argument) is var index && index < values.Arguments.Count:
                    return !IsFalse(values.Arguments[index].Expression);
            }
        }

        return false;
    }

    /// <summary>A clear-text URL of a remote host given to a request API: <c>client.GetAsync("http://api.example.org/items")</c>.</summary>
    private void AnalyzeUrl(CSharpRuleContext context, HashSet<int> lines, ExpressionSyntax url, HashSet<SyntaxNode> reported, bool knownSink = false)
    {
        if (reported.Contains(url) || !(knownSink || IsRequestArgument(url)) || CleartextScheme(StringShape.Prefix(url, context.Model)) is not { } scheme)
        {
            return;
        }

        reported.Add(url);
        Report(context, lines, url, $"`{SecurityPatterns.Code(url)}` connects over {scheme}, which anyone on the network can read and change; use {(scheme == "HTTP" ? "`https://`" : scheme == "FTP" ? "SFTP or FTPS" : "SSH")} instead.");
    }

    /// <summary>True when the URL (or <c>new Uri(url)</c> around it) is an argument of a request method, or an HTTP client's base address.</summary>
    private static bool IsRequestArgument(ExpressionSyntax url)
    {
        var parent = SecurityPatterns.ValueParent(url, out _);
        if (parent is ArgumentSyntax { Parent.Parent: ObjectCreationExpressionSyntax { Type: var uriType } uri } && TypeNames.Simple(uriType) == "Uri")
        {
            parent = SecurityPatterns.ValueParent(uri, out _);
        }

        return parent switch
        {
            ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation } => IsRequestMethod(invocation),
            AssignmentExpressionSyntax assignment => SecurityPatterns.SimpleName(assignment.Left) == "BaseAddress",
            _ => false,
        };
    }

    private static bool IsRequestMethod(InvocationExpressionSyntax invocation) =>
        TypeNames.InvokedName(invocation) is { } method && RequestMethods.Contains(method)
        && (method is not ("Create" or "CreateHttp" or "CreateDefault") || SecurityPatterns.TypeLikeName(TypeNames.Receiver(invocation)) is "WebRequest" or "HttpWebRequest" or "FtpWebRequest");

    /// <summary>The text inside <c>new Uri(text)</c>, or the expression itself.</summary>
    private static ExpressionSyntax WithoutUri(ExpressionSyntax expression) =>
        SecurityPatterns.Unparenthesized(expression) is ObjectCreationExpressionSyntax { Type: var type, ArgumentList.Arguments: [var text, ..] } && TypeNames.Simple(type) == "Uri"
            ? text.Expression
            : expression;

    /// <summary>The clear-text protocol of a URL to a remote host, or null for encrypted schemes, loopback hosts and bare schemes.</summary>
    private static string? CleartextScheme(string url)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return null;
        }

        var scheme = url[..separator].ToLowerInvariant();
        var protocol = scheme switch
        {
            "http" or "ws" => "HTTP",
            "ftp" => "FTP",
            "telnet" => "Telnet",
            _ => null,
        };
        var authority = url[(separator + 3)..];
        var end = authority.IndexOfAny(['/', '?', '#']);
        authority = end < 0 ? authority : authority[..end];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':')[0];
        return protocol is null || host.Length == 0 || LoopbackHosts.Contains(host) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? null : protocol;
    }

    /// <summary>Reports once per line: a cast, its request and its URL are one connection.</summary>
    private void Report(CSharpRuleContext context, HashSet<int> lines, SyntaxNode node, string message)
    {
        if (lines.Add(context.LineOf(node.SpanStart)))
        {
            context.Report(this, node, message);
        }
    }

    /// <summary><c>false</c>, or a variable whose value at this point is <c>false</c>.</summary>
    private static bool IsFalse(ExpressionSyntax value) =>
        SecurityPatterns.IsFalse(value)
        || (SecurityPatterns.Unparenthesized(value) is IdentifierNameSyntax identifier && SecurityPatterns.IsFalse(SecurityPatterns.InitializerOf(identifier, identifier.Identifier.ValueText)));

    /// <summary>
    /// True when the called method or a type or namespace it is reached through names Telnet.
    /// Lower-case names are variables: a <c>telnetClient.Send()</c> is the same connection again.
    /// </summary>
    private static bool IsTelnet(ExpressionSyntax expression) =>
        expression is not IdentifierNameSyntax { Identifier.ValueText: "nameof" }
        && expression.DescendantNodesAndSelf().OfType<SimpleNameSyntax>().Any(name => name.Identifier.ValueText is [var first, ..] && char.IsUpper(first) && IsTelnetName(name.Identifier.ValueText));

    private static bool IsTelnetName(string name) => IdentifierWords.Lower(name).Contains("telnet");
}
