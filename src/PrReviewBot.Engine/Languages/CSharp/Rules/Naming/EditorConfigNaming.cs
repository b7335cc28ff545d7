using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using PrReviewBot.Engine.Detection.Words;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

/// <summary>
/// The repository's <c>dotnet_naming_rule.*</c> conventions, read as Roslyn reads them (IDE1006):
/// a rule names a symbol group (<c>dotnet_naming_symbols.*</c>) and a style
/// (<c>dotnet_naming_style.*</c>); the first rule in Roslyn's order whose group takes a symbol
/// decides its name, whatever that rule's severity.
/// </summary>
internal sealed class EditorConfigNaming
{
    private static readonly string[] AllKinds =
        ["namespace", "class", "struct", "interface", "enum", "property", "method", "local_function", "field", "event", "delegate", "parameter", "type_parameter", "local"];

    private static readonly Accessibility[] AllAccessibilities =
        [Accessibility.NotApplicable, Accessibility.Public, Accessibility.Internal, Accessibility.Private, Accessibility.Protected, Accessibility.ProtectedAndInternal, Accessibility.ProtectedOrInternal];

    private static readonly string[] AllModifiers = ["abstract", "async", "const", "readonly", "static"];

    private EditorConfigNaming(IReadOnlyList<NamingRule> rules)
    {
        Rules = rules;
    }

    public static EditorConfigNaming None { get; } = new([]);

    /// <summary>The rules in the order Roslyn applies them.</summary>
    public IReadOnlyList<NamingRule> Rules { get; }

    public bool IsEmpty => Rules.Count == 0;

    /// <summary>
    /// The rules read from the properties; every file of a change resolves its own properties, but a
    /// repository has one or two naming setups, so each is read once (bounded, in case a server runs long).
    /// </summary>
    public static EditorConfigNaming From(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (properties is not Dictionary<string, string> { Comparer: var comparer } || comparer != StringComparer.OrdinalIgnoreCase)
        {
            return Parse(properties);
        }

        // Files whose .editorconfig sections match alike share one properties object: its naming is read once.
        return ByProperties.GetValue(properties, FromContent);
    }

    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, EditorConfigNaming> ByProperties = new();

    private static EditorConfigNaming FromContent(IReadOnlyDictionary<string, string> properties)
    {
        var key = string.Join('\n', properties
            .Where(pair => pair.Key.StartsWith("dotnet_naming_", StringComparison.OrdinalIgnoreCase) || pair.Key.Equals(SilencingKey, StringComparison.OrdinalIgnoreCase))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}={pair.Value}"));
        if (key.Length == 0)
        {
            return None;
        }

        if (Parsed.Count > MaxParsed)
        {
            Parsed.Clear();
        }

        return Parsed.GetOrAdd(key, _ => Parse(properties));
    }

    private const string SilencingKey = "dotnet_diagnostic.ide1006.severity";

    private const int MaxParsed = 64;

    private static readonly ConcurrentDictionary<string, EditorConfigNaming> Parsed = new(StringComparer.Ordinal);

