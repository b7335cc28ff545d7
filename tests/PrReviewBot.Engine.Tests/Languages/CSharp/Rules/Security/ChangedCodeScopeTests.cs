using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

/// <summary>
/// Security rules read only the declarations a change touched, unless the fact they need lives elsewhere in the
/// file: a finding anchored in old code that reaches the new line, a generator or validator declared in old code,
/// a file-wide setting. Each case reviews a change that added only the lines written with a leading <c>+</c>,
/// once reading the changed code and once the whole file, and expects the same findings on the added lines.
/// </summary>
public sealed class ChangedCodeScopeTests
{
    [Fact]
    public void Finds_a_fixed_temp_name_built_in_new_code_from_an_old_field()
    {
        ReviewBothWays<InsecureTempFileRule>("""
            using System.IO;

            public sealed class Backup
            {
                private static readonly string Dir = Path.GetTempPath();

            +    public string LockFile() => [|Path.Combine(Dir, "backup.lock")|];
            }
            """);
    }

    [Fact]
    public void Finds_new_code_creating_an_old_class_derived_from_a_weak_cipher()
    {
        ReviewBothWays<WeakCipherRule>("""
            using System.Security.Cryptography;

            public abstract class LegacyCipher : TripleDES
            {
            }

            public sealed class Vault
            {
            +    public object Open() => [|new LegacyCipher()|];
            }
            """);
    }

    [Fact]
    public void Reports_a_formatter_where_old_code_creates_it_not_where_new_code_calls_it()
    {
        ReviewBothWays<InsecureDeserializationRule>("""
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;

            public sealed class Store
            {
                private readonly BinaryFormatter formatter;

                public Store()
                {
                    formatter = new BinaryFormatter();
                }

            +    public object Load(Stream stream) => formatter.Deserialize(stream);
            }
            """);
    }

    [Fact]
    public void Finds_new_code_drawing_a_token_from_an_old_generator()
    {
        ReviewBothWays<InsecureRandomRule>("""
            using System;

            public sealed class Tokens
            {
                public Tokens(Random generator)
                {
                    Generator = generator;
                }

                private Random Generator { get; }

            +    public string NewToken() => [|Generator.Next()|].ToString();
            }
            """);
    }

    [Fact]
    public void Keeps_one_random_finding_per_type_when_old_and_new_fields_draw()
    {
        ReviewBothWays<InsecureRandomRule>("""
            using System;

            public sealed class Codes
            {
                private static readonly string Secret = new Random().Next().ToString();
            +    private static readonly string Token = new Random().Next().ToString();
            }
            """);
    }

    [Fact]
    public void Honours_a_default_regex_timeout_that_old_code_sets_earlier_in_the_file()
    {
        ReviewBothWays<RegexWithoutTimeoutRule>("""
            using System;
            using System.Text.RegularExpressions;

            public static class Startup
            {
                public static void Configure() => AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));
            }

            public static class Filters
            {
            +    public static bool Matches(string input) => Regex.IsMatch(input, "^(a+)+$");
            }
            """);
    }

    [Fact]
    public void Flags_a_useless_regex_timeout_in_new_code_above_where_old_code_sets_the_default()
    {
        ReviewBothWays<RegexWithoutTimeoutRule>("""
            using System;
            using System.Text.RegularExpressions;

            public static class Filters
            {
            +    public static Regex Slow() => [|new Regex("^a+$", RegexOptions.None, Regex.InfiniteMatchTimeout)|];
            +    public static bool Matches(string input) => Regex.IsMatch(input, "^(a+)+$");
            }

            public static class Startup
            {
                public static void Configure() => AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));
            }

            public static class Patterns
            {
            +    public static Regex Slower() => new Regex("^b+$", RegexOptions.None, Regex.InfiniteMatchTimeout);
            }
            """);
    }

    [Fact]
    public void Finds_new_code_installing_an_old_accept_all_validator()
    {
        ReviewBothWays<CertificateValidationDisabledRule>("""
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public static class Clients
            {
                private static bool AcceptAll(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors) => true;

            +    public static void Setup(Transport transport) => transport.Configure([|AcceptAll|]);
            }
            """);
    }

    [Fact]
    public void Finds_a_short_key_that_new_code_asks_of_an_old_generator()
    {
        ReviewBothWays<WeakRsaKeyRule>("""
            using Org.BouncyCastle.Crypto.Generators;
            using Org.BouncyCastle.Security;

            public sealed class Keys
            {
                private readonly DsaParametersGenerator generator = new DsaParametersGenerator();

            +    public void Prepare(SecureRandom random) => [|generator.Init(1024, 80, random)|];
            }
            """);
    }

