namespace PrReviewBot.Engine.Languages;

/// <summary>
/// What a file is for. Each role gets the rules that make sense for it: a test's names are
/// dictated by its framework and its tokens are fakes, a migration was written by a tool, an
/// example is read rather than called. Vendored, lock and generated-by-marker files never reach
/// the rules at all (<see cref="Text.TextFileKinds"/>).
/// </summary>
public enum CodeRole
{
    /// <summary>Code the product runs: every rule applies.</summary>
    Product,

    /// <summary>Tests, their helpers and <c>conftest.py</c>.</summary>
    Test,

    /// <summary>Data and code that tests read: <c>fixtures/</c>, <c>testdata/</c>, snapshots.</summary>
    Fixture,

    /// <summary>Database migrations (Django, Alembic, Entity Framework): a tool wrote them, people only adjust them.</summary>
    Migration,

    /// <summary>Examples, samples, demos and documentation snippets.</summary>
    Example,
}

/// <summary>Tells a file's <see cref="CodeRole"/> from its path and its first lines; cheap, and the same for every language.</summary>
public static class CodeRoles
{
    private static readonly HashSet<string> TestFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "__tests__", "testing", "spec", "specs", "unittests", "unit_tests", "integration_tests", "functional_tests", "e2e",
    };

    private static readonly HashSet<string> FixtureFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "fixtures", "fixture", "__fixtures__", "testdata", "test_data", "test-data", "__snapshots__", "snapshots", "testfiles", "test_files",
    };

    private static readonly HashSet<string> ExampleFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "examples", "example", "samples", "sample", "demo", "demos", "docs", "doc", "docs_src", "tutorial", "tutorials", "cookbook",
    };

    /// <summary>Suffixes of .NET test project folders: <c>Foo.Tests/</c>, <c>Foo.UnitTests/</c>, <c>Foo.Specs/</c>.</summary>
    private static readonly string[] TestProjectSuffixes = [".Tests", ".Test", ".UnitTests", ".IntegrationTests", ".FunctionalTests", ".Specs", ".Testing", ".Benchmarks"];

    /// <summary>Lines whose presence near the top makes a file a test: imports of test frameworks.</summary>
    private static readonly string[] TestImports =
    [
        "import pytest", "from pytest", "import unittest", "from unittest", "using Xunit;", "using NUnit.Framework;",
        "using Microsoft.VisualStudio.TestTools.UnitTesting;",
    ];

    private const int HeaderChars = 4000;

    public static CodeRole Of(string path, string? text)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Replace('\\', '/').Split('/');
        var name = segments[^1];
        var folders = segments.AsSpan(0, segments.Length - 1);

        if (IsMigration(name, folders, text))
        {
            return CodeRole.Migration;
        }

        foreach (var folder in folders)
        {
            if (FixtureFolders.Contains(folder))
            {
                return CodeRole.Fixture;
            }
        }

        if (IsTestName(name) || IsTestFolder(folders) || StartsLikeATest(text))
        {
            return CodeRole.Test;
        }

        foreach (var folder in folders)
        {
            if (ExampleFolders.Contains(folder))
            {
                return CodeRole.Example;
            }
        }

        return CodeRole.Product;
    }

    private static bool IsTestName(string name)
    {
        var stem = name.Contains('.', StringComparison.Ordinal) ? name[..name.LastIndexOf('.')] : name;
        return name.Equals("conftest.py", StringComparison.Ordinal)
            || (name.EndsWith(".py", StringComparison.Ordinal) && (stem.StartsWith("test_", StringComparison.Ordinal) || stem.EndsWith("_test", StringComparison.Ordinal) || stem.EndsWith("_tests", StringComparison.Ordinal)))
            || (name.EndsWith(".cs", StringComparison.Ordinal) && (stem.EndsWith("Tests", StringComparison.Ordinal) || stem.EndsWith("Test", StringComparison.Ordinal) || stem.EndsWith("Fixture", StringComparison.Ordinal)))
            || stem.EndsWith(".test", StringComparison.Ordinal) || stem.EndsWith(".spec", StringComparison.Ordinal);
    }

    private static bool IsTestFolder(ReadOnlySpan<string> folders)
    {
        foreach (var folder in folders)
        {
            if (TestFolders.Contains(folder) || TestProjectSuffixes.Any(suffix => folder.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsLikeATest(string? text)
    {
        if (text is null)
        {
            return false;
        }

        var head = text.AsSpan(0, Math.Min(text.Length, HeaderChars));
        foreach (var marker in TestImports)
        {
            var at = head.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && (at == 0 || head[at - 1] == '\n'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Django (<c>migrations/0003_auto.py</c>), Alembic (<c>versions/…py</c> with <c>down_revision</c>)
    /// and Entity Framework (<c>Migrations/…cs</c> with a <c>[Migration]</c> attribute or model snapshot).
    /// </summary>
    private static bool IsMigration(string name, ReadOnlySpan<string> folders, string? text)
    {
        if (folders.Length == 0)
        {
            return false;
        }

        var parent = folders[^1];
        if (name.EndsWith(".py", StringComparison.Ordinal))
        {
            if (parent.Equals("migrations", StringComparison.OrdinalIgnoreCase) && name.Length > 4 && char.IsAsciiDigit(name[0]) && char.IsAsciiDigit(name[1]))
            {
                return true;
            }

            return (parent.Equals("versions", StringComparison.OrdinalIgnoreCase) || parent.Equals("migrations", StringComparison.OrdinalIgnoreCase))
                && text is not null
                && text.Contains("down_revision", StringComparison.Ordinal)
                && text.Contains("def upgrade", StringComparison.Ordinal);
        }

        if (name.EndsWith(".cs", StringComparison.Ordinal))
        {
            var inMigrations = false;
            foreach (var folder in folders)
            {
                inMigrations |= folder.Equals("Migrations", StringComparison.OrdinalIgnoreCase);
            }

            return inMigrations && text is not null
                && (text.Contains("[Migration(", StringComparison.Ordinal) || text.Contains("[DbContext(", StringComparison.Ordinal) || text.Contains(": Migration", StringComparison.Ordinal));
        }

        return false;
    }
}
