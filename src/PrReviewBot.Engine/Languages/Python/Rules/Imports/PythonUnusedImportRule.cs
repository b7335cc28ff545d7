using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

[assembly: SuppressMessage(
    "Naming",
    "CA1716:Identifiers should not match keywords",
    Scope = "namespace",
    Target = "~N:PrReviewBot.Engine.Languages.Python.Rules.Imports",
    Justification = "The folder names the review group (imports); no Visual Basic code consumes this engine.")]

namespace PrReviewBot.Engine.Languages.Python.Rules.Imports;

/// <summary>
/// An import whose bound name is never read in the module: not in code, string annotations,
/// type comments or f-strings. Re-exports, feature probes and <c># noqa</c> lines are left alone,
/// and only a whole file can show that a name is unused.
/// </summary>
public sealed partial class PythonUnusedImportRule : PythonRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "py/unused-import",
        "Unused import",
        Category.Imports,
        Severity.Note,
        "An unused import makes a reader look for a use that is not there, slows start-up, and can hide a dependency that is no longer needed.",
        "Delete the import, or list the name in `__all__` (or import it as `name as name`) when it is a deliberate re-export.");

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.HasFullContent || IsReexportModule(context.Path))
        {
            return;
        }

        var module = context.Module;

        // Only the changed imports are judged; the names they must be read under come from the whole module, once one is a candidate.
        var read = new Lazy<HashSet<string>>(() =>
        {
            var names = module.NamesRead.Select(use => use.Name).ToHashSet(StringComparer.Ordinal);
            names.UnionWith(NamesInTypeStrings(module));
            return names;
        });
        var exported = (module.DunderAll ?? []).Select(entry => entry.Value).ToHashSet(StringComparer.Ordinal);
        var namesPerStatement = module.Imports.GroupBy(import => import.StatementLine).ToDictionary(group => group.Key, group => group.Count());
        var chains = new Lazy<HashSet<string>>(() => DottedChains(module));
        foreach (var import in context.ChangedImports)
        {
            if (import.IsFuture || import.IsStar || import.InTry || IsSuppressed(import.NoqaComment) || IsExplicitReexport(import)
                || exported.Contains(import.BoundName))
            {
                continue;
            }

            if (read.Value.Contains(import.BoundName) && !(SharesItsNameWithAnotherImport(module, import) && !IsUsedThroughItsPath(import, chains.Value)))
            {
                continue;
            }

            var shown = Display(import);
            var statement = context.LineText(import.StatementLine);
            var deletable = import.StatementLine == import.StatementEndLine
                && namesPerStatement[import.StatementLine] == 1
                && statement.Length > 0 && !char.IsWhiteSpace(statement[0])
                && !statement.Contains(';', StringComparison.Ordinal);
            context.Report(this, import.Line, import.Line, $"`{shown}` is imported but never used.", deletable && import.Line == import.StatementLine ? string.Empty : null);
        }
    }

    /// <summary>
    /// <c>import a.b</c> binds <c>a</c>; when another import binds <c>a</c> too (<c>import a</c>,
    /// <c>import a.c</c>), a read of <c>a</c> does not show that <c>a.b</c> is needed: only a use through <c>a.b</c> does.
    /// </summary>
    private static bool SharesItsNameWithAnotherImport(PythonModule module, PythonImport import) =>
        !import.IsFromImport && import.Alias is null && import.Level == 0 && import.Module.Contains('.', StringComparison.Ordinal)
        && module.Imports.Any(other => other != import && !other.IsFromImport && other.Alias is null
            && string.Equals(other.BoundName, import.BoundName, StringComparison.Ordinal)
            && !string.Equals(other.Module, import.Module, StringComparison.Ordinal));

    /// <summary>
    /// A dotted use that reaches into the imported package's first submodule: <c>a.b.f()</c> for <c>import a.b</c>, and
    /// also <c>a.b.other</c> for <c>import a.b.c</c> (the import loads <c>a.b</c> too, and the use may rely on that).
    /// </summary>
    private static bool IsUsedThroughItsPath(PythonImport import, HashSet<string> chains)
    {
        var segments = import.Module.Split('.');
        var head = segments[0] + "." + segments[1];
        return chains.Any(chain => string.Equals(chain, head, StringComparison.Ordinal) || chain.StartsWith(head + ".", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every dotted name read in the module (<c>sqlalchemy.orm.Session</c>), outside import statements: in code,
    /// f-string fields, type comments and strings that read as type expressions.
    /// </summary>
    private static HashSet<string> DottedChains(PythonModule module)
    {
        var importLines = module.Imports.Select(import => (import.StatementLine, import.StatementEndLine)).Distinct().ToList();
        var chains = new HashSet<string>(StringComparer.Ordinal);
        var tokens = module.Tokens.Where(token => token.Kind != PythonTokenKind.NonLogicalNewline).ToList();
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Kind == PythonTokenKind.StringLiteral || token.Kind == PythonTokenKind.Comment)
            {
                var texts = token.IsFString ? token.FStringFields.Select(field => field.Expression) : [token.Text];
                if (token.Kind == PythonTokenKind.Comment && !token.Text.TrimStart('#').TrimStart().StartsWith("type:", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var text in texts)
                {
                    chains.UnionWith(DottedWords().Matches(text).Select(match => match.Value.Replace(" ", string.Empty, StringComparison.Ordinal)));
                }

                continue;
            }

            if (token.Kind != PythonTokenKind.Name || (index > 0 && tokens[index - 1].IsOp("."))
                || importLines.Any(range => token.Start.Line >= range.StatementLine && token.Start.Line <= range.StatementEndLine))
            {
                continue;
            }

            var chain = token.Text;
            var next = index + 1;
            while (next + 1 < tokens.Count && tokens[next].IsOp(".") && tokens[next + 1].Kind == PythonTokenKind.Name)
            {
                chain += "." + tokens[next + 1].Text;
                next += 2;
            }

            chains.Add(chain);
        }

        return chains;
    }

    /// <summary>
    /// Modules whose imports exist to be imported from them: package <c>__init__.py</c> files and
    /// the <c>compat.py</c> / <c>_compat.py</c> shims that smooth over library versions.
    /// </summary>
    private static bool IsReexportModule(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name is "__init__.py" or "compat.py" or "_compat.py";
    }

    /// <summary>
    /// Names inside string literals that read as type expressions, wherever they stand:
    /// <c>Callable[["Response"], Any]</c>, <c>cast("CookieJar", x)</c>, <c>TypeVar("T", bound="Model")</c>.
    /// Counting them as uses can only hide a finding, never invent one.
    /// </summary>
    private static IEnumerable<string> NamesInTypeStrings(PythonModule module)
    {
        foreach (var token in module.Tokens)
        {
            // Trimming and replacing below only drop prefix letters, quotes and spaces: a text with an ASCII character
            // outside a type expression's is none, and is passed over without copying it (other letters are read below).
            if (token.Kind != PythonTokenKind.StringLiteral || token.IsFString || token.Text.Length > 200
                || token.Text.AsSpan().IndexOfAnyExcept(TypeStringCharacters) is var other && other >= 0 && char.IsAscii(token.Text[other]))
            {
                continue;
            }

            // A type expression has no spaces but after commas and around `|`, and does not end like a sentence.
            var body = token.Text.Trim('r', 'R', 'b', 'B', 'u', 'U').Trim('"', '\'').Replace(", ", ",", StringComparison.Ordinal).Replace(" | ", "|", StringComparison.Ordinal);
            if (body.Length == 0 || body.EndsWith('.') || !IsTypeExpressionText(body))
            {
                continue;
            }

            foreach (var word in body.Split(['.', '[', ']', ',', '|'], StringSplitOptions.RemoveEmptyEntries))
            {
                yield return word;
            }
        }
    }

    private static readonly SearchValues<char> TypeStringCharacters = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.[],| \"'");

    /// <summary>Letters, digits and the punctuation of a type expression only; read for every string of the module, so without a delegate per character.</summary>
    private static bool IsTypeExpressionText(string body)
    {
        foreach (var character in body)
        {
            if (!char.IsLetterOrDigit(character) && character is not ('_' or '.' or '[' or ']' or ',' or '|'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>import x as x</c> and <c>from m import x as x</c> mark a deliberate re-export (PEP 484).</summary>
    private static bool IsExplicitReexport(PythonImport import) =>
        import.Alias is not null && string.Equals(import.Alias, import.ImportedName ?? import.Module, StringComparison.Ordinal);

    /// <summary>A bare <c># noqa</c>, or one whose codes include F401.</summary>
    private static bool IsSuppressed(string? noqa)
    {
        if (noqa is null)
        {
            return false;
        }

        var match = NoqaCodes().Match(noqa);
        return !match.Success || !match.Groups["codes"].Success
            || match.Groups["codes"].Value.Contains("F401", StringComparison.OrdinalIgnoreCase);
    }

    private static string Display(PythonImport import)
    {
        var name = import.ImportedName is null
            ? import.Module
            : import.Module.EndsWith('.') ? import.Module + import.ImportedName : import.Module + "." + import.ImportedName;
        return import.Alias is null ? name : $"{name} as {import.Alias}";
    }

    [GeneratedRegex(@"[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)+", RegexOptions.CultureInvariant)]
    private static partial Regex DottedWords();

    [GeneratedRegex(@"#\s*noqa\b(?:\s*:\s*(?<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoqaCodes();
}
