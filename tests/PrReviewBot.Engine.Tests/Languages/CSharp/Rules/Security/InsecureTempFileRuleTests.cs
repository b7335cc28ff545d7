using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class InsecureTempFileRuleTests
{
    [Fact]
    public void Flags_get_temp_file_name_calls_and_method_groups()
    {
        var findings = CSharpRuleVerifier.Verify<InsecureTempFileRule>("""
            using System;
            using System.IO;

            public sealed class Exporter
            {
                public string Export(string text)
                {
                    [|var file = Path.GetTempFileName();|]
                    File.WriteAllText(file, text);
                    return file;
                }

                public Func<string> Names() => [|Path.GetTempFileName|];
            }
            """);
        Assert.Contains("Path.GetRandomFileName()", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_paths_written_out_under_shared_directories()
    {
        CSharpRuleVerifier.Verify<InsecureTempFileRule>("""
            using System.IO;

            public sealed class Locks
            {
                private const string Socket = [|"/tmp/app.sock"|];

                public void Write(string name, string text)
                {
                    File.WriteAllText([|@"C:\Windows\Temp\report.txt"|], text);
                    File.WriteAllText([|$"/var/tmp/{name}.json"|], text);
                    using var shared = new StreamWriter([|"/dev/shm/" + name|]);
                    var expanded = [|"%TEMP%\\cache.bin"|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_the_temporary_directory_joined_with_a_fixed_name()
    {
        CSharpRuleVerifier.Verify<InsecureTempFileRule>("""
            using System;
            using System.IO;

            public sealed class Cache
            {
                public void Write(string text)
                {
                    File.WriteAllText([|Path.Combine(Path.GetTempPath(), "cache.json")|], text);
                    var directory = Path.GetTempPath();
                    File.WriteAllText([|Path.Combine(directory, "state", "last.txt")|], text);
                    var fromEnvironment = [|Environment.GetEnvironmentVariable("TMPDIR") + "app.lock"|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_random_names_the_bare_directory_and_comparisons()
    {
        CSharpRuleVerifier.VerifyNone<InsecureTempFileRule>("""
            using System;
            using System.IO;

            public sealed class Cache
            {
                public string Root => Path.GetTempPath();

                public void Write(string text, string path)
                {
                    File.WriteAllText(Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()), text);
                    File.WriteAllText(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json"), text);
                    var directory = Directory.CreateTempSubdirectory("app");
                    var temp = Environment.GetEnvironmentVariable("TEMP");
                    var isShared = path.StartsWith("/tmp/", StringComparison.Ordinal) || path == "/tmp";
                    var url = "https://example.org/tmp/file";
                    var note = "Files under /tmp are shared";
                    var template = "templates/tmp.html";
                }
            }
            """);
    }

    [Fact]
    public void Ignores_a_get_temp_file_name_of_another_type()
    {
        CSharpRuleVerifier.VerifyNone<InsecureTempFileRule>("""
            namespace Custom
            {
                public static class Names
                {
                    public static string GetTempFileName() => "x";
                }

                public sealed class User
                {
                    public string Name() => Names.GetTempFileName();
                }
            }
            """);
    }
}
