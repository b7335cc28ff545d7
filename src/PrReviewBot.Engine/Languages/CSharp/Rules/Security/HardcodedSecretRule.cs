using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Credentials written into the code: string literals that land in (or are compared with)
/// something named like a password, secret, token or API key; literals passed as the password of
/// credential and key-derivation APIs; connection strings and URLs with an embedded password; and
/// well-known key formats. Placeholders, labels, config keys and prose are not secrets.
/// Messages never repeat the value: at most its first character.
/// </summary>
public sealed partial class HardcodedSecretRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/hardcoded-secret",
        "Hard-coded password, key or token",
        Category.Security,
        Severity.Error,
        "A credential in source code is readable by everyone with access to the repository, its history, build logs or the compiled binary, and cannot be rotated without a release.",
        "Read it from configuration or a secret store (`IConfiguration` with user secrets, environment variables, Azure Key Vault, AWS Secrets Manager), and rotate the value that was committed.");

    private enum Credential
    {
        None,

        /// <summary>Any real value is a finding: <c>password = "a"</c>.</summary>
        Password,

        /// <summary>The value must look like key material: <c>apiKey = "sk_live_…"</c>, not <c>apiKey = "ApiKey"</c>.</summary>
        Secret,

        /// <summary>A name that is only "key" or "iv": the value must look strongly random.</summary>
        BareKey,
    }

    /// <summary>Credential words that, found in both a name and its value, make the value a label: <c>PasswordField = "txtPassword"</c>.</summary>
    private static readonly string[] LabelWords = ["pass", "pwd", "secret", "token", "key", "credential", "auth"];

    private static readonly HashSet<string> PasswordWords = new(StringComparer.Ordinal) { "password", "passwd", "pwd", "passphrase", "passcode" };

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "secret", "secrets", "token", "credential", "credentials", "apikey", "authorization", "bearer", "auth", "sas",
    };

    /// <summary>Words before "key" that make it key material: <c>apiKey</c>, <c>signingKey</c>; <c>cacheKey</c> stays a lookup key.</summary>
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "access", "secret", "private", "signing", "sign", "encryption", "encrypt", "decrypt", "master", "shared", "client", "app",
        "subscription", "auth", "account", "storage", "jwt", "hmac", "aes", "crypto", "symmetric", "security", "license", "consumer",
        "admin", "root", "webhook", "des", "cipher",
    };

    /// <summary>Last words that make the name about a credential rather than the credential itself: <c>PasswordLength</c>, <c>TokenUrl</c>.</summary>
    private static readonly HashSet<string> DescriptiveHeads = new(StringComparer.Ordinal)
    {
        "name", "names", "length", "len", "size", "count", "min", "max", "minimum", "maximum", "policy", "policies", "field", "fields",
        "label", "hash", "hashed", "hint", "regex", "pattern", "format", "prompt", "message", "msg", "error", "errors", "required",
        "validator", "validation", "valid", "expiry", "expiration", "expires", "expired", "changed", "url", "uri", "endpoint", "path",
        "file", "filename", "type", "kind", "mode", "header", "param", "parameter", "parameters", "property", "prop", "column", "attribute",
        "claim", "id", "selector", "xpath", "input", "box", "textbox", "txt", "lbl", "placeholder", "mask", "masked", "strength",
        "complexity", "version", "prefix", "suffix", "separator", "delimiter", "lifetime", "timeout", "duration", "ttl", "provider",
        "service", "manager", "store", "storage", "handler", "scheme", "encoding", "algorithm", "alg", "limit", "attempts", "retries",
        "date", "time", "at", "rule", "rules", "option", "options", "section", "enabled", "disabled", "flag", "template", "cookie",
        "query", "route", "action", "page", "view", "button", "link", "table", "index", "event", "state", "status", "source", "lookup",
        "cache", "audience", "issuer", "usage", "purpose", "description", "title", "caption", "display", "resource", "reference", "config",
        "configuration", "env", "locator", "element", "control", "request", "response", "result", "generator", "character",
        "characters", "chars", "salt", "iterations", "client", "key", "keys", "values", "class",
    };

    /// <summary>Values that stand for a credential instead of being one.</summary>
    private static readonly HashSet<string> PlaceholderValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "changeme", "change_me", "change-me", "replaceme", "replace_me", "replace-me", "todo", "tbd", "placeholder", "redacted", "none",
        "null", "undefined", "n/a", "na", "empty", "default", "string", "value", "example", "sample", "dummy", "xxx", "xxxx", "...",
    };

    private static readonly HashSet<string> KeyValueWriters = new(StringComparer.Ordinal)
    {
        "Add", "TryAdd", "Set", "Append", "Put", "AddOrUpdate", "AddParameter", "AddQueryParameter", "AddHeader", "SetEnvironmentVariable",
        "AddDefaultHeader", "Create",
    };

    /// <summary>Words whose occurrences (in names or strings) can start a finding; compared ignoring case.</summary>
    private static readonly string[] AnchorWords =
    [
        "pass", "pwd", "secret", "token", "key", "credential", "auth", "bearer", "DeriveBytes", "HMAC", "Pbkdf2", "Login", "CreateUser", "X509Certificate",
        "://", "AKIA", "-----BEGIN", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "sk_live_", "AIza", "SG.",
    ];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = new Session(this, context);
        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.OrdinalIgnoreCase, AnchorWords))
        {
            session.Visit(node);
        }

        // "iv" inside words (private, derive) would be noise; only the exact names matter.
        foreach (var token in SecurityPatterns.Occurrences(context, StringComparison.Ordinal, "IV", "iv"))
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText is "IV" or "iv" or "Iv")
            {
                foreach (var node in SecurityPatterns.Around(token))
                {
                    session.Visit(node);
                }
            }
        }
    }

    /// <summary>One file's analysis: remembers reported lines so each line gets one finding.</summary>
    private sealed class Session(HardcodedSecretRule rule, CSharpRuleContext context)
    {
        private readonly HashSet<int> reportedLines = [];
        private readonly HashSet<SyntaxNode> scannedWholes = [];

        public void Visit(SyntaxNode node)
        {
            switch (node)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression):
                    ScanWhole(literal);
                    break;
                case InterpolatedStringTextSyntax { Parent: InterpolatedStringExpressionSyntax interpolated } text:
                    if (!ScanWhole(interpolated))
                    {
                        ScanText(text.TextToken.ValueText, text);
                    }

                    break;
                case VariableDeclaratorSyntax { Initializer.Value: var value } declarator:
                    CheckNamed(declarator.Identifier.ValueText, value, declarator);
                    break;
                case PropertyDeclarationSyntax { Initializer.Value: var initial } property:
                    CheckNamed(property.Identifier.ValueText, initial, property);
                    break;
                case PropertyDeclarationSyntax or MethodDeclarationSyntax:
                    // `string Password => "…"` and `string GetApiKey() { return "…"; }`: the member's name receives the literal.
                    foreach (var returned in ReturnedLiterals(node))
                    {
                        Visit(returned.Parent!);
                    }

                    break;
                case ArrowExpressionClauseSyntax { Expression: LiteralExpressionSyntax arrowValue } arrow when SecurityPatterns.EnclosingMemberName(arrow) is { } arrowName:
                    CheckNamed(arrowName, arrowValue, arrow);
                    break;
                case ReturnStatementSyntax { Expression: LiteralExpressionSyntax returned } statement when SecurityPatterns.EnclosingMemberName(statement) is { } returnName:
                    CheckNamed(returnName, returned, statement);
                    break;
                case AssignmentExpressionSyntax assignment when (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.AddAssignmentExpression))
                    && SecurityPatterns.SimpleName(assignment.Left) is { } target:
                    CheckNamed(target, assignment.Right, assignment);
                    break;
                case ArgumentSyntax { NameColon.Name.Identifier.ValueText: var parameter } argument:
                    CheckNamed(parameter, argument.Expression, argument);
                    break;
                case AnonymousObjectMemberDeclaratorSyntax { NameEquals.Name.Identifier.ValueText: var member } declaratorMember:
                    CheckNamed(member, declaratorMember.Expression, declaratorMember);
                    break;
                case InitializerExpressionSyntax { Expressions: [var key, var pair] } element when element.IsKind(SyntaxKind.ComplexElementInitializerExpression)
                    && SecurityPatterns.StringValue(key, context.Model) is { } keyName:
                    CheckNamed(keyName, pair, element);
                    break;
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                    CheckComparison(binary.Left, binary.Right, binary);
                    CheckComparison(binary.Right, binary.Left, binary);
                    break;
                case InvocationExpressionSyntax invocation:
                    VisitInvocation(invocation);
                    break;
                case BaseObjectCreationExpressionSyntax creation:
                    VisitCreation(creation);
                    break;
            }
        }

        private void VisitInvocation(InvocationExpressionSyntax invocation)
        {
            var method = TypeNames.InvokedName(invocation);
            var arguments = invocation.ArgumentList.Arguments;
            switch (method)
            {
                case "Equals" when arguments.Count >= 1 && TypeNames.Receiver(invocation) is { } receiver:
                    if (SecurityPatterns.TypeLikeName(receiver) is "string" or "String" && arguments.Count >= 2)
                    {
                        CheckComparison(arguments[0].Expression, arguments[1].Expression, invocation);
                        CheckComparison(arguments[1].Expression, arguments[0].Expression, invocation);
                    }
                    else
                    {
                        CheckComparison(receiver, arguments[0].Expression, invocation);
                        CheckComparison(arguments[0].Expression, receiver, invocation);
                    }

                    break;
                case "Pbkdf2" when arguments.Count > 0:
                    CheckApiArgument(arguments[0].Expression, invocation, "the password of `Rfc2898DeriveBytes.Pbkdf2`");
                    break;
                case "Authenticate" or "Login" or "LogIn" or "SignIn" or "Connect" or "CreateUser" when arguments.Count == 2 && arguments.All(argument => argument.Expression is LiteralExpressionSyntax):
                    CheckApiArgument(arguments[1].Expression, invocation, $"the password passed to `{method}`");
                    break;
                case not null when KeyValueWriters.Contains(method) && arguments.Count == 2 && SecurityPatterns.StringValue(arguments[0].Expression, context.Model) is { } key:
                    CheckNamed(key, arguments[1].Expression, invocation);
                    break;
                case not null when arguments.Count > 0 && SetsCredential(method) is { } kind:
                    // ChangePassword(old, "n3w"), SetApiKey("…"), WithSecret(Secret): the last constant argument is the credential.
                    var value = arguments.Select(argument => LiteralText(argument.Expression)).LastOrDefault(text => text is not null);
                    if (value is not null && IsSecretValue(value, kind, method))
                    {
                        Report(invocation, $"`{method}` is given a hard-coded credential (\"{Mask(value)}\"); anyone with the source or the binary can use it.");
                    }

                    break;
            }
        }

        private void VisitCreation(BaseObjectCreationExpressionSyntax creation)
        {
            var type = SecurityPatterns.CreatedTypeName(creation, context.Model);
            var arguments = creation.ArgumentList?.Arguments ?? default;
            if (type is null || arguments.Count == 0)
            {
                return;
            }

            if (type is "X509Certificate2" or "X509Certificate" && arguments.Count >= 2)
            {
                CheckApiArgument(arguments[1].Expression, creation, $"the password of `{type}`");
            }
            else if (type is "PasswordDeriveBytes" or "Rfc2898DeriveBytes")
            {
                CheckApiArgument(arguments[0].Expression, creation, $"the password of `{type}`");
            }
            else if (type is "SymmetricSecurityKey" || type.StartsWith("HMAC", StringComparison.Ordinal))
            {
                CheckApiArgument(arguments[0].Expression, creation, $"the key of `{type}`");
            }
            else if (type is "KeyValuePair" && arguments.Count == 2 && SecurityPatterns.StringValue(arguments[0].Expression, context.Model) is { } key)
            {
                CheckNamed(key, arguments[1].Expression, creation);
            }
            else if (type.EndsWith("Credential", StringComparison.Ordinal) || type.EndsWith("Credentials", StringComparison.Ordinal))
            {
                // new NetworkCredential("user", "P@ss"), new BasicAWSCredentials(id, "secret"), new AzureKeyCredential("key"):
                // the secret is the second argument of NetworkCredential and the last one elsewhere.
                var secret = type == "NetworkCredential" ? arguments.ElementAtOrDefault(1) : arguments[^1];
                if (secret is not null && (arguments.Count >= 2 || type.EndsWith("KeyCredential", StringComparison.Ordinal)))
                {
                    CheckApiArgument(secret.Expression, creation, $"the secret of `{type}`");
                }
            }
        }

        /// <summary>A value that lands in a name: reported when the name means a credential and the value looks like one.</summary>
        private void CheckNamed(string name, ExpressionSyntax value, SyntaxNode anchor)
        {
            var kind = Classify(name);
            if (kind == Credential.None)
            {
                return;
            }

            if (ConstantBytes(value) is { } byteCount && kind != Credential.Password && byteCount >= 8)
            {
                Report(anchor, $"`{name}` is set to {byteCount} hard-coded key bytes; anyone with the source or the binary can decrypt or sign with them.");
                return;
            }

            var text = LiteralText(value);
            if (text is null || !IsSecretValue(text, kind, name))
            {
                return;
            }

            Report(anchor, $"`{name}` is set to a hard-coded credential (\"{Mask(text)}\"); anyone with the source or the binary can use it.");
        }

        private void CheckComparison(ExpressionSyntax named, ExpressionSyntax other, SyntaxNode anchor)
        {
            if (named is LiteralExpressionSyntax
                || (named is InvocationExpressionSyntax call ? TypeNames.InvokedName(call) : SecurityPatterns.SimpleName(named)) is not { } name
                || Classify(name) is not (var kind and not Credential.None)
                || LiteralText(other) is not { } text)
            {
                return;
            }

            if (IsSecretValue(text, kind, name))
            {
                Report(anchor, $"`{name}` is compared with a hard-coded credential (\"{Mask(text)}\"); anyone with the source or the binary can use it.");
            }
        }

        /// <summary>A value passed where the API itself says "password" or "key": any real value counts, even prose.</summary>
        private void CheckApiArgument(ExpressionSyntax value, SyntaxNode anchor, string role)
        {
            if (ConstantBytes(value) is >= 8)
            {
                Report(anchor, $"Hard-coded bytes are {role}; anyone with the source or the binary can use them.");
                return;
            }

            if (LiteralText(value) is { } text && !string.IsNullOrWhiteSpace(text) && !IsPlaceholder(text.Trim()))
            {
                Report(anchor, $"A hard-coded value (\"{Mask(text)}\") is {role}; anyone with the source or the binary can use it.");
            }
        }

        /// <summary>
        /// Scans the whole constant a string belongs to (a concatenation or interpolation of
        /// constants), so <c>"…;Password=" + Secret</c> is read as one connection string. False
        /// when the whole is not constant.
        /// </summary>
        private bool ScanWhole(ExpressionSyntax expression)
        {
            var whole = expression;
            while (whole.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } concatenation)
            {
                whole = concatenation;
            }

            if (whole != expression && !scannedWholes.Add(whole))
            {
                return true;
            }

            if (SecurityPatterns.StringValue(whole, context.Model) is { } text)
            {
                ScanText(text, whole);
                return true;
            }

            if (expression is LiteralExpressionSyntax literal)
            {
                ScanText(literal.Token.ValueText, literal);
            }

            return false;
        }

        /// <summary>Credential pairs (<c>Password=…</c>, <c>api_key=…</c>), URLs with user info and well-known key formats inside a string.</summary>
        private void ScanText(string text, SyntaxNode node)
        {
            if (text.Length < 6 || !MayHoldSecret(text))
            {
                return;
            }

            foreach (Match match in KeyValuePairs().Matches(text))
            {
                var key = match.Groups["key"].Value;
                var kind = Classify(key);
                if (kind == Credential.None)
                {
                    continue;
                }

                var raw = match.Groups["value"].Value.Trim();
                var quoted = raw.Length > 1 && raw[0] is '"' or '\'';
                var value = raw.Trim('"', '\'').Trim();
                var real = kind == Credential.Password
                    ? value.Any(char.IsLetterOrDigit) && (quoted || !value.Any(char.IsWhiteSpace)) && !IsPlaceholder(value) && !IsParameterMarker(value)
                        && !IsSwitchValue(value) && !NamesItself(value, key)
                    : IsSecretValue(value, kind, key);
                if (real)
                {
                    var what = kind == Credential.Password ? $"a hard-coded {key.ToLowerInvariant()}" : $"a hard-coded `{key}`";
                    Report(ReportNode(node), $"The string embeds {what} (\"{Mask(value)}\"); anyone with the source or the binary can use it.");
                    return;
                }
            }

            var uri = UriCredentials().Match(text);
            if (uri.Success
                && uri.Groups["user"].Value != uri.Groups["password"].Value
                && uri.Groups["password"].Value.Any(char.IsLetterOrDigit)
                && !NamesItself(uri.Groups["password"].Value, "password")
                && !IsPlaceholder(uri.Groups["password"].Value)
                && !IsParameterMarker(uri.Groups["password"].Value))
            {
                Report(ReportNode(node), $"The URL embeds hard-coded credentials for `{uri.Groups["user"].Value}` (password \"{Mask(uri.Groups["password"].Value)}\"); anyone with the source or the binary can use them.");
                return;
            }

            var known = KnownSecretFormats().Match(text);
            if (known.Success && !known.Value.Contains("EXAMPLE", StringComparison.OrdinalIgnoreCase))
            {
                Report(ReportNode(node), $"The string contains what looks like {Describe(known.Value)} (\"{Mask(known.Value)}\"); anyone with the source or the binary can use it.");
            }
        }

        /// <summary>A literal that initializes or is assigned is reported where the declaration or assignment starts.</summary>
        private static SyntaxNode ReportNode(SyntaxNode node)
        {
            var expression = node as ExpressionSyntax ?? node.FirstAncestorOrSelf<InterpolatedStringExpressionSyntax>();
            if (expression is null)
            {
                return node;
            }

            while (expression.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } concatenation)
            {
                expression = concatenation;
            }

            return SecurityPatterns.Anchor(expression);
        }

        private void Report(SyntaxNode anchor, string message)
        {
            if (reportedLines.Add(context.LineOf(anchor.SpanStart)))
            {
                context.Report(rule, anchor, message);
            }
        }

        /// <summary>The text of a string constant: a literal, a constant, <c>Encoding.X.GetBytes("…")</c> or <c>Convert.FromBase64String("…")</c>.</summary>
        private string? LiteralText(ExpressionSyntax value, int depth = 0)
        {
            var unwrapped = SecurityPatterns.Unparenthesized(value);
            if (unwrapped is InvocationExpressionSyntax { ArgumentList.Arguments: [var single] } call && TypeNames.InvokedName(call) is "GetBytes" or "FromBase64String")
            {
                unwrapped = single.Expression;
            }

            // `var key = Encoding.UTF8.GetBytes("…"); new SymmetricSecurityKey(key)`: follow the local to its bytes.
            if (unwrapped is IdentifierNameSyntax identifier && depth < 3
                && SecurityPatterns.InitializerOf(identifier, identifier.Identifier.ValueText) is InvocationExpressionSyntax conversion)
            {
                return LiteralText(conversion, depth + 1);
            }

            return unwrapped is LiteralExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax or BinaryExpressionSyntax or InterpolatedStringExpressionSyntax
                ? SecurityPatterns.StringValue(unwrapped, context.Model)
                : null;
        }
    }

    /// <summary>Verbs of methods whose credential-named argument is being set: <c>SetPassword</c>, <c>WithSecret</c>, <c>UseApiKey</c>.</summary>
    private static readonly HashSet<string> SetterVerbs = new(StringComparer.Ordinal)
    {
        "set", "change", "with", "use", "add", "update", "reset", "create", "configure", "store", "save", "login", "authenticate",
    };

    /// <summary>The kind of credential a setter-like method receives, or null when the method is not one.</summary>
    private static Credential? SetsCredential(string method)
    {
        var words = SecurityPatterns.Words(method);
        if (words.Count < 2 || !SetterVerbs.Contains(words[0]))
        {
            return null;
        }

        var kind = Classify(method);
        return kind is Credential.None or Credential.BareKey ? null : kind;
    }

    /// <summary>The literal results of a member: its expression body, or literal return statements of its body and getter.</summary>
    private static IEnumerable<LiteralExpressionSyntax> ReturnedLiterals(SyntaxNode member)
    {
        var (arrow, body) = member switch
        {
            MethodDeclarationSyntax method => (method.ExpressionBody, (SyntaxNode?)method.Body),
            PropertyDeclarationSyntax property => (property.ExpressionBody, property.AccessorList),
            _ => (null, null),
        };
        if (arrow?.Expression is LiteralExpressionSyntax literal)
        {
            yield return literal;
        }

        if (body is null)
        {
            yield break;
        }

        foreach (var node in body.DescendantNodes(child => child is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax { Expression: LiteralExpressionSyntax returned })
            {
                yield return returned;
            }
            else if (node is ArrowExpressionClauseSyntax { Expression: LiteralExpressionSyntax getter })
            {
                yield return getter;
            }
        }
    }

    /// <summary>Cheap test before the regular expressions: only strings with one of these can match them.</summary>
    private static bool MayHoldSecret(string text) =>
        text.Contains('=')
        || text.Contains("://", StringComparison.Ordinal)
        || text.Contains("AKIA", StringComparison.Ordinal)
        || text.Contains("-----BEGIN", StringComparison.Ordinal)
        || text.Contains('_')
        || text.Contains("xox", StringComparison.Ordinal)
        || text.Contains("AIza", StringComparison.Ordinal)
        || text.Contains("SG.", StringComparison.Ordinal);

    private static Credential Classify(string name)
    {
        var words = SecurityPatterns.Words(name);
        if (words.Count == 0 || words.Contains("public"))
        {
            return Credential.None;
        }

        var head = words[^1];
        var keyQualified = words.Count >= 2 && head is "key" or "keys" && KeyQualifiers.Contains(words[^2]);
        if (keyQualified)
        {
            return Credential.Secret;
        }

        if (words.Count == 1 && head is "key" or "iv")
        {
            return Credential.BareKey;
        }

        if (DescriptiveHeads.Contains(head))
        {
            return Credential.None;
        }

        if (words.Any(PasswordWords.Contains) || head == "pass" || head == "pw")
        {
            return Credential.Password;
        }

        if (words.Any(SecretWords.Contains) || (words.Contains("api") && words.Contains("key")))
        {
            return Credential.Secret;
        }

        // Lower-case compounds such as "dbpassword" or "apisecret" do not split into words.
        var lower = name.ToLowerInvariant();
        if (lower.EndsWith("password", StringComparison.Ordinal) || lower.EndsWith("passwd", StringComparison.Ordinal))
        {
            return Credential.Password;
        }

        return lower.EndsWith("secret", StringComparison.Ordinal) || lower.EndsWith("apikey", StringComparison.Ordinal) || lower.EndsWith("token", StringComparison.Ordinal)
            ? Credential.Secret
            : Credential.None;
    }

    private static bool IsSecretValue(string raw, Credential kind, string name)
    {
        var value = StripAuthScheme(raw.Trim());
        if (!value.Any(char.IsLetterOrDigit) || IsPlaceholder(value) || IsParameterMarker(value) || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (NamesItself(value, name) || ConfigKeyOrPath().IsMatch(value) || value.Contains("://", StringComparison.Ordinal) || value[0] is '/' or '~' or '\\')
        {
            return false;
        }

        var hasDigitOrSymbol = value.Any(character => char.IsDigit(character) || !char.IsLetterOrDigit(character));
        var mixedCase = value.Any(char.IsUpper) && value.Any(char.IsLower);
        return kind switch
        {
            Credential.Password => true,
            Credential.Secret => value.Length >= 6 && (hasDigitOrSymbol || (mixedCase && value.Length >= 20)),
            Credential.BareKey => value.Length >= 16 && hasDigitOrSymbol && Entropy(value) >= 3.5,
            _ => false,
        };
    }

    private static string StripAuthScheme(string value)
    {
        foreach (var scheme in (ReadOnlySpan<string>)["Bearer ", "Basic ", "Token ", "Digest "])
        {
            if (value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return value[scheme.Length..].Trim();
            }
        }

        return value;
    }

    /// <summary>
    /// A value without digits that contains the name's own kind of word is a label or key name:
    /// <c>password = "Password"</c>, <c>token = "X-Auth-Token"</c>; <c>password = "secret"</c> is still a password.
    /// </summary>
    private static bool NamesItself(string value, string name)
    {
        if (value.Any(char.IsDigit))
        {
            return false;
        }

        var lower = value.ToLowerInvariant();
        var nameWords = SecurityPatterns.Words(name);
        return LabelWords.Any(word => lower.Contains(word, StringComparison.Ordinal) && nameWords.Any(nameWord => nameWord.Contains(word, StringComparison.Ordinal)))
            || (nameWords.Count == 1 && lower.Contains(nameWords[0], StringComparison.Ordinal));
    }

    /// <summary>Values such as <c>true</c> or <c>off</c> that switch a setting rather than hold a secret.</summary>
    private static bool IsSwitchValue(string value) => value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off";

    private static bool IsPlaceholder(string value)
    {
        if (PlaceholderValues.Contains(value) || value.All(character => character is '*' or 'x' or 'X' or '.' or '#' or '-' or '_' or '?'))
        {
            return true;
        }

        return (value.StartsWith('{') && value.EndsWith('}'))
            || (value.StartsWith('<') && value.EndsWith('>'))
            || (value.StartsWith('[') && value.EndsWith(']'))
            || (value.StartsWith('%') && value.EndsWith('%') && value.Length > 2)
            || value.StartsWith("${", StringComparison.Ordinal)
            || value.StartsWith("#{", StringComparison.Ordinal)
            || value.StartsWith("$(", StringComparison.Ordinal)
            || value.StartsWith("your", StringComparison.OrdinalIgnoreCase)
            || value.Contains("{0}", StringComparison.Ordinal)
            || value.Contains("{{", StringComparison.Ordinal);
    }

    /// <summary>SQL and ORM parameter markers in connection strings: <c>?</c>, <c>:password</c>, <c>@pwd</c>, <c>$1</c>.</summary>
    private static bool IsParameterMarker(string value) => value is "?" || (value.Length > 1 && value[0] is ':' or '@' or '$');

    /// <summary>The value with the first character kept and the rest masked, never revealing the length.</summary>
    private static string Mask(string value) => value.Length == 0 || char.IsControl(value[0]) ? "****" : value[0] + "****";

    /// <summary>The number of elements of an all-constant byte array such as <c>new byte[] { 1, 2, 3 }</c>, or null.</summary>
    private static int? ConstantBytes(ExpressionSyntax value)
    {
        var elements = SecurityPatterns.Unparenthesized(value) switch
        {
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.ToList(),
            ImplicitArrayCreationExpressionSyntax { Initializer: var initializer } => initializer.Expressions.ToList(),
            InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ArrayInitializerExpression } initializer => initializer.Expressions.ToList(),
            CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(element => element.Expression).ToList(),
            _ => null,
        };
        return elements is { Count: > 0 } && elements.All(element => element is LiteralExpressionSyntax { Token.Value: int or byte } or CastExpressionSyntax { Expression: LiteralExpressionSyntax })
            ? elements.Count
            : null;
    }

    private static double Entropy(string value)
    {
        var entropy = 0.0;
        foreach (var group in value.GroupBy(character => character))
        {
            var probability = (double)group.Count() / value.Length;
            entropy -= probability * Math.Log2(probability);
        }

        return entropy;
    }

    private static string Describe(string secret) => secret switch
    {
        _ when secret.StartsWith("AKIA", StringComparison.Ordinal) => "an AWS access key id",
        _ when secret.StartsWith("-----BEGIN", StringComparison.Ordinal) => "a private key",
        _ when secret.StartsWith("gh", StringComparison.Ordinal) || secret.StartsWith("github_pat_", StringComparison.Ordinal) => "a GitHub token",
        _ when secret.StartsWith("xox", StringComparison.Ordinal) => "a Slack token",
        _ when secret.StartsWith("sk_live_", StringComparison.Ordinal) => "a Stripe secret key",
        _ when secret.StartsWith("AIza", StringComparison.Ordinal) => "a Google API key",
        _ when secret.StartsWith("SG.", StringComparison.Ordinal) => "a SendGrid API key",
        _ => "a secret key",
    };

    /// <summary><c>key=value</c> pairs of connection strings, query strings and settings: <c>Password=…</c>, <c>api_key=…</c>.</summary>
    [GeneratedRegex("""(?<key>[A-Za-z][\w\-]*)\s*=\s*(?<value>"[^"]*"|'[^']*'|[^;&]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValuePairs();

    [GeneratedRegex("""\b[a-z][a-z0-9+.\-]*://(?<user>[A-Za-z0-9._~%!$&'()*+,;=\-]+):(?<password>[^\s/@{}<>]+)@""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UriCredentials();

    [GeneratedRegex("""AKIA[0-9A-Z]{16}|-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----|gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,}|xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[0-9a-zA-Z]{24,}|AIza[0-9A-Za-z_\-]{35}|SG\.[\w\-]{22}\.[\w\-]{43}""", RegexOptions.CultureInvariant)]
    private static partial Regex KnownSecretFormats();

    /// <summary>Configuration keys and dotted names: <c>Jwt:Key</c>, <c>custom.password</c>, <c>DB_PASSWORD</c>.</summary>
    [GeneratedRegex("""^(?:[A-Za-z_][A-Za-z_\-]*(?:[:.][A-Za-z_][A-Za-z_\-]*)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$""", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigKeyOrPath();
}
