using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class LooseFilePermissionsRuleTests
{
    [Fact]
    public void Flags_modes_that_let_every_user_write()
    {
        PythonRuleVerifier.Verify<LooseFilePermissionsRule>("""
            import os
            import stat
            from pathlib import Path

            [|os.chmod("data.db", 0o777)|]
            [|os.chmod("data.db", 511)|]
            [|os.lchmod("link", 0o666)|]
            [|os.fchmod(handle, stat.S_IRWXU | stat.S_IWOTH)|]
            [|os.chmod(path, os.stat(path).st_mode | stat.S_IRWXO)|]
            WORLD = 0o776
            [|os.chmod(path, WORLD)|]
            [|Path("run.sh").chmod(0o777)|]
            """);
    }

    [Fact]
    public void Flags_a_umask_that_leaves_others_write_access()
    {
        PythonRuleVerifier.Verify<LooseFilePermissionsRule>("""
            import os

            [|os.umask(0)|]
            [|os.umask(0o000)|]
            [|os.umask(0o775)|]
            """);
    }

    [Fact]
    public void Ignores_owner_and_group_modes_and_readable_files()
    {
        PythonRuleVerifier.VerifyNone<LooseFilePermissionsRule>("""
            import os
            import stat

            os.chmod("run.sh", 0o755)
            os.chmod("public.txt", 0o644)
            os.chmod("secret", 0o600)
            os.chmod("shared", 0o770)
            os.chmod("x", stat.S_IRWXU | stat.S_IRGRP | stat.S_IROTH)
            os.chmod(path, mode)
            os.chmod(mode=0o777)
            os.umask(0o022)
            os.umask(0o077)
            current = os.umask(0)
            os.umask(current)
            os.makedirs("out", 0o777, exist_ok=True)
            sftp.chmod("remote", 0o777)
            """);
    }
}
