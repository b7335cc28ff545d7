using PrReviewBot.Engine.Detection.Words;

namespace PrReviewBot.Engine.Languages.Python.Rules.Naming;

/// <summary>How a Python identifier is cased, ignoring leading and trailing underscores.</summary>
internal enum PythonCase
{
    /// <summary><c>consumer_obj</c>, and single lower-case words such as <c>name</c>.</summary>
    Snake,

    /// <summary><c>consumerObj</c>.</summary>
    Camel,

    /// <summary><c>ConsumerObj</c>.</summary>
    CapWords,

    /// <summary><c>CONSUMER_OBJ</c>.</summary>
    Upper,

    /// <summary><c>Consumer_Obj</c>, <c>consumer_Obj</c>.</summary>
    Mixed,

    /// <summary>No letters, or too short to judge.</summary>
    Other,
}

/// <summary>Classifies and respells Python identifiers so messages name the style correctly (<c>consumer_obj</c> is snake_case).</summary>
internal static class PythonNameStyle
{
    public static PythonCase Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var body = name.Trim('_');
        if (body.Length <= 1 || !char.IsLetter(body[0]))
        {
            return PythonCase.Other;
        }

        var hasLower = body.Any(char.IsLower);
        var hasUpper = body.Any(char.IsUpper);
        var hasUnderscore = body.Contains('_', StringComparison.Ordinal);
        if (!hasUpper)
        {
            return PythonCase.Snake;
        }

        if (!hasLower)
        {
            return PythonCase.Upper;
        }

        if (hasUnderscore)
        {
            return PythonCase.Mixed;
        }

        return char.IsUpper(body[0]) ? PythonCase.CapWords : PythonCase.Camel;
    }

    public static string Display(PythonCase style) => style switch
    {
        PythonCase.Snake => "snake_case",
        PythonCase.Camel => "camelCase",
        PythonCase.CapWords => "CapWords",
        PythonCase.Upper => "UPPER_CASE",
        PythonCase.Mixed => "mixed case joined by underscores",
        _ => "unconventionally cased",
    };

    /// <summary><c>projectExternalId</c> → <c>project_external_id</c>, keeping leading underscores.</summary>
    public static string ToSnake(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var prefix = name[..(name.Length - name.TrimStart('_').Length)];
        return prefix + string.Join('_', IdentifierWords.Split(name).Select(word => word.ToLowerInvariant()));
    }

    /// <summary><c>project_store</c> → <c>ProjectStore</c>, keeping leading underscores.</summary>
    public static string ToCapWords(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var prefix = name[..(name.Length - name.TrimStart('_').Length)];
        return prefix + string.Concat(IdentifierWords.Split(name).Select(word =>
            word.All(character => !char.IsLetter(character) || char.IsUpper(character)) && word.Length > 1 && word.Length <= 4
                ? word
                : char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant()));
    }

    public static bool IsDunder(string name) =>
        name.Length > 4 && name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal);
}
