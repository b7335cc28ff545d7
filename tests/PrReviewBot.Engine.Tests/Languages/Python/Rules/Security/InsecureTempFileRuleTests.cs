using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class InsecureTempFileRuleTests
{
    [Fact]
    public void Flags_mktemp_in_every_spelling()
    {
        PythonRuleVerifier.Verify<InsecureTempFileRule>("""
            import tempfile
            import tempfile as tf
            from tempfile import mktemp

            [|path = tempfile.mktemp()|]
            [|other = tf.mktemp(suffix=".txt")|]
            [|third = mktemp(dir="/tmp")|]
            [|with open(tempfile.mktemp(), "w") as handle:|]
                handle.write("x")
            """);
    }

    [Fact]
    public void Ignores_safe_temp_file_apis()
    {
        PythonRuleVerifier.VerifyNone<InsecureTempFileRule>("""
            import tempfile

            fd, path = tempfile.mkstemp()
            with tempfile.NamedTemporaryFile() as handle:
                handle.write(b"x")
            with tempfile.TemporaryDirectory() as directory:
                pass
            name = tempfile.mkdtemp()
            custom.mktemp()
            """);
    }
}
