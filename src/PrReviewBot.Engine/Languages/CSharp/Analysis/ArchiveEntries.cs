using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// The archive-entry source (<see cref="Detection.Taint.TaintSourceKind.ArchiveEntryName"/>): the path an
/// archive stores for an entry, which the archive's author chose (zip slip). <c>ZipArchiveEntry.FullName</c>
/// (not its <c>Name</c>, which holds no slash), <c>TarEntry.Name</c>, SharpZipLib's <c>ZipEntry.Name</c> and SharpCompress's
/// <c>IArchiveEntry.Key</c>; when the entry's type does not resolve, a receiver named for an entry.
/// </summary>
public static class ArchiveEntries
{
    private static readonly HashSet<string> EntryTypes = new(StringComparer.Ordinal)
    {
        "ZipArchiveEntry", "TarEntry", "ZipEntry", "IArchiveEntry", "IEntry", "RarArchiveEntry", "SevenZipArchiveEntry", "TarArchiveEntry",
    };

    private static readonly HashSet<string> NameMembers = new(StringComparer.Ordinal) { "FullName", "Name", "Key", "LinkName" };

    /// <summary>True for the stored path of an archive entry: <c>entry.FullName</c>, <c>entry.Key</c>.</summary>
    public static bool IsEntryName(MemberAccessExpressionSyntax member, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(model);
        if (!NameMembers.Contains(member.Name.Identifier.ValueText))
        {
            return false;
        }

        var property = member.Name.Identifier.ValueText;
        var type = TypeNames.Of(member.Expression, model);
        if (type is not null and not "Object")
        {
            // ZipArchiveEntry.Name is the part after the last slash: it cannot leave the folder.
            return EntryTypes.Contains(type) && !(type == "ZipArchiveEntry" && property == "Name");
        }

        return property is "FullName" or "Key"
            && member.Expression is IdentifierNameSyntax { Identifier.ValueText: var name }
            && name.EndsWith("entry", StringComparison.OrdinalIgnoreCase);
    }
}
