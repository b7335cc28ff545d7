using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class PubliclyWritableDirectoryRuleTests
{
    [Fact]
    public void Flags_fixed_names_in_shared_temporary_directories()
    {
        PythonRuleVerifier.Verify<PubliclyWritableDirectoryRule>("""
            import logging
            from pathlib import Path

            LOCK = "/tmp/worker.lock"

            [|with open(LOCK, "w") as handle:|]
                handle.write("1")
            [|open("/var/tmp/cache.json", "a")|]
            [|open("/dev/shm/state")|]
            [|open(r"C:\Windows\Temp\report.txt", "w")|]
            [|Path("/tmp/export.csv").write_text(data)|]
            [|handler = logging.FileHandler("/tmp/app.log")|]
            """);
    }

    [Fact]
    public void Ignores_names_made_by_tempfile_and_private_directories()
    {
        PythonRuleVerifier.VerifyNone<PubliclyWritableDirectoryRule>("""
            import os
            import tempfile

            with tempfile.NamedTemporaryFile("w") as handle:
                handle.write("1")
            directory = tempfile.mkdtemp()
            open(os.path.join(directory, "out.txt"), "w")
            open("/tmpfiles/out.txt", "w")
            open("tmp/out.txt", "w")
            open("/var/lib/app/state", "w")
            open(r"C:\Temperatures\log.txt")
            open(f"/tmp/{name}", "w")
            """);
    }
}
