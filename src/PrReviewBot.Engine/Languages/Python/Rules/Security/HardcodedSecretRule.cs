using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>A password, token or key written into the source as a string literal.</summary>
public sealed partial class HardcodedSecretRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/hardcoded-secret",
        "Hard-coded secret",
        Category.Security,
        Severity.Error,
        "A secret in the source is readable by everyone with access to the repository, its forks and its history, and cannot be rotated without a code change.",
        "Read it from the environment or a secret store (`os.environ[\"DB_PASSWORD\"]`), and rotate the value that was committed.");

    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "changeme", "change_me", "change-me", "password", "passwd", "secret", "token", "none", "null", "todo", "fixme",
        "xxx", "example", "dummy", "placeholder", "your_password", "your-password", "yourpassword", "your_token",
        "your_api_key", "your-api-key", "redacted", "hidden", "masked", "test", "default",
    };

    /// <summary>
    /// Words that make up the values people write when they mean "some secret goes here":
    /// <c>test-token</c>, <c>fake_secret_key</c>, <c>dummyPassword1</c>, <c>my-api-key</c>.
    /// Words a real default credential uses (<c>admin</c>, <c>root</c>) are deliberately absent.
    /// </summary>
    private static readonly string[] FakeWords =
    [
        "a", "test", "testing", "tests", "fake", "dummy", "mock", "mocked", "stub", "example", "sample", "placeholder", "secret", "secrets",
        "password", "passwd", "pass", "pwd", "token", "key", "api", "access", "auth", "client", "private", "changeme", "change",
        "me", "replace", "foo", "bar", "baz", "qux", "my", "your", "some", "super", "not", "real", "valid", "invalid", "wrong", "bad",
        "good", "default", "demo", "dev", "local", "value", "string", "hello", "world", "xxx", "abc", "xyz", "this", "is", "the",
        "other", "another", "new", "old", "very", "top", "insecure", "unsafe", "sekret", "sikrit",
    ];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var reported = new HashSet<int>();
        foreach (var assignment in module.Assignments)
        {
            if (assignment.Value is null || assignment.IsAugmented)
            {
                continue;
            }

            foreach (var target in assignment.Targets)
            {
                var name = TargetName(target);
                if (Check(name, assignment.Value, out var masked) && reported.Add(assignment.Line))
                {
                    context.Report(this, assignment.Line, assignment.Line, $"`{name}` is set to a hard-coded secret (`{masked}`); load it from the environment or a secret store.");
                }
            }
        }

        foreach (var call in module.Calls)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Keyword is { } keyword && keyword != "**" && Check(keyword, argument.Text, out var masked) && reported.Add(argument.Line))
                {
                    context.Report(this, argument.Line, argument.Line, $"`{keyword}=` gets a hard-coded secret (`{masked}`) in the call to `{call.Callee}`; load it from the environment or a secret store.");
                }
            }
        }

        foreach (var definition in module.Functions)
        {
            foreach (var parameter in definition.Parameters)
            {
                if (parameter.Default is { } value && Check(parameter.Name, value, out var masked) && reported.Add(parameter.Line))
                {
                    context.Report(this, parameter.Line, parameter.Line, $"Parameter `{parameter.Name}` defaults to a hard-coded secret (`{masked}`); load it from the environment or a secret store.");
                }
            }
        }

        var tokens = module.Tokens.Where(token => token.Kind is not (PythonTokenKind.Comment or PythonTokenKind.NonLogicalNewline)).ToList();
        for (var index = 0; index + 3 < tokens.Count; index++)
        {
            if (tokens[index].Kind == PythonTokenKind.StringLiteral && !tokens[index].IsFString && tokens[index + 1].IsOp(":")
                && tokens[index + 2].Kind == PythonTokenKind.StringLiteral && (tokens[index + 3].IsOp(",") || tokens[index + 3].IsOp("}"))
                && tokens[index].BracketDepth > 0 && (index == 0 || tokens[index - 1].IsOp("{") || tokens[index - 1].IsOp(",")))
            {
                var key = LiteralValue(tokens[index].Text);
                if (key is not null && Check(key, tokens[index + 2].Text, out var masked) && reported.Add(tokens[index + 2].Start.Line))
                {
                    context.Report(this, tokens[index + 2].Start.Line, tokens[index + 2].Start.Line, $"Key `{key}` holds a hard-coded secret (`{masked}`); load it from the environment or a secret store.");
                }
            }
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

    private static bool Check(string name, string valueText, out string masked)
    {
        masked = string.Empty;
        if (!SecretName().IsMatch(Snake(name)))
        {
            return false;
        }

        var value = LiteralValue(valueText.Trim());
        if (value is null || IsPlaceholder(name, value))
        {
            return false;
        }

        masked = value[..1] + "****";
        return true;
    }

    private static bool IsPlaceholder(string name, string value)
    {
        var normalizedValue = Normalize(value);
        return value.Length < 4
            || value.Any(char.IsWhiteSpace)
            || Placeholders.Contains(value)
            || normalizedValue == Normalize(name)
            || normalizedValue.Length == 0
            || value.Distinct().Count() == 1
            || PlaceholderShape().IsMatch(value)
            || IsMadeOfFakeWords(value);
    }

    /// <summary>
    /// Every run of letters in the value spells only <see cref="FakeWords"/> (digits and separators aside):
    /// <c>test_password_123</c>, <c>supersecret</c>, <c>dummy-token</c>. Leetspeak and random strings have runs no word covers.
    /// </summary>
    private static bool IsMadeOfFakeWords(string value)
    {
        var runs = LetterRuns().Matches(value).Select(match => match.Value.ToLowerInvariant()).ToList();
        return runs.Count > 0 && runs.All(Spells);
    }

    /// <summary>True when the letters split wholly into fake words (<c>mysecretkey</c> → my·secret·key).</summary>
    private static bool Spells(string letters)
    {
        var reachable = new bool[letters.Length + 1];
        reachable[0] = true;
        for (var start = 0; start < letters.Length; start++)
        {
            if (!reachable[start])
            {
                continue;
            }

            foreach (var word in FakeWords)
            {
                if (start + word.Length <= letters.Length && string.CompareOrdinal(letters, start, word, 0, word.Length) == 0)
                {
                    reachable[start + word.Length] = true;
                }
            }
        }

        return reachable[letters.Length];
    }

    private static string Normalize(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static string Snake(string name) => CamelBoundary().Replace(name, "$1_$2").ToLowerInvariant();

    /// <summary>The value of a single plain (non-f, non-bytes) string literal, or null.</summary>
    private static string? LiteralValue(string text)
    {
        var match = SingleLiteral().Match(text);
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex(@"(?:^|_)(?:password|passwd|pwd|secret|secret_key|api_key|apikey|access_key|private_key|token|auth_token|access_token|refresh_token|client_secret)$")]
    private static partial Regex SecretName();

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex LetterRuns();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelBoundary();

    [GeneratedRegex("""^[uUrR]?(?:'(?<v>(?:[^'\\\n]|\\.)*)'|"(?<v>(?:[^"\\\n]|\\.)*)")$""")]
    private static partial Regex SingleLiteral();

    [GeneratedRegex(@"^(?:<[^>]*>|\{[^}]*\}|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|%[sdr]|%\([^)]*\)s|\*+|[xX]+|\.\.\.|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$")]
    private static partial Regex PlaceholderShape();
}
