using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Secrets;
using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Credentials written into the code. This rule only finds candidates, the C# shapes a constant
/// lands in a name: fields, properties, constants and locals, assignments and object initializers,
/// named arguments, anonymous objects, dictionary entries and key/value writers, members that
/// return a literal, comparisons, setters (<c>SetPassword("…")</c>), the password or key arguments
/// of credential, certificate and key-derivation APIs, <c>SecureString</c>s filled from a literal,
/// and every constant string (connection strings, URLs with a password, known token formats).
/// <see cref="SecretDetector"/> decides, as it does for Python and text files.
/// </summary>
public sealed class HardcodedSecretRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/hardcoded-secret",
        "Hard-coded password, key or token",
        Category.Security,
        Severity.Error,
        "A credential in source code is readable by everyone with access to the repository, its history, build logs or the compiled binary, and cannot be rotated without a release.",
        "Read it from configuration or a secret store (`IConfiguration` with user secrets, environment variables, Azure Key Vault, AWS Secrets Manager), and rotate the value that was committed.");

    private static readonly HashSet<string> KeyValueWriters = new(StringComparer.Ordinal)
    {
        "Add", "TryAdd", "Set", "Append", "Put", "AddOrUpdate", "AddParameter", "AddQueryParameter", "AddHeader", "SetEnvironmentVariable",
        "AddDefaultHeader", "Create",
    };

    /// <summary>Words whose occurrences (in names or strings) can start a finding; compared ignoring case.</summary>
    private static readonly string[] AnchorWords =
    [
        "pass", "pwd", "secret", "token", "key", "credential", "auth", "bearer", "DeriveBytes", "HMAC", "Pbkdf2", "Login", "CreateUser", "X509Certificate",
        "://", "AppendChar", .. CredentialFormats.Anchors.Where(anchor => anchor.Length > 2),
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
                    Check(SecretCandidateKind.Assignment, declarator.Identifier.ValueText, value, declarator);
                    break;
                case PropertyDeclarationSyntax { Initializer.Value: var initial } property:
                    Check(SecretCandidateKind.Assignment, property.Identifier.ValueText, initial, property);
                    break;
                case PropertyDeclarationSyntax or MethodDeclarationSyntax:
                    // `string Password => "…"` and `string GetApiKey() { return "…"; }`: the member's name receives the literal.
                    foreach (var returned in ReturnedLiterals(node))
                    {
                        Visit(returned.Parent!);
                    }

                    break;
                case ArrowExpressionClauseSyntax { Expression: LiteralExpressionSyntax arrowValue } arrow when SecurityPatterns.EnclosingMemberName(arrow) is { } arrowName:
                    Check(SecretCandidateKind.Assignment, arrowName, arrowValue, arrow);
                    break;
                case ReturnStatementSyntax { Expression: LiteralExpressionSyntax returned } statement when SecurityPatterns.EnclosingMemberName(statement) is { } returnName:
                    Check(SecretCandidateKind.Assignment, returnName, returned, statement);
                    break;
                case AssignmentExpressionSyntax assignment when (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.AddAssignmentExpression))
                    && SecurityPatterns.SimpleName(assignment.Left) is { } target:
                    Check(SecretCandidateKind.Assignment, target, assignment.Right, assignment);
                    break;
                case ArgumentSyntax { NameColon.Name.Identifier.ValueText: var parameter } argument:
                    Check(SecretCandidateKind.NamedArgument, parameter, argument.Expression, argument);
                    break;
                case AnonymousObjectMemberDeclaratorSyntax { NameEquals.Name.Identifier.ValueText: var member } declaratorMember:
                    Check(SecretCandidateKind.Assignment, member, declaratorMember.Expression, declaratorMember);
                    break;
                case InitializerExpressionSyntax { Expressions: [var key, var pair] } element when element.IsKind(SyntaxKind.ComplexElementInitializerExpression)
                    && SecurityPatterns.StringValue(key, context.Model) is { } keyName:
                    Check(SecretCandidateKind.DictionaryEntry, keyName, pair, element);
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
                    Check(SecretCandidateKind.CredentialArgument, "the password of `Rfc2898DeriveBytes.Pbkdf2`", arguments[0].Expression, invocation);
                    break;
                case "Authenticate" or "Login" or "LogIn" or "SignIn" or "Connect" or "CreateUser" when arguments.Count == 2 && arguments.All(argument => argument.Expression is LiteralExpressionSyntax):
                    Check(SecretCandidateKind.CredentialArgument, $"the password passed to `{method}`", arguments[1].Expression, invocation);
                    break;
                case not null when KeyValueWriters.Contains(method) && arguments.Count == 2 && SecurityPatterns.StringValue(arguments[0].Expression, context.Model) is { } key:
                    Check(SecretCandidateKind.DictionaryEntry, key, arguments[1].Expression, invocation);
                    break;
                case "AppendChar" when arguments.Count == 1 && IsSecureString(TypeNames.Receiver(invocation)) && SecureStringCharacter(arguments[0].Expression) is { } character:
                    // A SecureString filled character by character from a literal holds that literal.
                    Report(invocation, SecretDetector.Judge(new SecretCandidate(SecretCandidateKind.CredentialArgument, "a character of a `SecureString`", character)));
                    break;
                case not null when arguments.Count > 0 && SetsCredential(method):
                    // ChangePassword(old, "n3w"), SetApiKey("…"), WithSecret(Secret): the last constant argument is the credential.
                    var credential = arguments.Select(argument => (argument.Expression, Text: LiteralText(argument.Expression))).LastOrDefault(pair => pair.Text is not null);
                    if (credential.Text is { } value && !IsReportedWhereDeclared(credential.Expression))
                    {
                        Report(invocation, SecretDetector.Judge(new SecretCandidate(SecretCandidateKind.SetterCall, method, value)));
                    }

                    break;
            }
        }

        private void VisitCreation(BaseObjectCreationExpressionSyntax creation)
        {
            // Arguments first: naming the type of a target-typed `new()` binds its statement.
            var arguments = creation.ArgumentList?.Arguments ?? default;
            if (arguments.Count == 0 || SecurityPatterns.CreatedTypeName(creation, context.Model) is not { } type)
            {
                return;
            }

            if (type is "X509Certificate2" or "X509Certificate" && arguments.Count >= 2)
            {
                Check(SecretCandidateKind.CredentialArgument, $"the password of `{type}`", arguments[1].Expression, creation);
            }
            else if (type is "PasswordDeriveBytes" or "Rfc2898DeriveBytes")
            {
                Check(SecretCandidateKind.CredentialArgument, $"the password of `{type}`", arguments[0].Expression, creation);
            }
            else if (type is "SymmetricSecurityKey" || type.StartsWith("HMAC", StringComparison.Ordinal))
            {
                Check(SecretCandidateKind.CredentialArgument, $"the key of `{type}`", arguments[0].Expression, creation);
            }
            else if (type is "KeyValuePair" && arguments.Count == 2 && SecurityPatterns.StringValue(arguments[0].Expression, context.Model) is { } key)
            {
                Check(SecretCandidateKind.DictionaryEntry, key, arguments[1].Expression, creation);
            }
            else if (type.EndsWith("Credential", StringComparison.Ordinal) || type.EndsWith("Credentials", StringComparison.Ordinal))
            {
                // new NetworkCredential("user", "P@ss"), new BasicAWSCredentials(id, "secret"), new AzureKeyCredential("key"):
                // the secret is the second argument of NetworkCredential and the last one elsewhere.
                var secret = type == "NetworkCredential" ? arguments.ElementAtOrDefault(1) : arguments[^1];
                if (secret is not null && (arguments.Count >= 2 || type.EndsWith("KeyCredential", StringComparison.Ordinal)))
                {
                    Check(SecretCandidateKind.CredentialArgument, $"the secret of `{type}`", secret.Expression, creation);
                }
            }
        }

        /// <summary>A value that lands in a name (or, for a credential argument, a role): the detector judges the name and the value.</summary>
        private void Check(SecretCandidateKind kind, string name, ExpressionSyntax value, SyntaxNode anchor)
        {
            var verdict = ConstantBytes(value) is { } byteCount ? SecretDetector.KeyBytes(kind, name, byteCount)
                : LiteralText(value) is { } text ? SecretDetector.Judge(new SecretCandidate(kind, name, text))
                : null;
            Report(anchor, verdict);
        }

        private void CheckComparison(ExpressionSyntax named, ExpressionSyntax other, SyntaxNode anchor)
        {
            if (named is LiteralExpressionSyntax
                || (named is InvocationExpressionSyntax call ? TypeNames.InvokedName(call) : SecurityPatterns.SimpleName(named)) is not { } name
                || LiteralText(other) is not { } text)
            {
                return;
            }

            Report(anchor, SecretDetector.Judge(new SecretCandidate(SecretCandidateKind.Comparison, name, text)));
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
            if (text.Length >= 6 && MayHoldSecret(text))
            {
                Report(ReportNode(node), SecretDetector.Judge(new SecretCandidate(SecretCandidateKind.Text, string.Empty, text)));
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

        private void Report(SyntaxNode anchor, SecretVerdict? verdict)
        {
            if (verdict is not null && reportedLines.Add(context.LineOf(anchor.SpanStart)))
            {
                context.Report(rule, anchor, verdict.Message);
            }
        }

        /// <summary>
        /// True when the value is a constant, field or local of this file whose declaration gets the finding itself
        /// (<c>const string secret = "…";</c>): every <c>WithSecret(secret)</c> after it would repeat that finding.
        /// </summary>
        private bool IsReportedWhereDeclared(ExpressionSyntax value)
        {
            var name = SecurityPatterns.Unparenthesized(value);
            if (name is not (IdentifierNameSyntax or MemberAccessExpressionSyntax) || context.Model.GetSymbolInfo(name).Symbol is not { } symbol || symbol is not (ILocalSymbol or IFieldSymbol))
            {
                return false;
            }

            return symbol.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == context.Tree
                && reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: var initial } declarator
                && LiteralText(initial) is { } text
                && SecretDetector.Judge(new SecretCandidate(SecretCandidateKind.Assignment, declarator.Identifier.ValueText, text)) is not null);
        }

        /// <summary>True unless the receiver resolves to a type other than <c>SecureString</c> (one of the code's own with an <c>AppendChar</c>).</summary>
        private bool IsSecureString(ExpressionSyntax? receiver) =>
            receiver is not null && context.Model.GetTypeInfo(receiver).Type is null or IErrorTypeSymbol or { Name: "SecureString" };

        /// <summary>The literal behind <c>AppendChar('P')</c> or <c>AppendChar("P@ss"[i])</c>, or null.</summary>
        private string? SecureStringCharacter(ExpressionSyntax argument) => SecurityPatterns.Unparenthesized(argument) switch
        {
            LiteralExpressionSyntax { Token.Value: char character } => character.ToString(),
            ElementAccessExpressionSyntax { Expression: var text } => LiteralText(text),
            _ => null,
        };

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

    /// <summary>True when the method sets a credential: <c>SetPassword</c>, <c>ChangePassword</c>, <c>WithApiKey</c>.</summary>
    private static bool SetsCredential(string method)
    {
        var words = IdentifierWords.Lower(method);
        return words.Count >= 2 && SetterVerbs.Contains(words[0]) && SecretNames.Classify(method) is SecretNameKind.Password or SecretNameKind.Secret;
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

    /// <summary>Cheap test before the detector: only strings with one of these can hold a pair, a URL with a password or a known format.</summary>
    private static bool MayHoldSecret(string text) =>
        text.Contains('=', StringComparison.Ordinal) || text.Contains("://", StringComparison.Ordinal) || CredentialFormats.MayHold(text);

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
}
