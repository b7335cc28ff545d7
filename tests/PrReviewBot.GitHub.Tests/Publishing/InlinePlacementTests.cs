using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.GitHub.Publishing;

namespace PrReviewBot.GitHub.Tests.Publishing;

public sealed class InlinePlacementTests
{
    private static readonly RuleDescriptor Rule = new("PY-SEC-001", "SQL built from strings", Category.Security, Severity.Error, "why", "fix");

    // New file lines 10..14 in one hunk: 10 context, 11-12 added, (old 11 removed), 13-14 context.
    private static readonly IReadOnlyList<Hunk> Hunks =
    [
        new Hunk(10, 4, 10, 5, "def load():",
        [
            new DiffLine(DiffLineKind.Context, "a", 10, 10),
            new DiffLine(DiffLineKind.Added, "b", null, 11),
            new DiffLine(DiffLineKind.Added, "c", null, 12),
            new DiffLine(DiffLineKind.Removed, "old", 11, null),
            new DiffLine(DiffLineKind.Context, "d", 12, 13),
            new DiffLine(DiffLineKind.Context, "e", 13, 14),
        ]),
        new Hunk(40, 1, 41, 2, "",
        [
            new DiffLine(DiffLineKind.Context, "f", 40, 41),
            new DiffLine(DiffLineKind.Added, "g", null, 42),
        ]),
    ];

    private static Finding At(int start, int end) => new(Rule, "app/db.py", start, end, "message", null, "fp");

    [Fact]
    public void A_single_line_inside_a_hunk_is_placed_on_that_line()
    {
        var placement = InlinePlacement.For(At(11, 11), Hunks);
        Assert.Equal(new InlinePlacement("app/db.py", 11, null, Exact: true), placement);
    }

    [Fact]
    public void A_range_inside_one_hunk_keeps_its_start_line()
    {
        var placement = InlinePlacement.For(At(11, 13), Hunks);
        Assert.Equal(new InlinePlacement("app/db.py", 13, 11, Exact: true), placement);
    }

    [Fact]
    public void A_range_across_hunks_is_anchored_on_an_added_line_without_claiming_exactness()
    {
        var placement = InlinePlacement.For(At(12, 42), Hunks);
        Assert.Equal(new InlinePlacement("app/db.py", 12, null, Exact: false), placement);
    }

    [Theory]
    [InlineData(20, 20)]
    [InlineData(1, 5)]
    public void A_finding_outside_the_diff_gets_no_inline_place(int start, int end) =>
        Assert.Null(InlinePlacement.For(At(start, end), Hunks));

    [Fact]
    public void A_file_without_hunks_gets_no_inline_place() =>
        Assert.Null(InlinePlacement.For(At(11, 11), null));
}
