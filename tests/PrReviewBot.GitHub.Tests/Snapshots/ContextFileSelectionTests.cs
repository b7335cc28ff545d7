using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.GitHub.Tests.Snapshots;

public sealed class ContextFileSelectionTests
{
    [Fact]
    public void Deleted_unreviewed_and_non_source_files_need_no_context()
    {
        var selection = ContextFileSelection.For(
            [
                new ChangedFile("src/Gone.cs", ChangeStatus.Deleted, []),
                new ChangedFile("src/Huge.cs", ChangeStatus.Modified, [], SkipReason: "too large"),
                new ChangedFile("docs/guide.md", ChangeStatus.Added, []),
            ],
            "shop");

        Assert.True(selection.IsEmpty);
        Assert.False(selection.Wants(".editorconfig"));
    }

    [Fact]
    public void Project_files_are_wanted_only_above_csharp_files_and_editorconfigs_and_gitattributes_above_every_source_file()
    {
        var selection = ContextFileSelection.For([new ChangedFile("src/App/Service.cs", ChangeStatus.Modified, []), new ChangedFile("tools/run.py", ChangeStatus.Added, [])], "shop");

        Assert.True(selection.Wants(".editorconfig"));
        Assert.True(selection.Wants("tools/.editorconfig"));
        Assert.True(selection.Wants(".gitattributes"));
        Assert.True(selection.Wants("tools/.gitattributes"));
        Assert.False(selection.Wants("other/.gitattributes"));
        Assert.True(selection.Wants("Directory.Build.props"));
        Assert.True(selection.Wants("src/App/App.csproj"));
        Assert.True(selection.Wants("src/Directory.Build.props"));
        Assert.False(selection.Wants("tools/Tools.csproj"));
        Assert.False(selection.Wants("src/App/Sub/.editorconfig"));
        Assert.False(selection.Wants("other/Other.csproj"));
        Assert.False(selection.Wants("src/App/README.md"));
    }

    [Fact]
    public void A_context_file_the_pull_request_changes_is_not_wanted_again()
    {
        var selection = ContextFileSelection.For([new ChangedFile("src/App/Service.cs", ChangeStatus.Modified, []), new ChangedFile("src/App/App.csproj", ChangeStatus.Modified, [])], "shop");

        Assert.False(selection.Wants("src/App/App.csproj"));
        Assert.True(selection.Wants("src/.editorconfig"));
    }

    [Fact]
    public void Candidates_put_listed_files_first_then_the_likely_names_of_the_most_shared_folders_within_the_limit()
    {
        var selection = ContextFileSelection.For([new ChangedFile("src/App/Service.cs", ChangeStatus.Modified, []), new ChangedFile("src/App/Model.cs", ChangeStatus.Modified, []), new ChangedFile("lib/Util.cs", ChangeStatus.Added, [])], "shop");

        var candidates = selection.Candidates(["src/App/Weird.Name.csproj", "other/Other.csproj"], limit: 8);

        Assert.Equal(
            [
                "src/App/Weird.Name.csproj",
                ".editorconfig",
                ".gitattributes",
                "Directory.Build.props",
                "shop.csproj",
                "src/.editorconfig",
                "src/.gitattributes",
                "src/Directory.Build.props",
            ],
            candidates);
    }
}
