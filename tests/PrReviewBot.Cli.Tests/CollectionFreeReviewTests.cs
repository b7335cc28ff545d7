using PrReviewBot.Engine.Input;

namespace PrReviewBot.Cli.Tests;

public sealed class CollectionFreeReviewTests
{
    private const long MB = 1024 * 1024;

    [Fact]
    public void A_small_review_gets_the_small_region_whatever_its_estimate()
    {
        Assert.Equal(128 * MB, CollectionFreeReview.RegionSize(Change(("src/App.cs", 1_000_000)), workingSet: 120 * MB));
        Assert.Equal(128 * MB, CollectionFreeReview.RegionSize(Change(("src/App.cs", 1_000_000)), workingSet: 400 * MB));
    }

    [Fact]
    public void A_larger_review_gets_a_region_of_its_estimate_while_the_process_stays_under_the_ceiling()
    {
        // 40 MB fixed, 12 bytes a C# character, 60 a Python one: 40 + 120 + 60 = 220 MB.
        var change = Change(("src/App.cs", 10 * MB), ("tools/build.py", MB), ("README.md", 0));

        Assert.Equal(220 * MB, CollectionFreeReview.RegionSize(change, workingSet: 200 * MB));
        Assert.Null(CollectionFreeReview.RegionSize(change, workingSet: 240 * MB));
    }

    [Fact]
    public void A_review_too_large_for_the_room_left_is_left_to_the_collector()
    {
        // 40 + 96 MB: more than the small region, and the process is already near the ceiling.
        Assert.Null(CollectionFreeReview.RegionSize(Change(("src/App.cs", 8 * MB)), workingSet: 400 * MB));
    }

    private static PullRequestSnapshot Change(params (string Path, long Characters)[] files) =>
        new([.. files.Select(file => ChangedFile.WholeFile(file.Path, new string('x', (int)file.Characters)))]);
}
