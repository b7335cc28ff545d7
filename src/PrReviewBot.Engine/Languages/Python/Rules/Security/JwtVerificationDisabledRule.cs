using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// JSON Web Tokens read without checking their signature: PyJWT or python-jose <c>decode</c> with
/// <c>verify=False</c> or <c>options={"verify_signature": False}</c>, the <c>none</c> algorithm,
/// python-jose's <c>get_unverified_claims</c>, and python_jwt's <c>process_jwt</c> without <c>verify_jwt</c>.
/// </summary>
/// <remarks>
/// Peeking at a token before verifying it is a normal step (find the issuer, pick the key by
/// <c>kid</c>): an unverified read is left alone when the same function later decodes the same
/// token with verification, and an unverified header is left alone when only its key-selection
/// fields are read.
/// </remarks>
public sealed class JwtVerificationDisabledRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/jwt-verification-disabled",
        "JWT decoded without signature verification",
        Category.Security,
        Severity.Error,
        "A token whose signature is not checked can be forged by anyone: they edit the claims (user id, roles, expiry) and the server believes them.",
        "Decode with the key and an explicit algorithm list: `jwt.decode(token, key, algorithms=[\"HS256\"])`; never pass `verify=False`, `options={\"verify_signature\": False}` or the `none` algorithm.");

    /// <summary>Header fields that only say which key or algorithm to verify with.</summary>
    private static readonly HashSet<string> KeySelectionFields = new(StringComparer.Ordinal)
    {
        "kid", "alg", "x5u", "x5t", "x5t#S256", "jku", "typ", "x5c",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            var resolved = PythonSecurityHelpers.Resolved(module, call);
            if (!IsJwtLibrary(resolved))
            {
                continue;
            }

            var line = call.Line;
            var message = call.Name switch
            {
                "decode" or "decode_complete" => DecodeProblem(module, call, ref line),
                "encode" when IsNone(module, call.Keyword("algorithm")) =>
                    $"`{call.Callee}(..., algorithm=\"none\")` issues an unsigned token that anyone can forge; sign it with `HS256` or `RS256`.",
                "get_unverified_claims" when !VerifiedLater(module, call) =>
                    $"`{call.Callee}` returns the claims without checking the signature, so anyone can forge them; use `jwt.decode(token, key, algorithms=[...])`.",
                "get_unverified_header" or "get_unverified_headers" when AlgorithmTakenFromHeader(context, call) =>
                    $"`{call.Callee}` reads the algorithm from the token itself and `jwt.decode` then accepts it unchecked, so an attacker picks how their token is verified (algorithm confusion); pass a fixed list such as `algorithms=[\"RS256\"]`.",
                "get_unverified_header" or "get_unverified_headers" when !VerifiedLater(module, call) && !OnlyKeySelection(module, call) =>
                    $"`{call.Callee}` returns a header nobody has verified and its values are used beyond picking the key; verify the token with `jwt.decode(token, key, algorithms=[...])` before trusting it.",
                "verify" when resolved.StartsWith("jose.jws.", StringComparison.Ordinal) && PythonSecurityHelpers.IsFalse(module, call.Keyword("verify")) && !VerifiedLater(module, call) =>
                    $"`{call.Callee}(..., verify=False)` returns the payload without checking its signature, so anyone can forge it; verify with the key and `algorithms=[...]`.",
                "process_jwt" when !module.Calls.Any(other => other.Name == "verify_jwt" && ReferenceEquals(other.Scope, call.Scope)) =>
                    $"`{call.Callee}` parses the token without checking its signature, and nothing here calls `verify_jwt`; verify it with `python_jwt.verify_jwt(token, key, [\"RS256\"])`.",
                _ => null,
            };
            if (message is not null)
            {
                // Options built above the call: the finding spans from where verification is turned off to the call that trusts the token.
                context.Report(this, line, Math.Max(line, call.Line), message);
            }
        }
    }

    /// <summary>
    /// A later <c>decode</c> in the same function takes <c>algorithms</c> from this header, inline
    /// (<c>algorithms=[header.get("alg")]</c>) or through a name no allow-list check (<c>if alg not in [...]</c>) guards first.
    /// </summary>
    private static bool AlgorithmTakenFromHeader(PythonRuleContext context, PythonCall call)
    {
        var module = context.Module;
        var values = module.Values;
        var header = PythonSecurityHelpers.AssignedFrom(module, call) is { Targets: [{ Kind: PythonTargetKind.Name } target] } ? target.Text : null;
        foreach (var decode in module.Calls.Where(other => other.Line >= call.Line && ReferenceEquals(other.Scope, call.Scope) && other.Name is "decode" or "decode_complete"))
        {
            if (decode.Keyword("algorithms") is not { } argument || values.Of(argument) is not { } algorithms)
            {
                continue;
            }

            var parts = algorithms.DescendantsAndSelf().ToList();
            if (parts.Any(part => part is PyCall { Function: PyName { Id: "get_unverified_header" } or PyMember { Name: "get_unverified_header" } })
                || (header is not null && parts.Any(part => ReadsAlgorithm(part, header))))
            {
                return true;
            }

            if (header is null)
            {
                continue;
            }

            foreach (var name in parts.OfType<PyName>().Select(part => part.Id).Distinct(StringComparer.Ordinal))
            {
                var bound = module.Assignments.LastOrDefault(candidate => candidate.Line > call.Line && candidate.Line < decode.Line && ReferenceEquals(candidate.Scope, call.Scope)
                    && candidate.Targets.Any(other => other.Text == name) && values.Of(candidate) is { } value && value.DescendantsAndSelf().Any(part => ReadsAlgorithm(part, header)));
                if (bound is not null && !IsAllowListChecked(module, name, bound.Line, decode.Line))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>header.get("alg")</c> or <c>header["alg"]</c>.</summary>
    private static bool ReadsAlgorithm(PyExpr expression, string header) => expression switch
    {
        PyCall { Function: PyMember { Name: "get", Target: PyName owner } } read => owner.Id == header && read.Positional.FirstOrDefault() is PyString { Value: "alg" },
        PySubscript { Target: PyName owner, Index: PyString { Value: "alg" } } => owner.Id == header,
        _ => false,
    };

    /// <summary>A test between two lines that checks the name against a list: <c>if alg not in ["RS256"]:</c>.</summary>
    private static bool IsAllowListChecked(PythonModule module, string name, int after, int before) =>
        module.Statements.Any(statement => statement.Line > after && statement.Line < before
            && module.Values.Of(statement) is { } test
            && test.DescendantsAndSelf().Any(part => part is PyTest { Operator: "in" or "not in", Left: PyName checkedName, Right: PyDisplay } && checkedName.Id == name));

    private static bool IsJwtLibrary(string resolved)
    {
        var root = resolved.Split('.')[0];
        return root is "jwt" or "jose" or "python_jwt" or "jwcrypto";
    }

    /// <param name="line">Moved to the line that turns verification off when an options mapping built above does it.</param>
    private static string? DecodeProblem(PythonModule module, PythonCall call, ref int line)
    {
        var values = module.Values;
        if (call.Keyword("algorithms") is { } algorithms && values.Of(algorithms) is { } listed
            && listed.DescendantsAndSelf().Any(part => part is PyString { Value: var name } && name.Equals("none", StringComparison.OrdinalIgnoreCase)))
        {
            return $"`{call.Callee}` accepts the `none` algorithm, so an unsigned token passes; list only real algorithms (`algorithms=[\"HS256\"]`).";
        }

        string? how = null;
        if (PythonSecurityHelpers.IsFalse(module, call.Keyword("verify")))
        {
            how = "verify=False";
        }
        else if (call.Keyword("options") is { } options && DisablesSignature(module, call, options) is { } offLine)
        {
            how = "verify_signature turned off";
            line = offLine == 0 ? options.Line : offLine;
        }

        if (how is null || VerifiedLater(module, call) || OnlyRoutes(module, call))
        {
            return null;
        }

        return line == call.Line
            ? $"`{call.Callee}` with {how} trusts the token's claims without checking its signature, so anyone can forge them; decode with the key and `algorithms=[...]`."
            : $"These options turn `verify_signature` off for the `{call.Callee}` below, which then trusts the token's claims without checking its signature, so anyone can forge them; decode with the key and `algorithms=[...]`.";
    }

    /// <summary>
    /// <c>payload = jwt.decode(token, options={"verify_signature": False})</c> whose only use is to
    /// read one claim and compare it (<c>if payload.get("iss") not in {...}</c>, <c>owner != NAME</c>):
    /// the unverified token only picks which verifier handles it, nothing trusts its claims.
    /// </summary>
    private static bool OnlyRoutes(PythonModule module, PythonCall call)
    {
        if (PythonSecurityHelpers.AssignedFrom(module, call) is not { Targets: [{ Kind: PythonTargetKind.Name } payload] } || call.Scope is null)
        {
            return false;
        }

        var tokens = module.Tokens;
        var end = call.Scope.EndLine;
        string? claim = null;
        var claimNames = new List<string>();
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Start.Line <= call.Line || token.Start.Line > end || !token.IsName(payload.Text) || (index > 0 && tokens[index - 1].IsOp(".")))
            {
                continue;
            }

            if (ClaimRead(tokens, index) is not ({ } key, var after) || (claim is not null && claim != key))
            {
                return false;
            }

            claim = key;
            var (first, last) = StatementBounds(tokens, index, after);
            if (first + 1 < tokens.Count && tokens[first].Kind == PythonTokenKind.Name && tokens[first + 1].IsOp("=") && last == after)
            {
                claimNames.Add(tokens[first].Text);
            }
            else if (!IsCompared(tokens, index, after) && !(index > 0 && tokens[index - 1].IsName("not")))
            {
                return false;
            }
        }

        if (claim is null)
        {
            return false;
        }

        foreach (var name in claimNames)
        {
            // Once the claim passed an allow-list check (`if issuer not in {"a", "b"}: raise`), it may be used freely.
            var checkedAt = AllowListCheck(module, name, call.Line, end);
            var uses = 0;
            for (var index = 0; index < tokens.Count; index++)
            {
                var token = tokens[index];
                if (token.Start.Line <= call.Line || token.Start.Line > end || !token.IsName(name) || (index + 1 < tokens.Count && tokens[index + 1].IsOp("=")))
                {
                    continue;
                }

                uses++;
                if ((checkedAt == 0 || token.Start.Line <= checkedAt) && !IsCompared(tokens, index, index) && !(index > 0 && tokens[index - 1].IsName("not")))
                {
                    return false;
                }
            }

            if (uses == 0)
            {
                // A claim read and never looked at routes nothing: the unverified decode is there for something else.
                return false;
            }
        }

        return true;
    }

    /// <summary>The line of the first test of the name against a literal collection (<c>if issuer not in {"a", "b"}:</c>), or 0 when none.</summary>
    private static int AllowListCheck(PythonModule module, string name, int after, int end) =>
        module.Statements.FirstOrDefault(statement => statement.Line > after && statement.Line <= end
            && module.Values.Of(statement) is { } test
            && test.DescendantsAndSelf().Any(part => part is PyTest { Operator: "in" or "not in", Left: PyName checkedName, Right: PyDisplay { Kind: not PyDisplayKind.Dict } allowed }
                && checkedName.Id == name && allowed.Items.Count > 0 && allowed.Items.All(item => item is PyString)))?.Line ?? 0;

    /// <summary><c>payload.get("key"...)</c> or <c>payload["key"]</c>/<c>payload[KEY]</c> at <paramref name="index"/>: the key and the last token of the read.</summary>
    private static (string Key, int After)? ClaimRead(IReadOnlyList<PythonToken> tokens, int index)
    {
        if (index + 3 < tokens.Count && tokens[index + 1].IsOp("[") && tokens[index + 3].IsOp("]"))
        {
            return (tokens[index + 2].Text, index + 3);
        }

        if (index + 4 < tokens.Count && tokens[index + 1].IsOp(".") && tokens[index + 2].IsName("get") && tokens[index + 3].IsOp("(")
            && tokens[index + 4].Kind is PythonTokenKind.StringLiteral or PythonTokenKind.Name)
        {
            var close = MatchingClose(tokens, index + 3);
            return close < 0 ? null : (tokens[index + 4].Text, close);
        }

        return null;
    }

    /// <summary>The first and last tokens of the logical line holding <paramref name="index"/>.</summary>
    private static (int First, int Last) StatementBounds(IReadOnlyList<PythonToken> tokens, int index, int after)
    {
        var first = index;
        while (first > 0 && tokens[first - 1].Kind is not (PythonTokenKind.Newline or PythonTokenKind.Indent or PythonTokenKind.Dedent or PythonTokenKind.NonLogicalNewline or PythonTokenKind.Comment))
        {
            first--;
        }

        var last = after;
        while (last + 1 < tokens.Count && tokens[last + 1].Kind is not (PythonTokenKind.Newline or PythonTokenKind.EndMarker or PythonTokenKind.Comment))
        {
            last++;
        }

        return (first, last);
    }

    /// <summary>
    /// An options mapping written here (0), or bound to a name in this scope (the line that sets it),
    /// that sets <c>verify_signature</c> to false; null when it does not.
    /// </summary>
    private static int? DisablesSignature(PythonModule module, PythonCall call, PythonArgument options)
    {
        var values = module.Values;
        var value = values.Of(options);
        if (SignatureOff(module, call, value))
        {
            return 0;
        }

        if (value is not PyName { Id: var name })
        {
            return null;
        }

        int? found = null;
        foreach (var assignment in module.Assignments.Where(candidate => candidate.Line < call.Line && ReferenceEquals(candidate.Scope, call.Scope)))
        {
            if (assignment.Targets.Any(target => target.Kind == PythonTargetKind.Name && target.Text == name))
            {
                found = SignatureOff(module, call, values.Of(assignment)) ? assignment.Line : null;
            }
            else if (values.TargetOf(assignment) is PySubscript { Target: PyName { Id: var mapping }, Index: PyString { Value: "verify_signature" } } && mapping == name)
            {
                found = IsFalseValue(module, call, values.Of(assignment)) ? assignment.Line : null;
            }
        }

        return found;
    }

    /// <summary><c>{"verify_signature": False}</c>, <c>dict(verify_signature=False)</c> or <c>[("verify_signature", False)]</c>, the false possibly held by a name.</summary>
    private static bool SignatureOff(PythonModule module, PythonCall call, PyExpr? options) =>
        options is not null && options.DescendantsAndSelf().Any(part => part switch
        {
            PyDisplay { Kind: PyDisplayKind.Dict } mapping => IsFalseValue(module, call, mapping.ValueOf("verify_signature")),
            PyDisplay { Kind: PyDisplayKind.Tuple, Items: [PyString { Value: "verify_signature" }, var setting] } => IsFalseValue(module, call, setting),
            PyCall { Function: PyName { Id: "dict" } } constructor => IsFalseValue(module, call, constructor.Keyword("verify_signature")),
            _ => false,
        });

    /// <summary><c>False</c>, <c>0</c> or <c>None</c>, or a name last set to <c>False</c> or <c>0</c> above the call in its scope.</summary>
    private static bool IsFalseValue(PythonModule module, PythonCall call, PyExpr? value)
    {
        if (value is PyConstant { Text: "False" or "0" or "None" })
        {
            return true;
        }

        return value is PyName { Id: var name }
            && module.Values.AssignmentsVisible(name, call.Scope, call.Line).LastOrDefault(assignment => assignment.Line < call.Line && ReferenceEquals(assignment.Scope, call.Scope)) is { } last
            && module.Values.Of(last) is PyConstant { Text: "False" or "0" };
    }

    /// <summary>The <c>none</c> algorithm, by name or as PyJWT's <c>algorithm=None</c>.</summary>
    private static bool IsNone(PythonModule module, PythonArgument? argument) =>
        argument is not null && module.Values.Of(argument) switch
        {
            PyString { Value: var name } => name.Equals("none", StringComparison.OrdinalIgnoreCase),
            PyConstant { Text: "None" } => true,
            _ => false,
        };

    /// <summary>The same token is decoded with verification further down the same function: this read only peeks.</summary>
    private static bool VerifiedLater(PythonModule module, PythonCall call)
    {
        var values = module.Values;
        var parsed = values.Of(call);
        if ((parsed?.Argument(0, "token") ?? parsed?.Keyword("jwt")) is not PyName { Id: var name })
        {
            return false;
        }

        return module.Calls.Any(other => other.Line > call.Line && ReferenceEquals(other.Scope, call.Scope)
            && other.Name is "decode" or "decode_complete" or "verify_jwt" or "verify"
            && IsJwtLibrary(PythonSecurityHelpers.Resolved(module, other))
            && other.Positional.Count > 0 && values.Of(other.Positional[0]) is PyName { Id: var decoded } && decoded == name
            && (other.Name == "verify_jwt" || (other.Positional.Count > 1 || other.Keyword("key") is not null) && (other.Keyword("algorithms") is not null || other.Positional.Count > 2))
            && !PythonSecurityHelpers.IsFalse(module, other.Keyword("verify"))
            && (other.Keyword("options") is not { } options || DisablesSignature(module, other, options) is null));
    }

    /// <summary>
    /// <c>jwt.get_unverified_header(token)["kid"]</c>, or a header bound to a name whose every use
    /// reads a key-selection field (<c>header["kid"]</c>, <c>header.get("alg")</c>) or compares it.
    /// </summary>
    private static bool OnlyKeySelection(PythonModule module, PythonCall call)
    {
        var tokens = module.Tokens;
        var callToken = FindCallToken(tokens, call);
        if (callToken < 0)
        {
            return false;
        }

        var close = MatchingClose(tokens, callToken + 1);
        if (close < 0)
        {
            return false;
        }

        if (ReadsKeyField(tokens, close + 1) || IsCompared(tokens, callToken, close))
        {
            return true;
        }

        if (PythonSecurityHelpers.AssignedFrom(module, call) is not { Targets: [{ Kind: PythonTargetKind.Name } target] })
        {
            return false;
        }

        var end = call.Scope?.EndLine ?? int.MaxValue;
        var uses = 0;
        for (var index = close + 1; index < tokens.Count && tokens[index].Start.Line <= end; index++)
        {
            if (!tokens[index].IsName(target.Text) || (index > 0 && tokens[index - 1].IsOp(".")))
            {
                continue;
            }

            if (index + 1 < tokens.Count && tokens[index + 1].IsOp("=") )
            {
                break;
            }

            uses++;
            if (!ReadsKeyField(tokens, index + 1) && !IsCompared(tokens, index, index))
            {
                return false;
            }
        }

        return uses > 0;
    }

    private static int FindCallToken(IReadOnlyList<PythonToken> tokens, PythonCall call)
    {
        for (var index = 0; index + 1 < tokens.Count; index++)
        {
            if (tokens[index].Start.Line == call.Line && tokens[index].IsName(call.Name) && tokens[index + 1].IsOp("("))
            {
                return index;
            }
        }

        return -1;
    }

    private static int MatchingClose(IReadOnlyList<PythonToken> tokens, int open)
    {
        var depth = 0;
        for (var index = open; index < tokens.Count; index++)
        {
            if (tokens[index].IsOp("(") || tokens[index].IsOp("[") || tokens[index].IsOp("{"))
            {
                depth++;
            }
            else if (tokens[index].IsOp(")") || tokens[index].IsOp("]") || tokens[index].IsOp("}"))
            {
                depth--;
                if (depth == 0)
                {
                    return index;
                }
            }
        }

        return -1;
    }

    /// <summary><c>["kid"]</c> or <c>.get("kid"...)</c> at <paramref name="index"/>.</summary>
    private static bool ReadsKeyField(IReadOnlyList<PythonToken> tokens, int index)
    {
        if (index + 2 < tokens.Count && tokens[index].IsOp("[") && tokens[index + 1].Kind == PythonTokenKind.StringLiteral && tokens[index + 2].IsOp("]"))
        {
            return KeySelectionFields.Contains(PythonModuleBuilder.StringValue(tokens[index + 1]));
        }

        return index + 3 < tokens.Count && tokens[index].IsOp(".") && tokens[index + 1].IsName("get") && tokens[index + 2].IsOp("(")
            && tokens[index + 3].Kind == PythonTokenKind.StringLiteral && KeySelectionFields.Contains(PythonModuleBuilder.StringValue(tokens[index + 3]));
    }

    private static bool IsCompared(IReadOnlyList<PythonToken> tokens, int first, int last) =>
        (last + 1 < tokens.Count && (tokens[last + 1].IsOp("==") || tokens[last + 1].IsOp("!=") || tokens[last + 1].IsName("in") || tokens[last + 1].IsName("not")))
        || (first > 0 && (tokens[first - 1].IsOp("==") || tokens[first - 1].IsOp("!=")));
}
