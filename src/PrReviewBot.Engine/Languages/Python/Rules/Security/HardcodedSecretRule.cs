using System.Text.RegularExpressions;
using PrReviewBot.Engine.Detection.Secrets;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A password, token or key written into the source. This rule only finds candidates, the Python
/// shapes a constant lands in a name: assignments (module, class and instance attributes,
/// subscripts), keyword arguments, parameter defaults, dictionary literals, defaults of environment
/// lookups (<c>os.getenv("DB_PASSWORD", "…")</c>), <c>auth=("user", "…")</c> pairs, the password of
/// positional <c>connect(host, user, password)</c> calls, and any string literal (connection strings, URLs with a password, known token formats).
/// <see cref="SecretDetector"/> decides, as it does for C# and text files. Comparisons
/// (<c>if password == "…"</c>) are left alone: in Python they are mostly checks of input, not credentials.
/// </summary>
public sealed partial class HardcodedSecretRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/hardcoded-secret",
        "Hard-coded secret",
        Category.Security,
        Severity.Error,
        "A secret in the source is readable by everyone with access to the repository, its forks and its history, and cannot be rotated without a code change.",
        "Read it from the environment or a secret store (`os.environ[\"DB_PASSWORD\"]`), and rotate the value that was committed.");

    /// <summary>Calls whose second positional argument is a password: <c>HTTPBasicAuth("user", "…")</c>.</summary>
    private static readonly HashSet<string> UserPasswordCalls = new(StringComparer.Ordinal)
    {
        "HTTPBasicAuth", "HTTPDigestAuth", "HTTPProxyAuth", "BasicAuth", "DigestAuth", "login", "authenticate", "set_password", "add_password",
    };

    /// <summary>Lookups whose second argument is a default used when the variable is not set: <c>os.getenv("DB_PASSWORD", "…")</c>.</summary>
    private static readonly HashSet<string> EnvironmentLookups = new(StringComparer.Ordinal)
    {
        "os.getenv", "getenv", "os.environ.get", "environ.get", "os.environ.setdefault", "environ.setdefault", "env", "env.str", "config",
    };

    /// <summary>Database connections whose positional arguments are host, user, password (pymysql, pgdb, MySQLdb).</summary>
    private static readonly HashSet<string> ConnectCalls = new(StringComparer.Ordinal) { "connect", "Connect", "Connection", "MySQLConnection" };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var reported = new HashSet<int>();
        void Report(int line, SecretCandidate candidate)
        {
            if (!reported.Contains(line) && SecretDetector.Judge(candidate) is { } verdict)
            {
                reported.Add(line);
                context.Report(this, line, line, verdict.Message);
            }
        }

        // Every candidate lies on the statement it is read from, so only the changed code is read.
        foreach (var assignment in context.ChangedAssignments)
        {
            if (assignment.IsAugmented)
            {
                continue;
            }

            foreach (var (target, value) in TargetValues(module, assignment))
            {
                if (StringOf(module, value, assignment.Scope) is { } text)
                {
                    Report(assignment.Line, new SecretCandidate(SecretCandidateKind.Assignment, TargetName(target), text));
                }
            }
        }

        foreach (var call in context.ChangedCalls)
        {
            VisitCall(module, call, Report);
        }

        foreach (var definition in context.ChangedDefinitions)
        {
            if (definition.Kind != PythonDefinitionKind.Function)
            {
                continue;
            }

            foreach (var parameter in definition.Parameters)
            {
                if (parameter.Default is { } text && LiteralValue(text.Trim()) is { } value)
                {
                    Report(parameter.Line, new SecretCandidate(SecretCandidateKind.Assignment, parameter.Name, value));
                }
            }
        }

        VisitTokens(context, Report);
    }

    private static void VisitCall(PythonModule module, PythonCall call, Action<int, SecretCandidate> report)
    {
        var positional = call.Positional;
        if (EnvironmentLookups.Contains(call.Callee) && positional.Count >= 1 && LiteralValue(positional[0].Text.Trim()) is { } variable)
        {
            var fallback = positional.Count >= 2 ? positional[1] : call.Keyword("default");
            if (fallback is not null && LiteralValue(fallback.Text.Trim()) is { } value)
            {
                report(fallback.Line, new SecretCandidate(SecretCandidateKind.Assignment, variable, value));
            }
        }

        if (UserPasswordCalls.Contains(call.Name) && positional.Count == 2 && LiteralValue(positional[0].Text.Trim()) is not null
            && LiteralValue(positional[1].Text.Trim()) is { } password)
        {
            report(positional[1].Line, new SecretCandidate(SecretCandidateKind.CredentialArgument, $"the password given to `{call.Callee}`", password));
        }

        if (ConnectCalls.Contains(call.Name) && positional.Count >= 3 && positional.Take(3).All(argument => LiteralValue(argument.Text.Trim()) is not null)
            && LiteralValue(positional[2].Text.Trim()) is { } connectPassword)
        {
            // pymysql.connect("host", "user", "…"), pgdb.connect(…): the third positional argument is the password.
            report(positional[2].Line, new SecretCandidate(SecretCandidateKind.CredentialArgument, $"the password given to `{call.Callee}`", connectPassword));
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Keyword is not { } keyword || keyword == "**")
            {
                continue;
            }

            if (StringOf(module, module.Values.Of(argument), call.Scope) is { } value)
            {
                report(argument.Line, new SecretCandidate(SecretCandidateKind.NamedArgument, keyword, value));
            }
            else if (keyword is "auth" or "proxy_auth" or "basic_auth" && UserPasswordPair().Match(argument.Text.Trim()) is { Success: true } pair)
            {
                // requests.get(url, auth=("user", "…")): the second item of the pair is the password.
                report(argument.Line, new SecretCandidate(SecretCandidateKind.CredentialArgument, $"the password in `{keyword}=` of `{call.Callee}`", pair.Groups["password"].Value));
            }
        }

        // Reported after the keywords, so a keyword whose own name already judges the value (aws_secret_access_key=…) keeps that wording.
        var resolved = BotoSessionClient(module, call) ?? PythonSecurityHelpers.Resolved(module, call);
        foreach (var parameter in CredentialParameters.Of(resolved))
        {
            var argument = call.Keyword(parameter.Keyword) ?? (parameter.Position >= 0 ? positional.ElementAtOrDefault(parameter.Position) : null);
            if (argument is not null && StringOf(module, module.Values.Of(argument), call.Scope) is { } value)
            {
                var role = $"{parameter.Role} given to `{call.Callee}`";
                report(argument.Line, new SecretCandidate(SecretCandidateKind.CredentialArgument, role, value, Generated: parameter.Generated));
            }
        }
    }

    /// <summary>Dictionary entries, comparisons and every plain string literal, read from the tokens.</summary>
    private static void VisitTokens(PythonRuleContext context, Action<int, SecretCandidate> report)
    {
        var code = PythonCodeTokens.Of(context);
        var tokens = code.Tokens;
        foreach (var index in code.ChangedIndices(context))
        {
            var token = tokens[index];
            if (token.Kind != PythonTokenKind.StringLiteral || token.IsFString)
            {
                continue;
            }

            // A string that is a statement of its own is a docstring or a note: prose that shows how to write a connection string is no credential.
            // Nor is it a dictionary key, so it is passed over before its literal is read.
            var previous = index > 0 ? tokens[index - 1] : null;
            var next = index + 1 < tokens.Count ? tokens[index + 1] : null;
            var statement = (previous is null || previous.Kind is PythonTokenKind.Newline or PythonTokenKind.Indent or PythonTokenKind.Dedent)
                && (next is null || next.Kind is PythonTokenKind.Newline or PythonTokenKind.EndMarker);
            if (statement || LiteralValue(token.Text) is not { } value)
            {
                continue;
            }

            var afterNext = index + 2 < tokens.Count ? tokens[index + 2] : null;
            if (next is not null && next.IsOp(":") && token.BracketDepth > 0 && (previous is null || previous.IsOp("{") || previous.IsOp(","))
                && afterNext is { Kind: PythonTokenKind.StringLiteral } && LiteralValue(afterNext.Text) is { } entry
                && (index + 3 >= tokens.Count || tokens[index + 3].IsOp(",") || tokens[index + 3].IsOp("}")))
            {
                report(afterNext.Start.Line, new SecretCandidate(SecretCandidateKind.DictionaryEntry, value, entry));
            }

            if (value.Length >= 6 && (CredentialFormats.MayHold(value) || value.Contains('=', StringComparison.Ordinal) || value.Contains("://", StringComparison.Ordinal)))
            {
                report(token.Start.Line, new SecretCandidate(SecretCandidateKind.Text, string.Empty, value));
            }
        }
    }

    /// <summary>
    /// The string a value always is: a literal (bytes too, and their <c>.decode()</c>), or a name, concatenation or format
    /// of constants (<c>secret = "…"</c> then <c>app.config["SECRET_KEY"] = secret</c>). Numbers and flags are no credential.
    /// </summary>
    private static string? StringOf(PythonModule module, PyExpr? value, PythonDefinition? scope) => value switch
    {
        null or PyConstant or PyDisplay or PyUnary => null,
        PyCall { Function: PyMember { Name: "decode" or "encode", Target: PyString or PyName } method, Arguments.Count: <= 1 } => StringOf(module, method.Target, scope),
        PyName name when module.Values.SingleValue(name.Id, scope, name.Line) is { } single && (IsNumber(single) || single is PyCall { Function: PyMember { Name: "decode" or "encode", Target: PyString } }) =>
            IsNumber(single) ? null : StringOf(module, single, scope),
        _ => module.Values.ConstantString(value, scope),
    };

    /// <summary>
    /// <c>session.client(...)</c> where every value the session name is given is a boto3 session (<c>session = boto3.Session()</c>,
    /// later <c>session = boto3.Session(key, secret)</c>): the value layer resolves only names given one value.
    /// </summary>
    private static string? BotoSessionClient(PythonModule module, PythonCall call)
    {
        if (call.Name is not ("client" or "resource") || call.Callee.Split('.') is not [var receiver, _])
        {
            return null;
        }

        var assignments = module.Values.AssignmentsVisible(receiver, call.Scope, call.Line);
        return assignments.Count > 1 && assignments.All(assignment => module.Values.Of(assignment) is PyCall { Function.DottedName: { } made }
            && module.Values.Resolve(made, assignment.Scope, assignment.Line) is "boto3.Session" or "boto3.session.Session")
            ? "boto3.Session()." + call.Name
            : null;
    }

    private static bool IsNumber(PyExpr? value) => value is PyConstant or PyUnary;

    /// <summary>
    /// Each target of an assignment with the value it receives: every target of <c>a = b = "…"</c> the whole value, and
    /// the targets of <c>a, b = "…", x</c> (also chained: <c>a, b = c, d = "…", x</c>) the item at their position.
    /// </summary>
    private static IEnumerable<(PythonAssignmentTarget Target, PyExpr? Value)> TargetValues(PythonModule module, PythonAssignment assignment)
    {
        var value = module.Values.Of(assignment);
        if (value is null)
        {
            yield break;
        }

        var targets = assignment.Targets;
        if (module.Values.TargetOf(assignment) is PyDisplay { Kind: PyDisplayKind.Tuple or PyDisplayKind.List } unpacked)
        {
            var width = unpacked.Items.Count;
            if (value is not PyDisplay { Kind: PyDisplayKind.Tuple or PyDisplayKind.List } items || items.Items.Count != width || width == 0 || targets.Count % width != 0)
            {
                yield break;
            }

            for (var i = 0; i < targets.Count; i++)
            {
                yield return (targets[i], items.Items[i % width]);
            }

            yield break;
        }

        foreach (var target in targets)
        {
            yield return (target, value);
        }
    }

    private static string TargetName(PythonAssignmentTarget target)
    {
        var text = target.Text.Trim();
        if (target.Kind == PythonTargetKind.Subscript)
        {
            var open = text.LastIndexOf('[');
            return open >= 0 ? LiteralValue(text[(open + 1)..].TrimEnd(']').Trim()) ?? string.Empty : string.Empty;
        }

        return text[(text.LastIndexOf('.') + 1)..];
    }

    /// <summary>The value of a single string literal (bytes too; an f-string only without fields), or null.</summary>
    private static string? LiteralValue(string text)
    {
        var match = SingleLiteral().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups["v"].Value;
        return match.Groups["p"].Value.Contains('f', StringComparison.OrdinalIgnoreCase) && value.Contains('{', StringComparison.Ordinal) ? null : value;
    }

    [GeneratedRegex(""""^(?<p>[uUrRbBfF]{0,2})(?:'''(?<v>(?:[^'\\\n]|\\.)*)'''|"""(?<v>(?:[^"\\\n]|\\.)*)"""|'(?<v>(?:[^'\\\n]|\\.)*)'|"(?<v>(?:[^"\\\n]|\\.)*)")$"""")]
    private static partial Regex SingleLiteral();

    [GeneratedRegex("""^[\(\[]\s*[uUrR]?(?:'[^'\\\n]*'|"[^"\\\n]*")\s*,\s*[uUrR]?(?:'(?<password>[^'\\\n]*)'|"(?<password>[^"\\\n]*)")\s*,?\s*[\)\]]$""")]
    private static partial Regex UserPasswordPair();
}