    private static EditorConfigNaming Parse(IReadOnlyDictionary<string, string> properties)
    {
        var titles = properties.Keys
            .Where(key => key.StartsWith("dotnet_naming_rule.", StringComparison.OrdinalIgnoreCase))
            .Select(key => key.Split('.'))
            .Where(parts => parts.Length == 3)
            .Select(parts => parts[1])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (titles.Count == 0)
        {
            return None;
        }

        var rules = new List<NamingRule>();
        foreach (var title in titles)
        {
            if (Get(properties, $"dotnet_naming_rule.{title}.symbols") is not { } symbolsName
                || Get(properties, $"dotnet_naming_rule.{title}.style") is not { } styleName
                || Get(properties, $"dotnet_naming_rule.{title}.severity") is not { } severity
                || ParseCapitalization(Get(properties, $"dotnet_naming_style.{styleName}.capitalization")) is not { } capitalization)
            {
                continue;
            }

            var group = new SymbolGroup(
                symbolsName,
                ParseList(Get(properties, $"dotnet_naming_symbols.{symbolsName}.applicable_kinds"), AllKinds, KindOf),
                ParseList(Get(properties, $"dotnet_naming_symbols.{symbolsName}.applicable_accessibilities"), AllAccessibilities, AccessibilityOf),
                Get(properties, $"dotnet_naming_symbols.{symbolsName}.required_modifiers") is { } modifiers
                    ? ParseList(modifiers, AllModifiers, ModifierOf)
                    : []);
            var style = new NamingStyle(
                styleName,
                Get(properties, $"dotnet_naming_style.{styleName}.required_prefix") ?? string.Empty,
                Get(properties, $"dotnet_naming_style.{styleName}.required_suffix") ?? string.Empty,
                Get(properties, $"dotnet_naming_style.{styleName}.word_separator") ?? string.Empty,
                capitalization);
            // `dotnet_diagnostic.IDE1006.severity = none` silences every naming rule: they still say
            // what the repository accepts, but it asked for no remarks.
            if (Get(properties, SilencingKey)?.ToLowerInvariant() is "none" or "silent")
            {
                severity = "silent";
            }

            var priority = int.TryParse(Get(properties, $"dotnet_naming_rule.{title}.priority"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
            rules.Add(new NamingRule(title, group, style, severity.Trim().ToLowerInvariant(), priority));
        }

        // Roslyn's order: priority, then the narrower group first (more required modifiers, fewer
        // accessibilities, fewer kinds), then the rule's name; the order in the file does not matter.
        var ordered = rules
            .OrderBy(rule => rule.Priority)
            .ThenBy(rule => rule, SubsetComparer.Modifiers)
            .ThenBy(rule => rule, SubsetComparer.Accessibilities)
            .ThenBy(rule => rule, SubsetComparer.Kinds)
            .ThenBy(rule => rule.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(rule => rule.Title, StringComparer.Ordinal)
            .ToList();
        return new EditorConfigNaming(ordered);
    }

    /// <summary>The rule that decides the symbol's name, or null when none of the repository's rules takes it.</summary>
    public NamingRule? RuleFor(ISymbol symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (Rules.Count == 0 || SymbolKindName(symbol) is not { } kind)
        {
            return null;
        }

        return Match(kind, EffectiveAccessibility(symbol), modifier => HasModifier(symbol, modifier));
    }

    /// <summary>
    /// The rule for a symbol that lives inside a method body (a local, a local function, a lambda's or local
    /// function's parameter), told from its declaration alone: its symbol would cost binding (and nullable
    /// analysis of) the whole method, and all a naming rule asks of it is its kind and written modifiers.
    /// Such symbols have no accessibility of their own (<c>local</c> in <c>applicable_accessibilities</c>).
    /// </summary>
    public NamingRule? RuleForBodySymbol(string kind, IReadOnlyCollection<string> modifiers)
    {
        ArgumentNullException.ThrowIfNull(modifiers);
        return Rules.Count == 0 ? null : Match(kind, Accessibility.NotApplicable, modifiers.Contains);
    }

    private NamingRule? Match(string kind, Accessibility accessibility, Func<string, bool> hasModifier) =>
        Rules.FirstOrDefault(rule => rule.Symbols.Kinds.Contains(kind)
            && rule.Symbols.Accessibilities.Contains(accessibility)
            && rule.Symbols.Modifiers.All(hasModifier));

    private static string? Get(IReadOnlyDictionary<string, string> properties, string key) =>
        properties.TryGetValue(key, out var value) ? value.Trim() : null;

    private static Capitalization? ParseCapitalization(string? value) => value?.ToLowerInvariant() switch
    {
        "pascal_case" => Capitalization.PascalCase,
        "camel_case" => Capitalization.CamelCase,
        "first_word_upper" => Capitalization.FirstUpper,
        "all_upper" => Capitalization.AllUpper,
        "all_lower" => Capitalization.AllLower,
        _ => null,
    };

    private static HashSet<T> ParseList<T>(string? value, IEnumerable<T> all, Func<string, T?> parse)
        where T : struct
    {
        if (value is null || value.Trim() == "*")
        {
            return [.. all];
        }

        var result = new HashSet<T>();
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (parse(item.ToLowerInvariant()) is { } parsed)
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    private static HashSet<string> ParseList(string? value, string[] all, Func<string, string?> parse)
    {
        if (value is null || value.Trim() == "*")
        {
            return new HashSet<string>(all, StringComparer.Ordinal);
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (parse(item.ToLowerInvariant()) is { } parsed)
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    private static string? KindOf(string value) => AllKinds.Contains(value, StringComparer.Ordinal) ? value : null;

    private static string? ModifierOf(string value) => value switch
    {
        "must_inherit" => "abstract",
        "shared" => "static",
        _ => AllModifiers.Contains(value, StringComparer.Ordinal) ? value : null,
    };

    private static Accessibility? AccessibilityOf(string value) => value switch
    {
        "public" => Accessibility.Public,
        "internal" or "friend" => Accessibility.Internal,
        "private" => Accessibility.Private,
        "protected" => Accessibility.Protected,
        "protected_internal" or "protected_friend" => Accessibility.ProtectedOrInternal,
        "private_protected" => Accessibility.ProtectedAndInternal,
        "local" => Accessibility.NotApplicable,
        _ => null,
    };

    /// <summary>The <c>applicable_kinds</c> name of a symbol, or null for symbols naming rules do not judge (indexers, operators, accessors).</summary>
    private static string? SymbolKindName(ISymbol symbol) => symbol switch
    {
        INamespaceSymbol => "namespace",
        INamedTypeSymbol { TypeKind: TypeKind.Class } => "class",
        INamedTypeSymbol { TypeKind: TypeKind.Struct } => "struct",
        INamedTypeSymbol { TypeKind: TypeKind.Interface } => "interface",
        INamedTypeSymbol { TypeKind: TypeKind.Enum } => "enum",
        INamedTypeSymbol { TypeKind: TypeKind.Delegate } => "delegate",
        IMethodSymbol { MethodKind: MethodKind.Ordinary } => "method",
        IMethodSymbol { MethodKind: MethodKind.LocalFunction } => "local_function",
        IPropertySymbol { IsIndexer: false } => "property",
        IFieldSymbol => "field",
        IEventSymbol => "event",
        IParameterSymbol => "parameter",
        ITypeParameterSymbol => "type_parameter",
        ILocalSymbol => "local",
        _ => null,
    };

    /// <summary>As Roslyn's naming analyzer sees it: parameters take their method's accessibility; locals and local functions are <c>local</c>.</summary>
    private static Accessibility EffectiveAccessibility(ISymbol symbol)
    {
        for (var current = symbol; current is not null; current = current.ContainingSymbol)
        {
            switch (current)
            {
                case INamespaceSymbol:
                    return Accessibility.Public;
                case IParameterSymbol or ITypeParameterSymbol:
                    continue;
                case IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction }:
                    return Accessibility.NotApplicable;
                default:
                    return current.DeclaredAccessibility;
            }
        }

        return Accessibility.NotApplicable;
    }

    private static bool HasModifier(ISymbol symbol, string modifier) => modifier switch
    {
        "abstract" => symbol.IsAbstract,
        "static" => symbol.IsStatic,
        "async" => symbol is IMethodSymbol { IsAsync: true },
        "readonly" => symbol is IFieldSymbol { IsReadOnly: true },
        "const" => symbol is IFieldSymbol { IsConst: true } or ILocalSymbol { IsConst: true },
        _ => false,
    };

    /// <summary>Roslyn orders two rules only when one's group is a subset of the other's on the property compared.</summary>
    private sealed class SubsetComparer(Func<NamingRule, NamingRule, bool> firstIsSubset) : IComparer<NamingRule>
    {
        public static readonly SubsetComparer Modifiers = new((x, y) =>
            y.Symbols.Modifiers.All(modifier => x.Symbols.Modifiers.Contains(modifier)
                || (modifier is "static" or "readonly" && x.Symbols.Modifiers.Contains("const"))));

        public static readonly SubsetComparer Accessibilities = new((x, y) => x.Symbols.Accessibilities.IsSubsetOf(y.Symbols.Accessibilities));

        public static readonly SubsetComparer Kinds = new((x, y) => x.Symbols.Kinds.IsSubsetOf(y.Symbols.Kinds));

        public int Compare(NamingRule? x, NamingRule? y)
        {
            if (x is null || y is null)
            {
                return 0;
            }

            var first = firstIsSubset(x, y);
            var second = firstIsSubset(y, x);
            return first == second ? 0 : first ? -1 : 1;
        }
    }
}

internal enum Capitalization
{
    PascalCase,
    CamelCase,
    FirstUpper,
    AllUpper,
    AllLower,
}

/// <summary>A <c>dotnet_naming_symbols.*</c> group.</summary>
internal sealed record SymbolGroup(string Name, HashSet<string> Kinds, HashSet<Accessibility> Accessibilities, HashSet<string> Modifiers);

/// <summary>A <c>dotnet_naming_rule.*</c>: which group, which style, how loudly.</summary>
internal sealed record NamingRule(string Title, SymbolGroup Symbols, NamingStyle Style, string Severity, int Priority)
{
    /// <summary>False for <c>none</c> and <c>silent</c>: the repository asked for no remark on these names.</summary>
    public bool IsEnforced => Severity is "suggestion" or "warning" or "error";
}

/// <summary>A <c>dotnet_naming_style.*</c>, checked the way Roslyn checks it.</summary>
internal sealed record NamingStyle(string Name, string Prefix, string Suffix, string WordSeparator, Capitalization Capitalization)
{
    /// <summary>Roslyn's test: prefix and suffix present, no further <c>_</c>/<c>m_</c>/<c>s_</c>/<c>t_</c> prefix, and each word cased as the style says (only first letters, except for all-upper and all-lower).</summary>
    public bool IsCompliant(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        if (name.Length <= Prefix.Length + Suffix.Length)
        {
            return true;
        }

        var rest = StripCommonPrefixes(name[Prefix.Length..], out var extra);
        if (extra.Length > 0 || rest.Length <= Suffix.Length)
        {
            return extra.Length == 0;
        }

        var words = Words(rest[..^Suffix.Length]);
        return Capitalization switch
        {
            Capitalization.PascalCase => words.All(word => StartsUpper(word)),
            Capitalization.CamelCase => StartsLower(words[0]) && words.Skip(1).All(word => StartsUpper(word)),
            Capitalization.FirstUpper => StartsUpper(words[0]) && words.Skip(1).All(word => StartsLower(word)),
            Capitalization.AllUpper => words.All(word => word.All(character => !HasCasing(character) || char.IsUpper(character))),
            _ => words.All(word => word.All(character => !HasCasing(character) || char.IsLower(character))),
        };
    }

    /// <summary>The name rewritten in this style, keeping its words.</summary>
    public string Rewrite(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var core = name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : name;
        core = StripCommonPrefixes(core, out _);
        if (Suffix.Length > 0 && core.EndsWith(Suffix, StringComparison.Ordinal) && core.Length > Suffix.Length)
        {
            core = core[..^Suffix.Length];
        }

        var words = IdentifierWords.Split(core).Where(word => word.Length > 0).ToList();
        if (words.Count == 0)
        {
            return name;
        }

        var cased = words.Select((word, index) => Capitalization switch
        {
            Capitalization.AllUpper => word.ToUpperInvariant(),
            Capitalization.AllLower => word.ToLowerInvariant(),
            Capitalization.CamelCase when index == 0 => word.ToLowerInvariant(),
            Capitalization.FirstUpper when index > 0 => word.ToLowerInvariant(),
            _ => char.ToUpperInvariant(word[0]) + (word.Length > 1 && word.All(char.IsUpper) && WordSeparator.Length == 0 ? word[1..].ToLowerInvariant() : word[1..]),
        });
        return Prefix + string.Join(WordSeparator, cased) + Suffix;
    }

    /// <summary>How a reader would name the style: <c>_</c> + camelCase, PascalCase + <c>Async</c>.</summary>
    public string Display
    {
        get
        {
            var casing = Capitalization switch
            {
                Capitalization.PascalCase => "PascalCase",
                Capitalization.CamelCase => "camelCase",
                Capitalization.FirstUpper => "first word capitalised",
                Capitalization.AllUpper => "ALL UPPER",
                _ => "all lower",
            };
            if (WordSeparator.Length > 0)
            {
                casing += $" words joined by `{WordSeparator}`";
            }

            var prefix = Prefix.Length > 0 ? $"`{Prefix}` + " : string.Empty;
            var suffix = Suffix.Length > 0 ? $" + `{Suffix}`" : string.Empty;
            return prefix + casing + suffix;
        }
    }

    private List<string> Words(string text) =>
        WordSeparator.Length == 0 ? [text] : [.. text.Split(WordSeparator, StringSplitOptions.RemoveEmptyEntries)];

    private static bool StartsUpper(string word) => word.Length == 0 || !HasCasing(word[0]) || char.IsUpper(word[0]);

    private static bool StartsLower(string word) => word.Length == 0 || !HasCasing(word[0]) || char.IsLower(word[0]);

    private static bool HasCasing(char character) => char.ToLowerInvariant(character) != char.ToUpperInvariant(character);

    /// <summary>Roslyn's "common prefixes": any run of <c>_</c> (before a non-digit), <c>m_</c>, <c>s_</c>, <c>t_</c>.</summary>
    private static string StripCommonPrefixes(string name, out string prefix)
    {
        var index = 0;
        while (index + 1 < name.Length)
        {
            var character = char.ToLowerInvariant(name[index]);
            if ((character is 'm' or 's' or 't' && name[index + 1] == '_') || (character == '_' && !char.IsDigit(name[index + 1])))
            {
                index += character == '_' ? 1 : 2;
                continue;
            }

            break;
        }

        prefix = name[..index];
        return name[index..];
    }
}
