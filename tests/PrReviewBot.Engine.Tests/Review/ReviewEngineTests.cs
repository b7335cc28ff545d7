using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Tests.Review;

public sealed class ReviewEngineTests
{
    private static readonly ReviewEngine Engine = new(new CSharpAnalyzer([new UnsafeLiteralRule(), new UnderscoreLocalRule()]));

    private const string Source = """
        class C
        {
            void M()
            {
                var a = "unsafe";
                var b = "safe";
                var c = "unsafe";
            }
        }
        """;

    [Fact]
    public void Reports_findings_only_on_added_lines()
    {
        var file = new ChangedFile("src/C.cs", ChangeStatus.Modified, [HunkAdding(7, Source)], Source);

        var result = Engine.Review(new PullRequestSnapshot([file]));

        var finding = Assert.Single(result.Findings);
        Assert.Equal(7, finding.StartLine);
    }

    [Fact]
    public void A_base_version_is_read_only_with_the_rules_that_reported_on_its_file()
    {
        var alpha = new WordRule("test/alpha", "alpha");
        var beta = new WordRule("test/beta", "beta");
        const string Before = "class C\n{\n    int Kept = 0;\n}\n";
        var engine = new ReviewEngine(new CSharpAnalyzer([alpha, beta]));

        var result = engine.Review(new PullRequestSnapshot(
        [
            BaseChanges.Modified("src/A.cs", Before, Before.Replace("int Kept = 0;", "int Kept = 0;\n    int alpha = 1;", StringComparison.Ordinal)),
            BaseChanges.Modified("src/B.cs", Before, Before.Replace("int Kept = 0;", "int Kept = 0;\n    int beta = 2;", StringComparison.Ordinal)),
        ]));

        Assert.Equal(["src/A.cs:test/alpha", "src/B.cs:test/beta"], result.Findings.Select(finding => $"{finding.Path}:{finding.Rule.Id}").Order(StringComparer.Ordinal));
        Assert.Equal(["src/A.cs"], alpha.BaseVersionsRead);
        Assert.Equal(["src/B.cs"], beta.BaseVersionsRead);
    }

    /// <summary>Flags every line holding its word, and notes the base versions it reads (the ones read with every line changed).</summary>
    private sealed class WordRule(string id, string word) : CSharpRule
    {
        public System.Collections.Concurrent.ConcurrentBag<string> BaseVersionsRead { get; } = [];

        public override RuleDescriptor Descriptor { get; } = new(id, word, Category.Naming, Severity.Note, "It is a test.", "Nothing to fix.");

        public override void Analyze(CSharpRuleContext context)
        {
            if (context.ChangedLines.EveryLine)
            {
                BaseVersionsRead.Add(context.Path);
            }

            for (var line = 1; line <= context.Text.Lines.Count; line++)
            {
                if (context.LineText(line).Contains(word, StringComparison.Ordinal))
                {
                    context.Report(this, line, line, $"The line says {word}.");
                }
            }
        }
    }

