using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace PrReviewBot.Engine.Languages.Python;

/// <summary>Python source text decoded from bytes, and how the decoding went.</summary>
/// <param name="Text">The decoded text; undecodable bytes became U+FFFD.</param>
/// <param name="EncodingName">The encoding used, as named by .NET (e.g. <c>utf-8</c>, <c>iso-8859-1</c>).</param>
/// <param name="DeclaredEncoding">The PEP 263 coding cookie's name as written, or null.</param>
/// <param name="UnknownEncodingFellBackToUtf8">True when the cookie named an encoding we do not know and UTF-8 was used instead.</param>
/// <param name="HadInvalidBytes">True when some bytes were not valid in the encoding used and were replaced.</param>
public sealed record PythonDecodedSource(
    string Text,
    string EncodingName,
    string? DeclaredEncoding,
    bool UnknownEncodingFellBackToUtf8,
    bool HadInvalidBytes);

/// <summary>Decodes Python files the way CPython does: UTF-8 BOM, then a PEP 263 coding cookie in the first two lines, else UTF-8.</summary>
public static partial class PythonSource
{
    private static readonly Lazy<bool> CodePagesRegistered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    public static PythonDecodedSource Decode(ReadOnlySpan<byte> bytes)
    {
        var hasBom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        if (hasBom)
        {
            bytes = bytes[3..];
        }

        var declared = FindCodingCookie(bytes);
        Encoding? encoding = null;
        var unknown = false;
        if (declared is not null && !hasBom)
        {
            encoding = Resolve(declared);
            unknown = encoding is null;
        }

        if (encoding is null || encoding.CodePage == Encoding.UTF8.CodePage)
        {
            var valid = Utf8.IsValid(bytes);
            var text = new UTF8Encoding(false, false).GetString(bytes);
            return new PythonDecodedSource(text, "utf-8", declared, unknown, !valid);
        }

        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        var invalid = false;
        string decoded;
        try
        {
            decoded = strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            invalid = true;
            var lenient = (Encoding)encoding.Clone();
            lenient.DecoderFallback = new DecoderReplacementFallback("\uFFFD");
            decoded = lenient.GetString(bytes);
        }

        return new PythonDecodedSource(decoded, encoding.WebName, declared, false, invalid);
    }

    private static string? FindCodingCookie(ReadOnlySpan<byte> bytes)
    {
        var start = 0;
        for (var lineNumber = 0; lineNumber < 2 && start < bytes.Length; lineNumber++)
        {
            var rest = bytes[start..];
            var end = rest.IndexOfAny((byte)'\n', (byte)'\r');
            var lineBytes = end < 0 ? rest : rest[..end];
            var lineText = Encoding.Latin1.GetString(lineBytes);
            var match = CodingCookie().Match(lineText);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }

            // CPython looks at the second line only when the first is blank or a comment.
            var trimmed = lineText.TrimStart(' ', '\t', '\f');
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                return null;
            }

            if (end < 0)
            {
                return null;
            }

            start += end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1);
        }

        return null;
    }

    private static Encoding? Resolve(string name)
    {
        var normalized = name.ToLowerInvariant().Replace('_', '-');
        if (normalized is "utf-8" or "utf8" or "utf-8-sig" || normalized.StartsWith("utf-8-", StringComparison.Ordinal))
        {
            return Encoding.UTF8;
        }

        if (normalized is "latin-1" or "latin1" or "l1" or "iso-8859-1" or "iso8859-1" or "8859" or "cp819")
        {
            return Encoding.Latin1;
        }

        _ = CodePagesRegistered.Value;
        if (normalized.StartsWith("cp", StringComparison.Ordinal)
            && int.TryParse(normalized.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var codePage))
        {
            return TryGetEncoding(() => Encoding.GetEncoding(codePage));
        }

        // Python spells some names with underscores (shift_jis), others with hyphens (euc-jp); .NET knows one or the other.
        return TryGetEncoding(() => Encoding.GetEncoding(name.ToLowerInvariant()))
            ?? TryGetEncoding(() => Encoding.GetEncoding(normalized))
            ?? TryGetEncoding(() => Encoding.GetEncoding(name.ToLowerInvariant().Replace('-', '_')));
    }

    private static Encoding? TryGetEncoding(Func<Encoding> get)
    {
        try
        {
            return get();
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex CodingCookie();
}
