using System.Text;
using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Tests.Diffs;

public sealed class UnifiedDiffParserTests
{
    internal const string TwoFiles = """
        diff --git a/src/Program.cs b/src/Program.cs
        index 3b18e51..a4c2f0d 100644
        --- a/src/Program.cs
        +++ b/src/Program.cs
        @@ -1,3 +1,4 @@
         using System;
        +using System.IO;
         namespace Demo;
         class Program
        diff --git a/README.md b/README.md
        index 1111111..2222222 100644
        --- a/README.md
        +++ b/README.md
        @@ -2,4 +2,3 @@ Intro
         two
        -three
        -four
        +FOUR
         five
        @@ -20,3 +19,5 @@ Usage
         twenty
        +new a
        +new b
         twenty-one
        -twenty-two
        +TWENTY-TWO
        """;

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n")]
    public void Empty_input_yields_no_files(string text)
    {
        Assert.Empty(UnifiedDiffParser.Parse(text));
    }

    [Fact]
    public void Text_without_any_file_change_is_rejected_at_line_1()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse("Just some text.\nNo diff here.\n"));

        Assert.Equal(1, error.LineNumber);
        Assert.Equal("no file changes found", error.Reason);
    }

    [Fact]
    public void Modified_file_strips_a_and_b_prefixes()
    {
        var file = UnifiedDiffParser.Parse(TwoFiles)[0];

        Assert.Equal("src/Program.cs", file.OldPath);
        Assert.Equal("src/Program.cs", file.NewPath);
        Assert.Equal(ChangeStatus.Modified, file.Status);
        Assert.False(file.IsBinary);
        Assert.Equal("100644", file.OldMode);
        Assert.Equal("100644", file.NewMode);
    }

    [Fact]
    public void Hunk_lines_carry_kind_text_and_both_line_numbers()
    {
        var hunk = Assert.Single(UnifiedDiffParser.Parse(TwoFiles)[0].Hunks);

        Assert.Equal((1, 3, 1, 4), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
        Assert.Equal(
            [
                new DiffLine(DiffLineKind.Context, "using System;", 1, 1),
                new DiffLine(DiffLineKind.Added, "using System.IO;", null, 2),
                new DiffLine(DiffLineKind.Context, "namespace Demo;", 2, 3),
                new DiffLine(DiffLineKind.Context, "class Program", 3, 4),
            ],
            hunk.Lines);
    }

    [Fact]
    public void Multiple_files_and_hunks_are_numbered_from_each_hunk_header()
    {
        var files = UnifiedDiffParser.Parse(TwoFiles);

        Assert.Equal(["src/Program.cs", "README.md"], files.Select(file => file.Path));
        var hunks = files[1].Hunks;
        Assert.Equal(2, hunks.Count);
        Assert.Equal("Intro", hunks[0].Header);
        Assert.Equal("Usage", hunks[1].Header);
        Assert.Equal(
            [
                new DiffLine(DiffLineKind.Context, "two", 2, 2),
                new DiffLine(DiffLineKind.Removed, "three", 3, null),
                new DiffLine(DiffLineKind.Removed, "four", 4, null),
                new DiffLine(DiffLineKind.Added, "FOUR", null, 3),
                new DiffLine(DiffLineKind.Context, "five", 5, 4),
            ],
            hunks[0].Lines);
        Assert.Equal(
            [
                new DiffLine(DiffLineKind.Context, "twenty", 20, 19),
                new DiffLine(DiffLineKind.Added, "new a", null, 20),
                new DiffLine(DiffLineKind.Added, "new b", null, 21),
                new DiffLine(DiffLineKind.Context, "twenty-one", 21, 22),
                new DiffLine(DiffLineKind.Removed, "twenty-two", 22, null),
                new DiffLine(DiffLineKind.Added, "TWENTY-TWO", null, 23),
            ],
            hunks[1].Lines);
    }

    [Fact]
    public void Added_file_has_no_old_path()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/docs/new.md b/docs/new.md
            new file mode 100644
            index 0000000..8b13789
            --- /dev/null
            +++ b/docs/new.md
            @@ -0,0 +1,2 @@
            +# Title
            +Body
            """));

        Assert.Equal(ChangeStatus.Added, file.Status);
        Assert.Null(file.OldPath);
        Assert.Equal("docs/new.md", file.NewPath);
        Assert.Null(file.OldMode);
        Assert.Equal("100644", file.NewMode);
        Assert.Equal([1, 2], file.Hunks[0].Lines.Select(line => line.NewLine));
    }

    [Fact]
    public void Empty_added_file_takes_its_name_from_the_diff_git_line()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/empty.txt b/empty.txt
            new file mode 100644
            index 0000000..e69de29
            """));

        Assert.Equal(ChangeStatus.Added, file.Status);
        Assert.Null(file.OldPath);
        Assert.Equal("empty.txt", file.NewPath);
        Assert.Empty(file.Hunks);
    }

    [Fact]
    public void Deleted_file_has_no_new_path()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/old.py b/old.py
            deleted file mode 100755
            index 5716ca5..0000000
            --- a/old.py
            +++ /dev/null
            @@ -1,2 +0,0 @@
            -import os
            -print(os.getcwd())
            """));

        Assert.Equal(ChangeStatus.Deleted, file.Status);
        Assert.Equal("old.py", file.OldPath);
        Assert.Null(file.NewPath);
        Assert.Equal("old.py", file.Path);
        Assert.Equal("100755", file.OldMode);
        var hunk = Assert.Single(file.Hunks);
        Assert.Equal((0, 0), (hunk.NewStart, hunk.NewCount));
        Assert.Equal([1, 2], hunk.Lines.Select(line => line.OldLine));
    }

    [Fact]
    public void Renamed_file_without_content_change_keeps_both_paths()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/src/Old Name.cs b/src/New Name.cs
            similarity index 100%
            rename from src/Old Name.cs
            rename to src/New Name.cs
            """));

        Assert.Equal(ChangeStatus.Renamed, file.Status);
        Assert.Equal("src/Old Name.cs", file.OldPath);
        Assert.Equal("src/New Name.cs", file.NewPath);
        Assert.Empty(file.Hunks);
    }

    [Fact]
    public void Renamed_file_with_content_change_keeps_both_paths_and_hunks()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/lib/util.py b/lib/text.py
            similarity index 87%
            rename from lib/util.py
            rename to lib/text.py
            index 0cfbf08..00750ed 100644
            --- a/lib/util.py
            +++ b/lib/text.py
            @@ -1 +1 @@
            -def f(): pass
            +def g(): pass
            """));

        Assert.Equal(ChangeStatus.Renamed, file.Status);
        Assert.Equal("lib/util.py", file.OldPath);
        Assert.Equal("lib/text.py", file.NewPath);
        Assert.Equal(["def f(): pass", "def g(): pass"], Assert.Single(file.Hunks).Lines.Select(line => line.Text));
    }

    [Fact]
    public void Copied_file_keeps_both_paths()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/a.txt b/b.txt
            similarity index 90%
            copy from a.txt
            copy to b.txt
            index 1111111..2222222 100644
            --- a/a.txt
            +++ b/b.txt
            @@ -1,2 +1,2 @@
             same
            -was
            +now
            """));

        Assert.Equal(ChangeStatus.Copied, file.Status);
        Assert.Equal("a.txt", file.OldPath);
        Assert.Equal("b.txt", file.NewPath);
        Assert.Single(file.Hunks);
    }

    [Fact]
    public void Mode_only_change_is_modified_with_both_modes_and_no_hunks()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/run.sh b/run.sh
            old mode 100644
            new mode 100755
            """));

        Assert.Equal(ChangeStatus.Modified, file.Status);
        Assert.Equal("run.sh", file.OldPath);
        Assert.Equal("run.sh", file.NewPath);
        Assert.Equal("100644", file.OldMode);
        Assert.Equal("100755", file.NewMode);
        Assert.Empty(file.Hunks);
    }

    [Fact]
    public void Binary_files_differ_line_marks_the_file_binary_without_hunks()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/img/logo.png b/img/logo.png
            new file mode 100644
            index 0000000..e69de29
            Binary files /dev/null and b/img/logo.png differ
            """));

        Assert.True(file.IsBinary);
        Assert.Equal(ChangeStatus.Added, file.Status);
        Assert.Equal("img/logo.png", file.NewPath);
        Assert.Empty(file.Hunks);
    }

    [Fact]
    public void Git_binary_patch_payload_is_skipped_and_the_next_file_is_read()
    {
        var files = UnifiedDiffParser.Parse("""
            diff --git a/bin/data.bin b/bin/data.bin
            index 9a0e5a1..f3c1d2b 100644
            GIT binary patch
            literal 12
            TcmZ?wbaHlbbaHkC0Av6F1L6T9

            literal 10
            RcmZ?wbaHlbbaHkC00Ht51Aqhm

            diff --git a/notes.txt b/notes.txt
            index 1111111..2222222 100644
            --- a/notes.txt
            +++ b/notes.txt
            @@ -1 +1 @@
            -old
            +new
            """);

        Assert.Equal(2, files.Count);
        Assert.True(files[0].IsBinary);
        Assert.Equal("bin/data.bin", files[0].Path);
        Assert.Empty(files[0].Hunks);
        Assert.False(files[1].IsBinary);
        Assert.Equal("notes.txt", files[1].Path);
        Assert.Equal(2, Assert.Single(files[1].Hunks).Lines.Count);
    }

    [Fact]
    public void Plain_binary_files_line_without_header_is_a_binary_file()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("Binary files a/img/x and y.png and b/img/x and y.png differ\n"));

        Assert.True(file.IsBinary);
        Assert.Equal(ChangeStatus.Modified, file.Status);
        Assert.Equal("img/x and y.png", file.OldPath);
        Assert.Equal("img/x and y.png", file.NewPath);
    }

    [Fact]
    public void No_newline_marker_is_not_a_line_and_marks_the_line_before_it()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/v.txt b/v.txt
            index 1111111..2222222 100644
            --- a/v.txt
            +++ b/v.txt
            @@ -1,2 +1,2 @@
             first
            -1.0
            \ No newline at end of file
            +2.0
            \ No newline at end of file
            """));

        var lines = Assert.Single(file.Hunks).Lines;
        Assert.Equal(3, lines.Count);
        Assert.Equal([false, true, true], lines.Select(line => line.NoNewlineAtEnd));
        Assert.Equal(new DiffLine(DiffLineKind.Added, "2.0", null, 2) { NoNewlineAtEnd = true }, lines[2]);
    }

    [Fact]
    public void Crlf_diff_parses_exactly_like_lf_diff()
    {
        var crlf = TwoFiles.ReplaceLineEndings("\r\n") + "\r\n";

        var fromLf = UnifiedDiffParser.Parse(TwoFiles);
        var fromCrlf = UnifiedDiffParser.Parse(crlf);

        Assert.Equivalent(fromLf, fromCrlf, strict: true);
        Assert.DoesNotContain(fromCrlf.SelectMany(file => file.Hunks).SelectMany(hunk => hunk.Lines), line => line.Text.Contains('\r', StringComparison.Ordinal));
        Assert.Equal("README.md", fromCrlf[1].NewPath);
    }

    [Fact]
    public void Paths_with_spaces_are_read_from_the_diff_git_line()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/my docs/read me.txt b/my docs/read me.txt
            old mode 100644
            new mode 100755
            """));

        Assert.Equal("my docs/read me.txt", file.OldPath);
        Assert.Equal("my docs/read me.txt", file.NewPath);
    }

    [Fact]
    public void Tab_after_a_name_with_spaces_is_not_part_of_the_path()
    {
        var diff = string.Join(
            "\n",
            "diff --git a/read me.txt b/read me.txt",
            "index 1111111..2222222 100644",
            "--- a/read me.txt\t",
            "+++ b/read me.txt\t",
            "@@ -1 +1 @@",
            "-a",
            "+b");

        var file = Assert.Single(UnifiedDiffParser.Parse(diff));

        Assert.Equal("read me.txt", file.OldPath);
        Assert.Equal("read me.txt", file.NewPath);
    }

    [Fact]
    public void Quoted_paths_decode_octal_escapes_as_utf8()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git "a/caf\303\251 file.txt" "b/caf\303\251 file.txt"
            index 1111111..2222222 100644
            --- "a/caf\303\251 file.txt"
            +++ "b/caf\303\251 file.txt"
            @@ -1 +1 @@
            -cr\303\250me
            +cr\303\250me br\303\273l\303\251e
            """));

        Assert.Equal("café file.txt", file.OldPath);
        Assert.Equal("café file.txt", file.NewPath);
        Assert.Equal(@"cr\303\250me", file.Hunks[0].Lines[0].Text);
    }

    [Fact]
    public void Quoted_path_in_the_diff_git_line_decodes_tab_newline_quote_and_backslash()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git "a/odd\tname\n\"q\"\\x.txt" "b/odd\tname\n\"q\"\\x.txt"
            old mode 100644
            new mode 100755
            """));

        Assert.Equal("odd\tname\n\"q\"\\x.txt", file.NewPath);
        Assert.Equal(file.NewPath, file.OldPath);
    }

    [Fact]
    public void Quoted_rename_names_are_decoded()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/plain.txt "b/\346\227\245\346\234\254.txt"
            similarity index 100%
            rename from plain.txt
            rename to "\346\227\245\346\234\254.txt"
            """));

        Assert.Equal(ChangeStatus.Renamed, file.Status);
        Assert.Equal("plain.txt", file.OldPath);
        Assert.Equal("日本.txt", file.NewPath);
    }

    [Fact]
    public void Plain_diff_u_timestamps_after_a_tab_are_not_part_of_the_path()
    {
        var diff = string.Join(
            "\n",
            "--- a/src/app.c\t2024-01-01 10:00:00.000000000 +0100",
            "+++ b/src/app.c\t2024-01-02 11:30:00.000000000 +0100",
            "@@ -1,2 +1,2 @@",
            " int x;",
            "-int y;",
            "+long y;");

        var file = Assert.Single(UnifiedDiffParser.Parse(diff));

        Assert.Equal("src/app.c", file.OldPath);
        Assert.Equal("src/app.c", file.NewPath);
        Assert.Equal(ChangeStatus.Modified, file.Status);
        Assert.Equal(3, file.Hunks[0].Lines.Count);
    }

    [Fact]
    public void Plain_diff_u_without_prefixes_keeps_the_names()
    {
        var diff = string.Join(
            "\n",
            "--- config.ini.orig\t2024-01-01 10:00:00",
            "+++ config.ini\t2024-01-01 10:05:00",
            "@@ -1 +1 @@",
            "-a=1",
            "+a=2");

        var file = Assert.Single(UnifiedDiffParser.Parse(diff));

        Assert.Equal("config.ini.orig", file.OldPath);
        Assert.Equal("config.ini", file.NewPath);
    }

    [Fact]
    public void No_prefix_git_diff_keeps_the_paths()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git src/a/x.cs src/a/x.cs
            index 1111111..2222222 100644
            --- src/a/x.cs
            +++ src/a/x.cs
            @@ -1 +1 @@
            -a
            +b
            """));

        Assert.Equal("src/a/x.cs", file.OldPath);
        Assert.Equal("src/a/x.cs", file.NewPath);
    }

    [Fact]
    public void No_prefix_git_diff_of_a_top_level_folder_named_a_keeps_it()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git a/x.cs a/x.cs
            old mode 100644
            new mode 100755
            """));

        Assert.Equal("a/x.cs", file.NewPath);
    }

    [Fact]
    public void Mnemonic_prefixes_are_stripped()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("""
            diff --git i/src/x.cs w/src/x.cs
            index 1111111..2222222 100644
            --- i/src/x.cs
            +++ w/src/x.cs
            @@ -1 +1 @@
            -a
            +b
            """));

        Assert.Equal("src/x.cs", file.OldPath);
        Assert.Equal("src/x.cs", file.NewPath);
    }

    [Fact]
    public void Format_patch_mail_header_commit_message_and_signature_are_ignored()
    {
        var patch = string.Join(
            "\n",
            "From 4b825dc642cb6eb9a060e54bf8d69288fbee4904 Mon Sep 17 00:00:00 2001",
            "From: Dev <dev@example.com>",
            "Date: Mon, 1 Jan 2024 10:00:00 +0000",
            "Subject: [PATCH] Fix greeting",
            string.Empty,
            "- a bullet in the message",
            "+ another one",
            "@@ prose that merely starts with two at signs",
            "---",
            " hello.txt | 2 +-",
            " 1 file changed, 1 insertion(+), 1 deletion(-)",
            string.Empty,
            "diff --git a/hello.txt b/hello.txt",
            "index 1111111..2222222 100644",
            "--- a/hello.txt",
            "+++ b/hello.txt",
            "@@ -1 +1 @@",
            "-hello",
            "+hello, world",
            "-- ",
            "2.43.0",
            string.Empty);

        var file = Assert.Single(UnifiedDiffParser.Parse(patch));

        Assert.Equal("hello.txt", file.Path);
        Assert.Equal(["hello", "hello, world"], Assert.Single(file.Hunks).Lines.Select(line => line.Text));
    }

    [Fact]
    public void Git_log_output_with_commit_headers_between_files_is_read()
    {
        var log = string.Join(
            "\n",
            "commit 2222222222222222222222222222222222222222",
            "Author: Dev <dev@example.com>",
            string.Empty,
            "    Second change",
            string.Empty,
            "diff --git a/a.txt b/a.txt",
            "index 1111111..2222222 100644",
            "--- a/a.txt",
            "+++ b/a.txt",
            "@@ -1 +1 @@",
            "-1",
            "+2",
            string.Empty,
            "commit 1111111111111111111111111111111111111111",
            "Author: Dev <dev@example.com>",
            string.Empty,
            "    First change",
            "    +1 for the indented message",
            string.Empty,
            "diff --git a/a.txt b/a.txt",
            "new file mode 100644",
            "index 0000000..1111111",
            "--- /dev/null",
            "+++ b/a.txt",
            "@@ -0,0 +1 @@",
            "+1",
            string.Empty);

        var files = UnifiedDiffParser.Parse(log);

        Assert.Equal([ChangeStatus.Modified, ChangeStatus.Added], files.Select(file => file.Status));
        Assert.All(files, file => Assert.Single(file.Hunks));
    }

    [Fact]
    public void Empty_line_inside_a_hunk_is_a_context_line_with_empty_text()
    {
        var diff = string.Join(
            "\n",
            "diff --git a/a.py b/a.py",
            "--- a/a.py",
            "+++ b/a.py",
            "@@ -1,3 +1,4 @@",
            " def f():",
            string.Empty,
            "+    pass",
            " x = 1");

        var lines = Assert.Single(Assert.Single(UnifiedDiffParser.Parse(diff)).Hunks).Lines;

        Assert.Equal(new DiffLine(DiffLineKind.Context, string.Empty, 2, 2), lines[1]);
        Assert.Equal(new DiffLine(DiffLineKind.Context, "x = 1", 3, 4), lines[3]);
    }

    [Fact]
    public void Context_line_of_a_single_space_has_empty_text()
    {
        var diff = string.Join("\n", "--- a/a.txt", "+++ b/a.txt", "@@ -1,2 +1,2 @@", " ", "-x", "+y");

        var line = UnifiedDiffParser.Parse(diff)[0].Hunks[0].Lines[0];

        Assert.Equal(new DiffLine(DiffLineKind.Context, string.Empty, 1, 1), line);
    }

    [Fact]
    public void Truncated_patch_names_its_last_line()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse("""
            diff --git a/a.txt b/a.txt
            --- a/a.txt
            +++ b/a.txt
            @@ -1,3 +1,4 @@
            -one
            -two
             three
            +four
            """));

        Assert.Equal(8, error.LineNumber);
        Assert.Equal("hunk @@ -1,3 +1,4 @@ ends after 2 of 4 new lines", error.Reason);
        Assert.Equal("malformed patch at line 8: hunk @@ -1,3 +1,4 @@ ends after 2 of 4 new lines", error.Message);
    }

    [Fact]
    public void Hunk_cut_short_by_the_next_file_names_the_next_file_header()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse("""
            diff --git a/a.txt b/a.txt
            --- a/a.txt
            +++ b/a.txt
            @@ -1,3 +1,3 @@
             one
            diff --git a/b.txt b/b.txt
            --- a/b.txt
            +++ b/b.txt
            @@ -1 +1 @@
            -x
            +y
            """));

        Assert.Equal(6, error.LineNumber);
        Assert.Equal("hunk @@ -1,3 +1,3 @@ ends after 1 of 3 old lines and 1 of 3 new lines", error.Reason);
    }

    [Fact]
    public void Unexpected_character_in_a_hunk_names_its_line()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse("""
            diff --git a/a.txt b/a.txt
            --- a/a.txt
            +++ b/a.txt
            @@ -1,2 +1,2 @@
             one
            x two
            """));

        Assert.Equal(6, error.LineNumber);
        Assert.Equal("expected ' ', '+', '-' or '\\' but found 'x'", error.Reason);
    }

    [Fact]
    public void Malformed_hunk_header_names_its_line()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse("""
            diff --git a/a.txt b/a.txt
            --- a/a.txt
            +++ b/a.txt
            @@ -1,2 +1 @@
             one
            -two
            @@ -x +3 @@
            """));

        Assert.Equal(7, error.LineNumber);
        Assert.Equal("malformed hunk header '@@ -x +3 @@': expected '@@ -start,count +start,count @@'", error.Reason);
    }

    [Fact]
    public void Hunk_with_more_lines_than_its_header_counts_is_rejected()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse("""
            diff --git a/a.txt b/a.txt
            --- a/a.txt
            +++ b/a.txt
            @@ -1 +1 @@
            -one
            +uno
            +dos
            """));

        Assert.Equal(7, error.LineNumber);
        Assert.Equal("hunk @@ -1 +1 @@ has more lines than its header counts (1 old, 1 new)", error.Reason);
    }

    [Fact]
    public void Hunk_without_a_file_header_is_rejected()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse("intro\n@@ -1 +1 @@\n-a\n+b\n"));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("no file header", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Combined_diff_of_a_merge_is_rejected_with_a_clear_reason()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse("""
            diff --cc file.txt
            index 1111111,2222222..3333333
            --- a/file.txt
            +++ b/file.txt
            @@@ -1,1 -1,1 +1,1 @@@
            - a
             -b
            ++c
            """));

        Assert.Equal(5, error.LineNumber);
        Assert.Contains("combined diff", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Dash_line_without_plus_line_in_a_git_file_is_rejected()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse("""
            diff --git a/a.txt b/a.txt
            index 1111111..2222222 100644
            --- a/a.txt
            @@ -1 +1 @@
            """));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal("the '---' line is not followed by a '+++' line", error.Reason);
    }

    [Fact]
    public void Reads_every_file_of_a_large_diff()
    {
        var diff = new StringBuilder();
        for (var index = 0; index < 2000; index++)
        {
            diff.Append("diff --git a/src/File").Append(index).Append(".cs b/src/File").Append(index).Append(".cs\n")
                .Append("index 1111111..2222222 100644\n")
                .Append("--- a/src/File").Append(index).Append(".cs\n")
                .Append("+++ b/src/File").Append(index).Append(".cs\n")
                .Append("@@ -10,3 +10,4 @@ class C\n")
                .Append(" a\n-b\n+c\n+d\n e\n");
        }

        var files = UnifiedDiffParser.Parse(diff.ToString());

        Assert.Equal(2000, files.Count);
        Assert.Equal("src/File1999.cs", files[^1].Path);
        Assert.Equal([10, 11, 12, 13], files[^1].Hunks[0].Lines.Where(line => line.NewLine is not null).Select(line => line.NewLine!.Value));
    }
}
