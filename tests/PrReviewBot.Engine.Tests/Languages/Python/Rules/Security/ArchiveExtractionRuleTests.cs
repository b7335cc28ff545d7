using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class ArchiveExtractionRuleTests
{
    [Fact]
    public void Flags_tar_extractall_without_filter()
    {
        PythonRuleVerifier.Verify<ArchiveExtractionRule>("""
            import tarfile

            def unpack(upload, target):
                with tarfile.open(upload) as tar:
                    [|tar.extractall(target)|]

            def unpack_all(path):
                archive = tarfile.open(path, "r:gz")
                [|archive.extractall()|]
                [|tarfile.open(path).extractall(path="out")|]
            """);
    }

    [Fact]
    public void Flags_zip_extractall_of_uploaded_archive()
    {
        PythonRuleVerifier.Verify<ArchiveExtractionRule>("""
            import zipfile

            def unpack(request, target):
                with zipfile.ZipFile(request.files["archive"]) as archive:
                    [|archive.extractall(target)|]
            """);
    }

    [Fact]
    public void Ignores_filtered_or_checked_extraction()
    {
        PythonRuleVerifier.VerifyNone<ArchiveExtractionRule>("""
            import tarfile

            def unpack(path, target):
                with tarfile.open(path) as tar:
                    tar.extractall(target, filter="data")
                with tarfile.open(path) as tar:
                    tar.extractall(members=safe_members(tar))
                with tarfile.open(path) as tar:
                    tar.extract("README.md", target)
            """);
    }

    [Fact]
    public void Ignores_constant_zip_archives_and_non_archive_modules()
    {
        PythonRuleVerifier.VerifyNone<ArchiveExtractionRule>("""
            import zipfile

            def unpack(target):
                with zipfile.ZipFile("bundled/assets.zip") as archive:
                    archive.extractall(target)
            """);
        PythonRuleVerifier.VerifyNone<ArchiveExtractionRule>("""
            def unpack(extractor, target):
                extractor.extractall(target)
            """);
    }
}
