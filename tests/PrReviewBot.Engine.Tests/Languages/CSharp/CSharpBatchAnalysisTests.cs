using System.Globalization;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;
using PrReviewBot.Engine.Tests.Review;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

/// <summary>
/// A large change is analysed a batch of files at a time, each batch's compilation holding the other
/// files as their declarations only. That must find exactly what one compilation over every file finds,
/// including where a finding depends on another file: a type declared there, a constant, a partial
/// type's other part, a filter registered in another file's method body.
/// </summary>
public sealed class CSharpBatchAnalysisTests
{
    private static readonly ReviewEngine Together = new();

    // Every file a batch of its own, whatever memory is left.
    private static readonly ReviewEngine OneFileAtATime = new(new CSharpAnalyzer { BatchThreshold = 0, BatchChars = 1, WholeIfRoomUpTo = 0 });

    [Fact]
    public void The_security_corpus_reviewed_as_one_change_gets_the_same_findings_in_batches()
    {
        AssertSameFindings(new PullRequestSnapshot(SecurityCorpusFiles.AsOneChange()));
    }

    [Fact]
    public void Facts_from_other_files_hold_in_batches()
    {
        var snapshot = new PullRequestSnapshot(
        [
            ChangedFile.WholeFile("src/Web/Startup.cs", """
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.Extensions.DependencyInjection;

                namespace Web;

                /// <summary>Wires the app.</summary>
                public sealed class Startup
                {
                    /// <summary>Registers the services.</summary>
                    public void ConfigureServices(IServiceCollection services)
                    {
                        services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
                    }
                }
                """),
            ChangedFile.WholeFile("src/Web/AccountController.cs", """
                using Microsoft.AspNetCore.Mvc;
                using Web.Crypto;

                namespace Web;

                /// <summary>Accounts.</summary>
                public sealed partial class AccountController : Controller
                {
                    /// <summary>Changes the e-mail address.</summary>
                    [HttpPost]
                    public IActionResult ChangeEmail(string email)
                    {
                        var digest = MD5.Create().Hash(email);
                        var password = Settings.Password;
                        return Ok(digest + password);
                    }

                    /// <summary>Deletes the account.</summary>
                    [HttpPost]
                    [ValidateAntiForgeryToken]
                    public IActionResult Delete() => Ok();

                    public int Undocumented() => Settings.Limit;
                }
                """),
            ChangedFile.WholeFile("src/Web/AccountController.Part.cs", """
                namespace Web;

                public sealed partial class AccountController
                {
                    public string AlsoUndocumented { get; set; } = "";
                }
                """),
            ChangedFile.WholeFile("src/Web/Crypto/MD5.cs", """
                namespace Web.Crypto;

                /// <summary>Not the framework's MD5: a look-alike the review must recognise.</summary>
                public sealed class MD5
                {
                    /// <summary>Makes one.</summary>
                    public static MD5 Create() => new();

                    /// <summary>Hashes.</summary>
                    public string Hash(string text) => text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                """),
            ChangedFile.WholeFile("src/Web/Settings.cs", """
                namespace Web;

                /// <summary>Settings.</summary>
                public static class Settings
                {
                    /// <summary>The password.</summary>
                    public const string Password = "correct-horse-battery-" + "staple-42";

                    /// <summary>The limit.</summary>
                    public const int Limit = 10;
                }
                """),
        ]);

        AssertSameFindings(snapshot);
    }

    [Theory]
    [InlineData("/// <summary>Documented.</summary>", 3)]
    [InlineData("///", 0)]
    [InlineData("/** */", 0)]
    public void Another_files_documentation_counts_the_same_in_batches(string comment, int findings)
    {
        // Mine documents one of its four public declarations, so whether the rule speaks depends on whether the
        // other file's comments document its five. Batches keep other files' comments only as
        // "documented" or nothing, which must count exactly as the comments themselves.
        var other = string.Join("\n", ["namespace Lib;", comment, "public sealed class Other", "{", .. Enumerable.Range(1, 4).SelectMany(index => new[] { "    " + comment, $"    public void M{index}() {{ }}" }), "}"]);
        var snapshot = new PullRequestSnapshot(
        [
            ChangedFile.WholeFile("src/Lib/Other.cs", other),
            ChangedFile.WholeFile("src/Lib/Mine.cs", """
                namespace Lib;

                /// <summary>Mine.</summary>
                public sealed class Mine
                {
                    public void A() { }

                    public void B() { }

                    public void C() { }
                }
                """),
        ]);

        foreach (var engine in new[] { Together, OneFileAtATime })
        {
            var missing = engine.Review(snapshot).Findings.Where(finding => finding.Rule.Id == "cs/missing-xml-docs").ToList();
            Assert.Equal(findings, missing.Count);
        }
    }