    [Fact]
    public void Reports_an_old_reader_field_that_new_code_parses_with()
    {
        var findings = ReviewBothWays<XxeRule>("""
            using System.Xml;

            public sealed class Feed
            {
                private readonly XmlTextReader [|reader = new XmlTextReader("feed.xml")|];
            +    public bool Next() => reader.Read();
            }
            """);
        Assert.Equal(6, findings[0].EndLine);
    }

    [Fact]
    public void Leaves_a_secret_to_its_old_declaration_when_new_code_passes_it_on()
    {
        ReviewBothWays<HardcodedSecretRule>("""
            public sealed class Mailer
            {
                private const string Password = "Secret123";

            +    public void Connect(Client client) => client.SetPassword(Password);
            }
            """);
    }

    [Fact]
    public void Finds_sql_built_in_a_changed_member_of_an_unchanged_class()
    {
        ReviewBothWays<SqlInjectionRule>("""
            using System.Data.SqlClient;

            public sealed class Orders
            {
                private const string Table = "orders";

                public SqlCommand All(SqlConnection connection) => new SqlCommand("SELECT * FROM " + Table, connection);

            +    public SqlCommand One(SqlConnection connection, string id) => [|new SqlCommand("SELECT * FROM orders WHERE id = " + id, connection)|];
            }
            """);
    }

    [Fact]
    public void Reads_attribute_names_spelled_by_an_old_class_in_a_new_action()
    {
        ReviewBothWays<CsrfDisabledRule>("""
            using Microsoft.AspNetCore.Mvc;

            public sealed class NoCheckAttribute : IgnoreAntiforgeryTokenAttribute
            {
            }

            public sealed class AccountController : Controller
            {
            +    [[|NoCheck|]]
            +    [HttpPost]
            +    public IActionResult Delete(int id) => Ok();
            }
            """);
    }

    /// <summary>
    /// Reviews the change under both scopes and asserts the same findings on added lines, starting on the
    /// lines marked <c>[|…|]</c>; returns them.
    /// </summary>
    private static List<RawFinding> ReviewBothWays<TRule>(string change)
        where TRule : CSharpRule, new()
    {
        var (marked, added) = SplitAdded(change);
        var (source, expectedLines) = CSharpRuleVerifier.Unmark(marked);
        var changed = Added(source.Split('\n').Length, added);
        var changedCode = OnAddedLines<TRule>(source, changed, AnalysisScope.ChangedCode);
        var wholeFiles = OnAddedLines<TRule>(source, changed, AnalysisScope.WholeFiles);
        Assert.Equal(Describe(wholeFiles), Describe(changedCode));
        Assert.Equal(expectedLines, changedCode.Select(finding => finding.StartLine).Distinct().Order().ToArray());
        return changedCode;
    }

    private static List<RawFinding> OnAddedLines<TRule>(string source, ChangedLines changed, AnalysisScope scope)
        where TRule : CSharpRule, new() =>
        [.. CSharpRuleVerifier.Run<TRule>(source, ReviewOptions.Default with { Scope = scope }, changedLines: changed)
            .Where(finding => changed.TouchesAdded(finding.StartLine, finding.EndLine))];

    private static string[] Describe(IEnumerable<RawFinding> findings) =>
        [.. findings.Select(finding => $"{finding.Rule.Id} {finding.StartLine}-{finding.EndLine} {finding.Message} | {finding.Replacement}")];

    /// <summary>The source without the <c>+</c> that starts each added line, and the 1-based numbers of those lines.</summary>
    private static (string Source, int[] Added) SplitAdded(string change)
    {
        var lines = change.Split('\n');
        var added = new List<int>();
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].StartsWith('+'))
            {
                lines[index] = lines[index][1..];
                added.Add(index + 1);
            }
        }

        return (string.Join('\n', lines), [.. added]);
    }

    /// <summary>A change to an existing file that added only <paramref name="lines"/>; every other line is unchanged context.</summary>
    private static ChangedLines Added(int lineCount, int[] lines)
    {
        var added = lines.ToHashSet();
        var diffLines = Enumerable.Range(1, lineCount)
            .Select(line => added.Contains(line)
                ? new DiffLine(DiffLineKind.Added, string.Empty, null, line)
                : new DiffLine(DiffLineKind.Context, string.Empty, line, line))
            .ToList();
        return ChangedLines.FromHunks([new Hunk(1, lineCount - added.Count, 1, lineCount, string.Empty, diffLines)]);
    }
}
