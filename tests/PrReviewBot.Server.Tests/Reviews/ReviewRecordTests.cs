using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Review;
using PrReviewBot.GitHub.Snapshots;
using PrReviewBot.Server.Reviews;

namespace PrReviewBot.Server.Tests.Reviews;

public sealed class ReviewRecordTests
{
    private const string Head = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static readonly ReviewEngine Engine = new();

    [Fact]
    public void A_record_reads_back_and_merges_its_carried_files_into_a_partial_result_as_a_full_review_has_them()
    {
        var full = Load(("app/a.py", Injection), ("app/b.py", Injection), ("app/c.txt", "hello\n"));
        var fullResult = Engine.Review(full.Snapshot, full.Options);
        var record = ReviewRecord.FromJson(ReviewRecord.Of(full, fullResult, "settings", previous: null)!.ToJson())!;
        var partial = Load(("app/a.py", "LIMIT = 1\n"));
        var partialResult = Engine.Review(partial.Snapshot, partial.Options);

        var merged = record.Merge(partialResult, ["app/b.py", "app/c.txt"], Engine.Rules)!;

        Assert.Equal(["app/b.py"], merged.Security.Select(finding => finding.Path));
        Assert.Equal(fullResult.Findings.Where(finding => finding.Path == "app/b.py"), merged.Findings);
        Assert.Equal(["app/a.py", "app/b.py"], merged.Coverage.Reviewed.Select(file => file.Path));
        Assert.Equal(["app/c.txt"], merged.Coverage.TextOnly.Select(file => file.Path));
    }

    [Fact]
    public void A_file_the_review_could_not_read_is_not_carried_so_the_next_review_tries_it_again()
    {
        var pull = Load(("app/a.py", Injection), ("app/blob.py", "x"), ("docs/logo.png", "x"));
        var files = pull.Snapshot.Files.Select(file => file.Path == "app/a.py" ? file : file with { IsBinary = true }).ToList();
        pull = pull with { Snapshot = pull.Snapshot with { Files = files } };
        var record = ReviewRecord.Of(pull, Engine.Review(pull.Snapshot, pull.Options), "settings", previous: null)!;

        var basis = record.Basis(_ => true);

        Assert.Equal(["app/a.py", "docs/logo.png"], basis.Paths.Order(StringComparer.Ordinal));
        Assert.Equal(Head, basis.HeadSha);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"version\":99,\"headSha\":\"a\",\"baseSha\":\"b\",\"settings\":\"s\",\"files\":[]}")]
    [InlineData("{\"version\":1,\"headSha\":\"a\",\"baseSha\":\"b\",\"settings\":\"s\"}")]
    [InlineData("null")]
    public void A_broken_or_foreign_record_is_no_record(string json) => Assert.Null(ReviewRecord.FromJson(json));

    [Fact]
    public void An_oversized_record_is_no_record() =>
        Assert.Null(ReviewRecord.FromJson(new string(' ', ReviewRecord.MaxJsonLength + 1)));

    [Fact]
    public void A_record_that_lacks_a_carried_file_or_names_an_unknown_rule_cannot_be_merged()
    {
        var full = Load(("app/b.py", Injection));
        var record = ReviewRecord.Of(full, Engine.Review(full.Snapshot, full.Options), "settings", previous: null)!;
        var partial = Engine.Review(Load().Snapshot, ReviewOptions.Default);

        Assert.Null(record.Merge(partial, ["app/missing.py"], Engine.Rules));
        Assert.Null(record.Merge(partial, ["app/b.py"], []));
    }

    [Fact]
    public void The_settings_key_changes_with_the_options_but_not_with_the_order_of_disabled_rules()
    {
        var one = ReviewOptions.Default with { DisabledRules = new HashSet<string>(["py/a", "py/b"], StringComparer.Ordinal) };
        var other = ReviewOptions.Default with { DisabledRules = new HashSet<string>(["py/b", "py/a"], StringComparer.Ordinal) };

        Assert.Equal(ReviewRecord.SettingsOf(one), ReviewRecord.SettingsOf(other));
        Assert.NotEqual(ReviewRecord.SettingsOf(one), ReviewRecord.SettingsOf(ReviewOptions.Default));
    }

    private const string Injection = "import sqlite3\n\n\ndef find(connection, name):\n    return connection.execute(\"SELECT * FROM t WHERE name = '\" + name + \"'\").fetchall()\n";

    private static LoadedPullRequest Load(params (string Path, string Text)[] files)
    {
        var changed = files.Select(file => new ChangedFile(file.Path, ChangeStatus.Added, TextDiff.Between(null, file.Text), file.Text)).ToList();
        return new LoadedPullRequest(
            new PullRequestTarget(1, "acme", "shop", 1),
            Head,
            "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            "open",
            false,
            string.Empty,
            new PullRequestSnapshot(changed, Head),
            ReviewOptions.Default,
            changed.ToDictionary(file => file.Path, file => file.Hunks, StringComparer.Ordinal),
            []);
    }
}