    [Fact]
    public void Each_file_is_read_in_its_own_projects_nullable_context_together_and_in_batches()
    {
        // Two projects, one compilation per nullable context (the second made from the first): a null given to a
        // non-nullable string is a finding only where the project enables nullable reference types.
        const string Service = """
            namespace Shop;

            /// <summary>Names.</summary>
            public sealed class Names
            {
                /// <summary>The default name.</summary>
                public string Default() => null;
            }
            """;
        var snapshot = new PullRequestSnapshot(
        [
            ChangedFile.WholeFile("src/Modern/Names.cs", Service),
            ChangedFile.WholeFile("src/Legacy/Names.cs", Service.Replace("namespace Shop;", "namespace Shop.Legacy;", StringComparison.Ordinal)),
        ])
        {
            ContextFiles = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["src/Modern/Modern.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>",
                ["src/Legacy/Legacy.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><Nullable>disable</Nullable></PropertyGroup></Project>",
            },
        };

        foreach (var engine in new[] { Together, OneFileAtATime })
        {
            var nulls = engine.Review(snapshot).Findings.Where(finding => finding.Rule.Id == "cs/null-to-non-nullable").ToList();
            Assert.Equal("src/Modern/Names.cs", Assert.Single(nulls).Path);
        }
    }

    [Fact]
    public void Base_versions_read_in_batches_excuse_the_same_findings()
    {
        // After a change analysed in batches its base versions are batched too: the secret each file already had is
        // excused, whichever batch its base version was read in, and only the one each change adds is kept.
        const string Before = """
            namespace Lib;

            public static class Settings#
            {
                public const string Password = "Tr0ub4dor&3-#";
            }
            """;
        const string After = """
            namespace Lib;

            public static class Settings#
            {
                public const string Password = "Tr0ub4dor&3-#";

                public const string ApiSecret = "c0rrect-h0rse-#";
            }
            """;
        var snapshot = new PullRequestSnapshot(
        [
            .. Enumerable.Range(1, 3).Select(index => BaseChanges.Modified(
                $"src/Lib/Settings{index}.cs",
                Before.Replace("#", index.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
                After.Replace("#", index.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))),
        ]);

        AssertSameFindings(snapshot);
        Assert.All(OneFileAtATime.Review(snapshot).Findings.Where(finding => finding.Rule.Id == "cs/hardcoded-secret"), finding => Assert.Equal(7, finding.StartLine));
        Assert.Equal(3, OneFileAtATime.Review(snapshot).Findings.Count(finding => finding.Rule.Id == "cs/hardcoded-secret"));
    }

    [Fact]
    public void A_change_just_over_the_threshold_is_analysed_whole_when_its_parsed_trees_leave_room_and_in_batches_otherwise()
    {
        var snapshot = new PullRequestSnapshot(SecurityCorpusFiles.AsOneChange());
        var together = Describe(Together.Review(snapshot).Findings);
        // No memory in use: whole, asked before and after parsing. A gigabyte: batches of 4,000 characters (the corpus is
        // about 16,000), asked once, before parsing.
        foreach (var inUse in new[] { 0L, 1L << 30 })
        {
            var asked = 0;
            var analyzer = new CSharpAnalyzer { BatchThreshold = 0, BatchChars = 4_000, WholeIfRoomUpTo = long.MaxValue, MemoryInUse = () => { asked++; return inUse; } };

            Assert.Equal(together, Describe(new ReviewEngine(analyzer).Review(snapshot).Findings));
            Assert.Equal(inUse == 0 ? 2 : 1, asked);
        }
    }

    [Fact]
    public void A_change_whose_parsed_trees_take_more_than_expected_falls_back_to_batches_with_the_same_findings()
    {
        var snapshot = new PullRequestSnapshot(SecurityCorpusFiles.AsOneChange());
        var together = Describe(Together.Review(snapshot).Findings);

        // Room for the trees before they are parsed, none once they are.
        var asked = 0;
        var analyzer = new CSharpAnalyzer { BatchThreshold = 0, BatchChars = 4_000, WholeIfRoomUpTo = long.MaxValue, MemoryInUse = () => ++asked == 1 ? 0 : 1L << 30 };

        Assert.Equal(together, Describe(new ReviewEngine(analyzer).Review(snapshot).Findings));
        Assert.Equal(2, asked);
    }

    [Theory]
    [InlineData(100, 0, true)]
    [InlineData(370, 0, true)]
    [InlineData(371, 0, false)]
    [InlineData(300, 55_000, true)]
    [InlineData(300, 60_000, false)]
    public void Whole_analysis_fits_when_the_memory_in_use_with_headroom_for_the_rules_stays_under_500_MB(long megabytes, long addedLines, bool fits)
    {
        Assert.Equal(fits, CSharpAnalyzer.WholeFits(megabytes << 20, addedLines));
    }

    /// <summary>
    /// The memory in use when real changes' reviews began, the characters they still had to parse and their added lines. WPF's
    /// 740 C# files and WinForms' 790 peaked at 474 and 414 MB whole; PowerShell's 834 files peaked at 510–517 MB whole, and
    /// are left to batches before their trees are parsed.
    /// </summary>
    [Theory]
    [InlineData(253, 24_100_000, 5_685, true)]
    [InlineData(257, 20_500_000, 17_715, true)]
    [InlineData(288, 16_800_000, 27_424, false)]
    [InlineData(253, 0, 0, true)]
    public void Trees_are_parsed_whole_first_when_four_bytes_a_character_leave_room_for_whole_analysis(long megabytes, long charsToParse, long addedLines, bool fits)
    {
        Assert.Equal(fits, CSharpAnalyzer.TreesFit(megabytes << 20, charsToParse, addedLines));
    }

    private static void AssertSameFindings(PullRequestSnapshot snapshot)
    {
        var together = Describe(Together.Review(snapshot).Findings);
        var batched = Describe(OneFileAtATime.Review(snapshot).Findings);

        Assert.NotEmpty(together);
        Assert.Equal(together, batched);
    }

    private static List<string> Describe(IEnumerable<Finding> findings) =>
        [.. findings.Select(finding => $"{finding.Path}:{finding.StartLine}-{finding.EndLine} {finding.Rule.Id} {finding.Message}").Order(StringComparer.Ordinal)];
}
