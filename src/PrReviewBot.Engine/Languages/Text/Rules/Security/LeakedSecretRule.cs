using System.Buffers;
using PrReviewBot.Engine.Detection.Secrets;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Text.Rules.Security;

/// <summary>
/// Credentials committed in any text file: private key blocks, tokens with a well-known format,
/// URLs with a password, and values assigned to a name that means password, secret, token or key,
/// in any syntax (<c>.env</c>, YAML, JSON, INI, XML, properties, other languages' code). This rule
/// only finds the name/value pairs of a line; <see cref="SecretDetector"/> decides, as it does for
/// the C# and Python rules, so a credential gets the same verdict and message in every file.
/// </summary>
public sealed class LeakedSecretRule : TextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "text/leaked-secret",
        "Secret committed to the repository",
        Category.Security,
        Severity.Error,
        "Anyone who can read the repository, a fork or its history can use a committed credential, and removing it in a later commit does not take it back.",
        "Revoke and rotate the credential now, then load it from the environment or a secret store (for example `${{ secrets.NAME }}` in workflows) instead of the file.");

    /// <summary>Lines longer than this are minified or data; only the well-known formats are looked for there.</summary>
    private const int MaxAssignmentLineLength = 10_000;

    /// <summary>Only lines holding one of these can assign a credential-named value.</summary>
    private static readonly SearchValues<string> NameAnchors = SearchValues.Create(
        ["pass", "pwd", "secret", "token", "apikey", "api_key", "api-key", "accesskey", "access_key", "access-key", "privatekey", "private_key", "private-key",
            "credential", "auth"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Characters that end a bare value: <c>TOKEN=abc # comment</c>, <c>a=1;b=2</c>, <c>?token=abc&amp;x=1</c>.</summary>
    private static readonly SearchValues<char> ValueStops = SearchValues.Create(" \t\"'`,;&=:<");

    public override void Analyze(TextRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (TextFileKinds.SkipReason(context.Path, context.Text) is not null)
        {
            return;
        }

        // C# and Python files have their own rules, which read names, URLs and strings with the language's syntax, and
        // documentation shows example credentials by design: only the live formats are looked for there.
        var plainCredentials = !FormatsOnly(context.Path);
        var serviceContainers = IsServiceContainerFile(context.Path);
        var quotedOnly = QuotedOnly(context.Path);
        var lines = context.Lines;
        for (var index = 0; index < lines.Count; index++)
        {
            if ((index & 1023) == 0)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
            }

            // A finding sits on the one line it reads, so lines the change did not add cannot give one.
            if (!context.AnalyzesWholeFile && !context.ChangedLines.IsAdded(index + 1))
            {
                continue;
            }

            var line = lines[index];
            var readsPlain = plainCredentials && line.Length <= MaxAssignmentLineLength;
            var verdict = (CredentialFormats.MayHold(line) ? SecretDetector.Format(line, new FollowingLines(lines, index)) : null)
                ?? (readsPlain ? SecretDetector.UrlPassword(line) : null)
                ?? (readsPlain && line.AsSpan().ContainsAny(NameAnchors) ? FindAssignment(line, serviceContainers, quotedOnly) : null);
            if (verdict is not null)
            {
                context.Report(this, index + 1, index + 1, verdict.Message);
            }
        }
    }

    /// <summary>C# and Python (their own rules read them) and documentation (where credentials are examples).</summary>
    private static readonly string[] FormatsOnlyExtensions = [".cs", ".py", ".pyi", ".md", ".markdown", ".rst", ".txt", ".adoc"];

    /// <summary>Source code of other languages: an unquoted value there is an expression or a type (<c>password: Option&lt;&amp;str&gt;</c>).</summary>
    private static readonly string[] QuotedOnlyExtensions =
    [
        ".rs", ".go", ".java", ".kt", ".swift", ".c", ".h", ".cpp", ".hpp", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".rb", ".php", ".scala",
        ".dart", ".lua", ".ps1", ".fs", ".vb", ".sql", ".html", ".vue", ".svelte",
    ];

    private static bool FormatsOnly(string path) =>
        FormatsOnlyExtensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    private static bool QuotedOnly(string path) =>
        QuotedOnlyExtensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    /// <summary>CI pipelines and compose files, whose service containers get throwaway passwords.</summary>
    private static bool IsServiceContainerFile(string path)
    {
        var normalized = path.Replace('\\', '/');
        var name = normalized[(normalized.LastIndexOf('/') + 1)..];
        return normalized.Contains(".github/workflows/", StringComparison.OrdinalIgnoreCase) || normalized.Contains(".devcontainer/", StringComparison.OrdinalIgnoreCase)
            || normalized.Contains(".circleci/", StringComparison.OrdinalIgnoreCase) || name.StartsWith("docker-compose", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("compose.", StringComparison.OrdinalIgnoreCase) || name.Equals(".gitlab-ci.yml", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("azure-pipelines", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The verdict on the first credential-named assignment on the line, or null.</summary>
    private static SecretVerdict? FindAssignment(string line, bool serviceContainers, bool quotedOnly)
    {
        foreach (var (name, value, literal) in Assignments(line))
        {
            var plain = value.Trim('"', '\'');
            if ((quotedOnly && !literal) || (serviceContainers && SecretValues.IsServiceContainerDefault(plain)) || SecretValues.IsStockWord(plain))
            {
                continue;
            }

            if (name.AsSpan().ContainsAny(NameAnchors)
                && SecretDetector.Judge(new SecretCandidate(SecretCandidateKind.Assignment, name, value, Bare: !literal)) is { } verdict)
            {
                return verdict;
            }
        }

        return null;
    }

    /// <summary>
    /// The name/value pairs of a line in the common syntaxes: <c>NAME=value</c>, <c>name: value</c>, <c>"name": "value"</c>,
    /// <c>name = "value"</c>, <c>$a['name'] = 'value'</c>, <c>'name' =&gt; 'value'</c>, <c>name := "value"</c>,
    /// <c>&lt;add key="name" value="value" /&gt;</c> and <c>&lt;name&gt;value&lt;/name&gt;</c>. Literal is true for quoted values,
    /// which are never expressions. A hand-written scan: every character is read a bounded number of times.
    /// </summary>
    private static IEnumerable<(string Name, string Value, bool Literal)> Assignments(string line)
    {
        for (var index = 0; index < line.Length; index++)
        {
            var character = line[index];
            if (character == '<')
            {
                if (XmlElement(line, index) is { } element)
                {
                    yield return element;
                }

                continue;
            }

            if (character is not ('=' or ':'))
            {
                continue;
            }

            var next = index + 1 < line.Length ? line[index + 1] : '\0';
            var previous = index > 0 ? line[index - 1] : '\0';
            if (next == character || previous is '!' or '<' or '>' or '=' or ':')
            {
                // ==, ===, !=, <=, >=, :: are comparisons and scopes, not assignments.
                while (index + 1 < line.Length && line[index + 1] == character)
                {
                    index++;
                }

                continue;
            }

            var valueStart = next == '>' || (character == ':' && next == '=') ? index + 2 : index + 1;
            var name = NameBefore(line, index, out var nameStart);
            if (name.Length == 0)
            {
                continue;
            }

            var literal = false;
            if (character == '=' && name.Equals("value", StringComparison.OrdinalIgnoreCase) && AttributeKey(line, nameStart) is { } key)
            {
                (name, literal) = (key, true);
            }

            if (ValueAfter(line, valueStart) is { } value)
            {
                yield return (name, value.Text, literal || value.Quoted);
            }
        }
    }

    /// <summary>The name that ends just before an operator, past closing quotes and brackets: <c>"api_key":</c>, <c>['password'] =</c>.</summary>
    private static string NameBefore(string line, int operatorIndex, out int start)
    {
        var end = operatorIndex - 1;
        while (end >= 0 && line[end] is ' ' or '\t')
        {
            end--;
        }

        if (end >= 0 && line[end] == ']')
        {
            end--;
        }

        if (end >= 0 && line[end] is '"' or '\'' or '`')
        {
            end--;
        }

        start = end;
        while (start >= 0 && (char.IsAsciiLetterOrDigit(line[start]) || line[start] is '_' or '.' or '-'))
        {
            start--;
        }

        start++;
        while (start <= end && !(char.IsAsciiLetter(line[start]) || line[start] == '_'))
        {
            start++;
        }

        return start <= end ? line[start..(end + 1)] : string.Empty;
    }

    /// <summary>For <c>value=</c> in <c>key="ApiToken" value="…"</c> (or <c>name="…"</c>): the key, else null.</summary>
    private static string? AttributeKey(string line, int valueNameStart)
    {
        var close = valueNameStart - 1;
        while (close >= 0 && line[close] is ' ' or '\t')
        {
            close--;
        }

        if (close < 1 || line[close] != '"')
        {
            return null;
        }

        var open = line.LastIndexOf('"', close - 1);
        if (open < 1 || line[open - 1] != '=')
        {
            return null;
        }

        var attribute = NameBefore(line, open - 1, out _);
        return attribute.Equals("key", StringComparison.OrdinalIgnoreCase) || attribute.Equals("name", StringComparison.OrdinalIgnoreCase)
            ? line[(open + 1)..close]
            : null;
    }

    /// <summary>A quoted value up to its closing quote, or a bare value up to a separator (keeping base64 <c>=</c> padding).</summary>
    private static (string Text, bool Quoted)? ValueAfter(string line, int start)
    {
        while (start < line.Length && line[start] is ' ' or '\t')
        {
            start++;
        }

        if (start >= line.Length)
        {
            return null;
        }

        if (line[start] is '"' or '\'' or '`')
        {
            var close = line.IndexOf(line[start], start + 1);
            return close < 0 ? null : (line[(start + 1)..close], true);
        }

        var end = start;
        while (end < line.Length && !ValueStops.Contains(line[end]))
        {
            end++;
        }

        while (end < line.Length && line[end] == '=')
        {
            end++;
        }

        return end > start ? (line[start..end], false) : null;
    }

    /// <summary><c>&lt;name&gt;value&lt;/</c> starting at a <c>&lt;</c>, or null.</summary>
    private static (string Name, string Value, bool Literal)? XmlElement(string line, int open)
    {
        var nameEnd = open + 1;
        while (nameEnd < line.Length && (char.IsAsciiLetterOrDigit(line[nameEnd]) || line[nameEnd] is '_' or '.' or '-'))
        {
            nameEnd++;
        }

        if (nameEnd == open + 1 || nameEnd >= line.Length || line[nameEnd] != '>')
        {
            return null;
        }

        var valueEnd = line.IndexOf('<', nameEnd + 1);
        if (valueEnd <= nameEnd + 1 || valueEnd + 1 >= line.Length || line[valueEnd + 1] != '/')
        {
            return null;
        }

        var value = line[(nameEnd + 1)..valueEnd];
        return value.AsSpan().ContainsAny(" \t") ? null : (line[(open + 1)..nameEnd], value, true);
    }

    /// <summary>The lines after one line of a file, read lazily, for a private key's material.</summary>
    private sealed class FollowingLines(IReadOnlyList<string> lines, int index) : IReadOnlyList<string>
    {
        public int Count => Math.Max(0, lines.Count - index - 1);

        public string this[int offset] => lines[index + 1 + offset];

        public IEnumerator<string> GetEnumerator()
        {
            for (var offset = 0; offset < Count; offset++)
            {
                yield return this[offset];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