    [Fact]
    public void Fingerprint_survives_the_code_moving_to_other_lines()
    {
        var before = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("src/C.cs", Source)]));
        var moved = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("src/C.cs", "// header\n\n" + Source)]));

        Assert.Equal(before.Findings.Select(f => f.Fingerprint), moved.Findings.Select(f => f.Fingerprint));
        Assert.Equal(before.Findings.Select(f => f.StartLine + 2), moved.Findings.Select(f => f.StartLine));
    }

    [Fact]
    public void Identical_findings_get_different_fingerprints()
    {
        var source = "class C { void M() {\nvar a = \"unsafe\";\nvar b = \"unsafe\";\nvar c = \"unsafe\"; } }";
        var result = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("C.cs", source)]));

        Assert.Equal(3, result.Findings.Count);
        Assert.Equal(3, result.Findings.Select(f => f.Fingerprint).Distinct().Count());
    }

    [Fact]
    public void Orders_security_first_then_groups()
    {
        var source = "class C { void M() {\nvar my_name = 1;\nvar a = \"unsafe\"; } }";
        var result = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("C.cs", source)]));

        Assert.Equal(["test/unsafe", "test/underscore"], result.Findings.Select(f => f.Rule.Id));
    }

    [Fact]
    public void Drops_a_suggestion_whose_lines_are_outside_the_diff()
    {
        var source = "class C { void M() {\nvar my_name = 1;\n} }";
        var file = new ChangedFile("C.cs", ChangeStatus.Modified, [HunkAdding(2, source)], source);

        var result = Engine.Review(new PullRequestSnapshot([file]));

        Assert.Equal("var myname = 1;", Assert.Single(result.Findings).Replacement);
    }

    [Fact]
    public void Skips_binary_generated_excluded_and_too_large_files_with_reasons()
    {
        var files = new[]
        {
            new ChangedFile("logo.png", ChangeStatus.Added, [], IsBinary: true),
            ChangedFile.WholeFile("Form1.Designer.cs", "class F {}"),
            ChangedFile.WholeFile("Migrations/0001.cs", "class M {}"),
            ChangedFile.WholeFile("Big.cs", new string('a', 2048)),
            ChangedFile.WholeFile("Ok.cs", "class Ok {}"),
        };
        var options = ReviewOptions.Default with { Exclude = ["Migrations/**"], MaxFileBytes = 1024 };

        var result = Engine.Review(new PullRequestSnapshot(files), options);

        Assert.Equal(
            ["logo.png: binary", "Form1.Designer.cs: generated", "Migrations/0001.cs: excluded by configuration", "Big.cs: too large (2 KB; the limit is 1 KB)"],
            result.Coverage.Skipped.Select(file => $"{file.Path}: {file.Reason}"));
        Assert.Equal("Ok.cs", Assert.Single(result.Coverage.Reviewed).Path);
        Assert.False(result.Coverage.SecurityComplete);
        Assert.Equal([false, false, true, false], result.Coverage.Skipped.Select(file => file.Chosen));
    }

    [Fact]
    public void Files_the_repository_marks_generated_or_vendored_are_left_out_by_choice_and_keep_the_verdict()
    {
        var files = new[]
        {
            ChangedFile.WholeFile(".gitattributes", "*.g.cs linguist-generated\nvendor/** linguist-vendored\n"),
            ChangedFile.WholeFile("src/Client.g.cs", "class Client { string password = \"Sup3rS3cr3t!\"; }"),
            ChangedFile.WholeFile("vendor/lib/Json.cs", "class Json { string password = \"Sup3rS3cr3t!\"; }"),
            ChangedFile.WholeFile("Migrations/0001.cs", "class M {}"),
            ChangedFile.WholeFile("src/Ok.cs", "class Ok {}"),
        };

        var result = Engine.Review(new PullRequestSnapshot(files), ReviewOptions.Default with { Exclude = ["Migrations/**"] });

        Assert.Equal(
            ["src/Client.g.cs: generated (linguist-generated in .gitattributes)", "vendor/lib/Json.cs: vendored (linguist-vendored in .gitattributes)", "Migrations/0001.cs: excluded by configuration"],
            result.Coverage.Skipped.Select(file => $"{file.Path}: {file.Reason}"));
        Assert.All(result.Coverage.Skipped, file => Assert.True(file.Chosen));
        Assert.DoesNotContain(result.Findings, finding => finding.Path != ".gitattributes" && finding.Path != "src/Ok.cs");
        Assert.True(result.Coverage.SecurityComplete);
    }

    [Fact]
    public void Attributes_from_an_unchanged_gitattributes_given_as_context_apply()
    {
        var snapshot = new PullRequestSnapshot([ChangedFile.WholeFile("gen/Api.cs", "class Api {}")])
        {
            ContextFiles = new Dictionary<string, string>(StringComparer.Ordinal) { ["gen/.gitattributes"] = "*.cs linguist-generated\n" },
        };

        var skipped = Assert.Single(Engine.Review(snapshot).Coverage.Skipped);

        Assert.Equal("generated (linguist-generated in .gitattributes)", skipped.Reason);
        Assert.True(PullRequestSnapshot.IsContextFile("gen/.gitattributes"));
    }

    [Fact]
    public void A_failing_rule_is_reported_as_a_problem_not_thrown()
    {
        var engine = new ReviewEngine(new CSharpAnalyzer([new BrokenRule(), new UnsafeLiteralRule()]));

        var result = engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("C.cs", Source)]));

        Assert.Equal(2, result.Findings.Count);
        Assert.Contains("test/broken failed on C.cs", Assert.Single(result.Coverage.Problems), StringComparison.Ordinal);
        Assert.False(result.Coverage.SecurityComplete);
    }

    [Fact]
    public void Survives_source_that_is_not_valid_csharp()
    {
        var result = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("Broken.cs", "class { void ( \"unsafe\" ;; } } } \uFFFD")]));

        Assert.Empty(result.Coverage.Problems);
        Assert.Single(result.Coverage.Reviewed);
    }

    [Fact]
    public void Deleted_files_and_pure_renames_are_not_reviewed_or_skipped()
    {
        var files = new[]
        {
            new ChangedFile("Gone.cs", ChangeStatus.Deleted, []),
            new ChangedFile("New.cs", ChangeStatus.Renamed, [], OldPath: "Old.cs"),
        };

        var result = Engine.Review(new PullRequestSnapshot(files));

        Assert.Empty(result.Coverage.Reviewed);
        Assert.Empty(result.Coverage.Skipped);
    }

    [Fact]
    public void Other_languages_get_the_text_checks_and_do_not_block_a_complete_security_verdict()
    {
        var files = new[] { ChangedFile.WholeFile("README.md", "# hi"), ChangedFile.WholeFile("C.cs", "class C {}") };

        var result = Engine.Review(new PullRequestSnapshot(files));

        Assert.Equal("README.md", Assert.Single(result.Coverage.TextOnly).Path);
        Assert.Empty(result.Coverage.Skipped);
        Assert.True(result.Coverage.SecurityComplete);
    }

    [Fact]
    public void The_default_engine_runs_text_rules_on_every_file_and_says_a_secret_once()
    {
        var token = "ghp_" + Languages.Text.FakeSecrets.Base62(36, seed: 21);
        var files = new[]
        {
            ChangedFile.WholeFile(".env", $"GITHUB_TOKEN={token}\n"),
            ChangedFile.WholeFile("src/Client.cs", $"class Client {{ const string Token = \"{token}\"; }}\n"),
            ChangedFile.WholeFile("package-lock.json", $"{{ \"token\": \"{token}\" }}"),
        };

        var result = new ReviewEngine().Review(new PullRequestSnapshot(files));

        Assert.Equal(["text/leaked-secret .env", "cs/hardcoded-secret src/Client.cs"], result.Security.Select(f => $"{f.Rule.Id} {f.Path}").Order().Reverse());
        Assert.All(result.Findings, finding => Assert.DoesNotContain(token, finding.Message, StringComparison.Ordinal));
        Assert.Equal("lock file", Assert.Single(result.Coverage.Skipped).Reason);
    }

    /// <summary>A hunk that shows the whole file with only <paramref name="addedLine"/> added.</summary>
    internal static Hunk HunkAdding(int addedLine, string source)
    {
        var lines = source.Split('\n');
        var diffLines = new List<DiffLine>();
        var oldLine = 0;
        for (var index = 0; index < lines.Length; index++)
        {
            var newLine = index + 1;
            if (newLine == addedLine)
            {
                diffLines.Add(new DiffLine(DiffLineKind.Added, lines[index], null, newLine));
            }
            else
            {
                oldLine++;
                diffLines.Add(new DiffLine(DiffLineKind.Context, lines[index], oldLine, newLine));
            }
        }

        return new Hunk(1, oldLine, 1, lines.Length, string.Empty, diffLines);
    }
}
