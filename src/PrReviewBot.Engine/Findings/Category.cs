namespace PrReviewBot.Engine.Findings;

/// <summary>The seven groups of the review, in the order the summary lists them.</summary>
public enum Category
{
    Security,
    Naming,
    TypeHints,
    Docs,
    Indentation,
    Imports,
    Comments,
}

public static class CategoryNames
{
    /// <summary>The contract slug used in SARIF <c>properties.category</c> and JSON.</summary>
    public static string Slug(this Category category) => category switch
    {
        Category.Security => "security",
        Category.Naming => "naming",
        Category.TypeHints => "type-hints",
        Category.Docs => "docs",
        Category.Indentation => "indentation",
        Category.Imports => "imports",
        Category.Comments => "comments",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>The heading a reader sees in the markdown summary.</summary>
    public static string Title(this Category category) => category switch
    {
        Category.Security => "Security",
        Category.Naming => "Consistent naming conventions",
        Category.TypeHints => "Type hints and annotations",
        Category.Docs => "Documentation of functions and classes",
        Category.Indentation => "Consistent indentation",
        Category.Imports => "Unused imports",
        Category.Comments => "Unnecessary comments",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
