using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// <c>System.Random</c> output that becomes a secret: the value lands in (or is returned by)
/// something named like a token, password, key, salt, nonce or one-time code, or fills a byte
/// buffer with <c>NextBytes</c>. Random for games, jitter, sampling or shuffling is left alone.
/// </summary>
public sealed class InsecureRandomRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/insecure-random",
        "Predictable random numbers used for a secret",
        Category.Security,
        Severity.Warning,
        "System.Random is a fast pseudo-random generator, not a cryptographic one: its seed and state can be recovered from a few outputs, so tokens, passwords, keys and codes made from it can be predicted.",
        "Use `RandomNumberGenerator.GetInt32(min, max)`, `RandomNumberGenerator.Fill(buffer)` or `RandomNumberGenerator.GetHexString(length)`.");

    private static readonly HashSet<string> DrawMethods = new(StringComparer.Ordinal)
    {
        "Next", "NextBytes", "NextDouble", "NextInt64", "NextSingle", "GetItems", "GetHexString", "GetString", "Shuffle",
    };

    /// <summary>How many lines after <c>NextBytes</c> a finding may reach down to where the buffer becomes a key.</summary>
    private const int KeyUseReach = 10;

    /// <summary>Algorithms whose constructor takes the key.</summary>
    private static readonly HashSet<string> KeyedAlgorithms = new(StringComparer.Ordinal)
    {
        "AesGcm", "AesCcm", "ChaCha20Poly1305", "HMACSHA1", "HMACSHA256", "HMACSHA384", "HMACSHA512", "HMACSHA3_256", "HMACSHA3_384", "HMACSHA3_512", "HMACMD5",
        "SymmetricSecurityKey",
    };

    /// <summary>Words that, as part of a name, say the value is a secret.</summary>
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "passphrase", "secret", "token", "salt", "nonce", "otp", "totp", "hotp", "pin", "session",
        "csrf", "xsrf", "iv", "captcha", "credential", "credentials", "auth", "apikey", "encryption", "cipher", "crypto", "passcode",
    };

    /// <summary>Words that make "code" mean a one-time or verification code.</summary>
    private static readonly HashSet<string> CodeQualifiers = new(StringComparer.Ordinal)
    {
        "verification", "verify", "reset", "confirm", "confirmation", "activation", "activate", "auth", "otp", "security", "sms",
        "email", "login", "access", "invite", "invitation", "recovery", "mfa", "2fa", "two", "factor", "unlock", "one", "time",
    };

    /// <summary>Words that, next to "key", mean a lookup key rather than key material.</summary>
    private static readonly HashSet<string> LookupKeyWords = new(StringComparer.Ordinal)
    {
        "cache", "partition", "sort", "primary", "foreign", "dictionary", "lookup", "map", "idempotency", "row", "hot", "keyboard", "press", "code",
    };

    /// <summary>Head words of intermediate values (an index into a character set, a length) that say nothing either way.</summary>
    private static readonly HashSet<string> MeasureWords = new(StringComparer.Ordinal)
    {
        "index", "idx", "length", "len", "count", "size", "offset", "position", "pos", "choice", "pick", "number", "num", "digit", "char", "character",
    };

    /// <summary>Head words of names that label or locate something rather than hold it: <c>sessionName</c>, <c>tokenFile</c>.</summary>
    private static readonly HashSet<string> LabelWords = new(StringComparer.Ordinal)
    {
        "name", "names", "label", "title", "file", "filename", "path", "folder", "directory", "url", "type", "kind", "prefix", "suffix",
    };

    /// <summary>Words that say the randomness serves games, timing, sampling or test data.</summary>
    private static readonly HashSet<string> HarmlessWords = new(StringComparer.Ordinal)
    {
        "shuffle", "shuffled", "jitter", "delay", "backoff", "retry", "sleep", "wait", "interval", "timeout", "sample", "sampling",
        "color", "colour", "dice", "die", "roll", "game", "player", "enemy", "spawn", "noise", "test", "tests", "mock", "fake", "dummy",
        "demo", "simulate", "simulation", "animation", "position", "width", "height", "weight", "latency", "chance", "probability",
        "percent", "age", "score", "temperature", "price", "quantity", "greeting", "quote", "joke", "avatar",
        "port", "balance", "balancer", "shard", "bucket", "duration", "period", "milliseconds", "seconds", "minutes", "hue", "angle",
        "speed", "velocity", "opacity", "volume", "winner", "lottery", "card", "deck",
        "question", "answer", "tip", "fact", "seed",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reportedMembers = new HashSet<SyntaxNode>();
        var qualify = !context.Root.Usings.Any(directive => directive.Name?.ToString() == "System.Security.Cryptography");
        bool? userDefinesRandom = null;
        foreach (var invocation in Draws(context).OrderBy(draw => draw.SpanStart))
        {
            var member = (MemberAccessExpressionSyntax)invocation.Expression;
            userDefinesRandom ??= context.Model.Compilation.ContainsSymbolsWithName("Random", SymbolFilter.Type);
            if (userDefinesRandom.Value && !IsSystemRandom(member.Expression, context.Model))
            {
                continue;
            }

            // One finding per member, so every draw of a member the change touched is judged, old ones too;
            // a member it did not touch gets no finding it could keep.
            var scope = SecurityPatterns.Scope(invocation);
            if (!context.TouchesChange(scope) || reportedMembers.Contains(scope) || Judge(context, invocation, member) is not { } reason)
            {
                continue;
            }

            reportedMembers.Add(scope);
            Report(context, invocation, member, reason, qualify);
        }
    }

    private void Report(CSharpRuleContext context, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member, string reason, bool qualify)
    {
        var message = $"`{SecurityPatterns.Code(invocation)}` draws from System.Random {reason}; System.Random is predictable, so an attacker who sees a few outputs can reproduce the value.";
        var generator = qualify ? "System.Security.Cryptography.RandomNumberGenerator" : "RandomNumberGenerator";
        var arguments = invocation.ArgumentList.Arguments;
        var replacement = member.Name.Identifier.ValueText switch
        {
            "Next" when arguments.Count == 0 => $"{generator}.GetInt32(int.MaxValue)",
            "Next" when arguments.Count <= 2 => $"{generator}.GetInt32({string.Join(", ", arguments.Select(argument => argument.Expression.ToString()))})",
            "NextBytes" when arguments.Count == 1 => $"{generator}.Fill({arguments[0].Expression})",
            _ => null,
        };
        var singleLine = context.LineOf(invocation.SpanStart) == context.LineOf(invocation.Span.End);
        var keyUse = member.Name.Identifier.ValueText == "NextBytes" && arguments.Count == 1 ? KeyUse(context, invocation, arguments[0].Expression) : null;
        if (replacement is not null && singleLine)
        {
            SecurityPatterns.ReportWithFix(context, this, invocation, [(invocation.Span, replacement)], message, keyUse);
        }
        else
        {
            context.Report(this, context.LineOf(invocation.SpanStart), context.LineOf(Math.Max(keyUse?.SpanStart ?? 0, invocation.Span.End - 1)), message);
        }
    }

    /// <summary>
    /// The nearby statement that makes a filled buffer key material: <c>cipher.Key = buffer</c>,
    /// <c>aes.IV = buffer</c> or <c>new AesGcm(buffer)</c>. The finding reaches down to it, since that
    /// is where the predictable bytes become a key.
    /// </summary>
    private static SyntaxNode? KeyUse(CSharpRuleContext context, InvocationExpressionSyntax fill, ExpressionSyntax buffer)
    {
        if (SecurityPatterns.SimpleName(buffer) is not { } variable)
        {
            return null;
        }

        var line = context.LineOf(fill.SpanStart);
        foreach (var use in SecurityPatterns.IdentifiersIn(context, SecurityPatterns.Scope(fill), variable))
        {
            if (use.SpanStart <= fill.Span.End)
            {
                continue;
            }

            if (context.LineOf(use.SpanStart) - line > KeyUseReach)
            {
                return null;
            }

            var parent = SecurityPatterns.ValueParent(use.Parent!, out var child);
            switch (parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Right == child && SecurityPatterns.SimpleName(assignment.Left) is "Key" or "IV":
                    return assignment;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax creation } }
                    when SecurityPatterns.CreatedTypeName(creation, context.Model) is { } type && KeyedAlgorithms.Contains(type):
                    return creation;
            }
        }

        return null;
    }

    /// <summary>
    /// Calls such as <c>Next</c> or <c>NextBytes</c> on <c>new Random()</c>, <c>Random.Shared</c>, or a
    /// variable, field, property or parameter declared as or initialized with a Random, found from
    /// the occurrences of the word "Random" rather than by walking the tree. The whole file is searched:
    /// a generator declared in old code is drawn from in new code.
    /// </summary>
    private static HashSet<InvocationExpressionSyntax> Draws(CSharpRuleContext context)
    {
        var draws = new HashSet<InvocationExpressionSyntax>();
        foreach (var token in SecurityPatterns.OccurrencesInFile(context, StringComparison.Ordinal, "Random"))
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != "Random" || token.Parent is not SimpleNameSyntax name)
            {
                continue;
            }

            // System.Random and global::System.Random name the same type.
            SyntaxNode reference = name;
            while (reference.Parent is QualifiedNameSyntax qualified && qualified.Right == reference
                || reference.Parent is MemberAccessExpressionSyntax { Parent: not InvocationExpressionSyntax } access && access.Name == reference && access.Expression is IdentifierNameSyntax { Identifier.ValueText: "System" }
                || reference.Parent is AliasQualifiedNameSyntax alias && alias.Name == reference)
            {
                reference = reference.Parent;
            }

            switch (reference.Parent)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Shared" } shared when shared.Expression == reference:
                    AddDraw(shared, draws);
                    break;
                case ObjectCreationExpressionSyntax creation when creation.Type == reference:
                    AddDraw(creation, draws);
                    AddUses(context, Holder(creation), draws);
                    break;
                case VariableDeclarationSyntax declaration:
                    foreach (var declarator in declaration.Variables)
                    {
                        var scope = declaration.Parent is FieldDeclarationSyntax { Parent: { } type } ? type : SecurityPatterns.Scope(declarator);
                        AddUses(context, (declarator.Identifier.ValueText, scope), draws);
                    }

                    break;
                case ParameterSyntax parameter when parameter.Parent?.Parent is { } method:
                    AddUses(context, (parameter.Identifier.ValueText, method), draws);
                    break;
                case PropertyDeclarationSyntax property when property.Parent is { } type:
                    AddUses(context, (property.Identifier.ValueText, type), draws);
                    break;
            }
        }

        return draws;
    }

    /// <summary>The variable (and the node to search for its uses) that a created Random is stored in.</summary>
    private static (string Name, SyntaxNode Scope)? Holder(ExpressionSyntax creation) =>
        SecurityPatterns.ValueParent(creation, out var child) switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } declarator } => (declarator.Identifier.ValueText, field.Parent!),
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => (declarator.Identifier.ValueText, SecurityPatterns.Scope(declarator)),
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => (property.Identifier.ValueText, property.Parent!),
            AssignmentExpressionSyntax assignment when assignment.Right == child && SecurityPatterns.SimpleName(assignment.Left) is { } target
                => (target, (SyntaxNode?)assignment.FirstAncestorOrSelf<TypeDeclarationSyntax>() ?? SecurityPatterns.Scope(assignment)),
            _ => null,
        };

    private static void AddUses(CSharpRuleContext context, (string Name, SyntaxNode Scope)? holder, HashSet<InvocationExpressionSyntax> draws)
    {
        if (holder is not { } variable)
        {
            return;
        }

        foreach (var use in SecurityPatterns.IdentifiersIn(context, variable.Scope, variable.Name))
        {
            if (use.Parent is IdentifierNameSyntax identifier)
            {
                AddDraw(identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == identifier ? self : identifier, draws);
            }
        }
    }

    private static void AddDraw(ExpressionSyntax receiver, HashSet<InvocationExpressionSyntax> draws)
    {
        if (receiver.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } member
            && member.Expression == receiver
            && DrawMethods.Contains(member.Name.Identifier.ValueText))
        {
            draws.Add(invocation);
        }
    }

    /// <summary>True for <c>new Random()</c>, <c>Random.Shared</c> and variables of type <c>System.Random</c>.</summary>
    private static bool IsSystemRandom(ExpressionSyntax receiver, SemanticModel model)
    {
        var value = SecurityPatterns.Unparenthesized(receiver);
        if (value is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Shared" } shared)
        {
            return SecurityPatterns.TypeLikeName(shared.Expression) == "Random";
        }

        var type = model.GetTypeInfo(value!).Type;
        if (type is not null and not IErrorTypeSymbol)
        {
            return type.Name == "Random" && type.ContainingNamespace?.ToDisplayString() == "System";
        }

        return TypeNames.Of(value!, model) == "Random";
    }

    /// <summary>Why the drawn value is a secret, or null when nothing says so (or something says it is harmless).</summary>
    private static string? Judge(CSharpRuleContext context, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member)
    {
        var fillsBuffer = member.Name.Identifier.ValueText == "NextBytes";
        var names = new List<(string Name, string Reason)>();
        var arguments = invocation.ArgumentList.Arguments;
        var destination = fillsBuffer
            ? (arguments.Count == 1 ? SecurityPatterns.SimpleName(arguments[0].Expression) : null)
            : FollowValue(invocation);
        var enclosing = SecurityPatterns.EnclosingMemberName(invocation);
        if (destination is not null)
        {
            names.Add((destination, fillsBuffer ? $"to fill `{destination}`" : ForReason(destination, enclosing)));
            foreach (var next in DestinationsOfVariable(context, invocation, destination))
            {
                names.Add((next, ForReason(next, enclosing)));
            }
        }

        if (enclosing is { } memberName)
        {
            names.Add((memberName, $"in `{memberName}`"));
            foreach (var caller in CallerDestinations(context, invocation, memberName))
            {
                names.Add((caller, $"in `{memberName}`, whose result becomes `{caller}`"));
            }
        }

        if (SecurityPatterns.SimpleName(member.Expression) is { } generatorName)
        {
            names.Add((generatorName, $"through `{generatorName}`"));
        }

        if (invocation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type)
        {
            names.Add((type.Identifier.ValueText, $"in `{type.Identifier.ValueText}`"));
        }

        foreach (var (name, reason) in names)
        {
            switch (Classify(name))
            {
                case Meaning.Harmless:
                    return null;
                case Meaning.Secret:
                    return reason;
            }
        }

        return fillsBuffer ? "to fill a byte buffer, which is how keys, salts and tokens are made" : null;
    }

    private static string ForReason(string destination, string? enclosing) =>
        destination == enclosing ? $"for the result of `{destination}`" : $"for `{destination}`";

    /// <summary>Follows the drawn value through arithmetic, indexing, string building and conversions to the name it is stored in.</summary>
    private static string? FollowValue(ExpressionSyntax start)
    {
        SyntaxNode current = start;
        for (var step = 0; step < 8; step++)
        {
            var parent = SecurityPatterns.ValueParent(current, out var child);
            switch (parent)
            {
                case BinaryExpressionSyntax or InterpolationSyntax or InterpolatedStringExpressionSyntax or PrefixUnaryExpressionSyntax or CheckedExpressionSyntax:
                    current = parent;
                    continue;
                case ArgumentSyntax { Parent: BracketedArgumentListSyntax { Parent: ElementAccessExpressionSyntax element } }:
                    current = element;
                    continue;
                case ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call }:
                    // `builder.Append(x)` stores into the builder; `Convert.ToString(x)` passes the value on.
                    if (TypeNames.Receiver(call) is IdentifierNameSyntax receiver && TypeNames.InvokedName(call) is "Append" or "Add" or "Insert" or "Push" or "Enqueue")
                    {
                        return receiver.Identifier.ValueText;
                    }

                    current = call;
                    continue;
                case ArgumentSyntax { Parent.Parent: BaseObjectCreationExpressionSyntax creation }:
                    current = creation;
                    continue;
                case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax conversion } when child == ((MemberAccessExpressionSyntax)parent).Expression:
                    current = conversion;
                    continue;
                case LambdaExpressionSyntax lambda when lambda.Body == child:
                    current = lambda;
                    continue;
                case AssignmentExpressionSyntax assignment when assignment.Right == child:
                    return assignment.Left is ElementAccessExpressionSyntax indexed ? SecurityPatterns.SimpleName(indexed.Expression) : SecurityPatterns.SimpleName(assignment.Left);
                case ExpressionSyntax and not LambdaExpressionSyntax:
                    current = parent;
                    continue;
            }

            return current is ExpressionSyntax expression ? SecurityPatterns.Destination(expression) : null;
        }

        return null;
    }

    /// <summary>Where a buffer filled by <c>NextBytes</c> goes next in the same member: <c>var token = Convert.ToBase64String(buffer)</c> → <c>token</c>.</summary>
    private static IEnumerable<string> DestinationsOfVariable(CSharpRuleContext context, SyntaxNode use, string variable)
    {
        foreach (var token in SecurityPatterns.IdentifiersIn(context, SecurityPatterns.Scope(use), variable))
        {
            if (token.Parent is IdentifierNameSyntax identifier && identifier.SpanStart > use.Span.End && FollowValue(identifier) is { } destination && destination != variable)
            {
                yield return destination;
            }
        }
    }

    /// <summary>Names that callers in this file give to the member's result: <c>string password = RandomString(10)</c>.</summary>
    private static IEnumerable<string> CallerDestinations(CSharpRuleContext context, SyntaxNode inside, string memberName)
    {
        if (inside.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method || method.ReturnType is PredefinedTypeSyntax { Keyword.ValueText: "void" })
        {
            yield break;
        }

        var typeName = method.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText;
        foreach (var token in SecurityPatterns.IdentifiersIn(context, context.Root, memberName))
        {
            if (token.Parent is not SimpleNameSyntax called
                || (called.Parent as InvocationExpressionSyntax ?? called.Parent?.Parent as InvocationExpressionSyntax) is not { } call)
            {
                continue;
            }

            var callsThisMember = call.Expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText == memberName,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } member => member.Name.Identifier.ValueText == memberName
                    && (member.Expression is ThisExpressionSyntax || ((IdentifierNameSyntax)member.Expression).Identifier.ValueText == typeName),
                _ => false,
            };
            if (callsThisMember && !method.Span.Contains(call.Span) && FollowValue(call) is { } destination)
            {
                yield return destination;
            }
        }
    }

    private enum Meaning
    {
        Neutral,
        Secret,
        Harmless,
    }

    /// <summary>Reads a name by its words, the last (head) word first: <c>passwordLength</c> is a length, <c>resetCode</c> a code.</summary>
    private static Meaning Classify(string name)
    {
        var words = IdentifierWords.Lower(name);
        if (words.Count == 0)
        {
            return Meaning.Neutral;
        }

        if (HarmlessWords.Contains(words[^1]))
        {
            return Meaning.Harmless;
        }

        if (MeasureWords.Contains(words[^1]) || LabelWords.Contains(words[^1]))
        {
            return Meaning.Neutral;
        }

        for (var index = words.Count - 1; index >= 0; index--)
        {
            var word = words[index];
            if (SecretWords.Contains(word)
                || (word == "pass" && index == words.Count - 1)
                || (word is "key" or "keys" && !words.Any(LookupKeyWords.Contains))
                || (word == "code" && (words.Count == 1 || words.Any(CodeQualifiers.Contains))))
            {
                return Meaning.Secret;
            }

            if (HarmlessWords.Contains(word))
            {
                return Meaning.Harmless;
            }
        }

        // Lower-case compounds such as "passwordgenerator" do not split into words.
        var lower = name.ToLowerInvariant();
        return lower.Contains("password", StringComparison.Ordinal) || lower.Contains("token", StringComparison.Ordinal) || lower.Contains("secret", StringComparison.Ordinal)
            ? Meaning.Secret
            : Meaning.Neutral;
    }
}
