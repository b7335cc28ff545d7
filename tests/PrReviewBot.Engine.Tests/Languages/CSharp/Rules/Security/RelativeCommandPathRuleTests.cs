using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class RelativeCommandPathRuleTests
{
    [Fact]
    public void Flags_programs_started_by_a_relative_name()
    {
        var findings = CSharpRuleVerifier.Verify<RelativeCommandPathRule>("""
            using System.Diagnostics;

            public sealed class Tools
            {
                private const string Converter = "bin/convert";

                public void Run(ProcessStartInfo info)
                {
                    [|Process.Start("git", "status")|];
                    [|var start = new ProcessStartInfo("tool.exe") { Arguments = "--check" };|]
                    [|info.FileName = Converter|];
                    [|using var process = Process.Start(fileName: "make")|];
                }
            }
            """);
        Assert.Contains("`git`", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_absolute_and_explicitly_relative_paths_urls_and_computed_names()
    {
        CSharpRuleVerifier.VerifyNone<RelativeCommandPathRule>("""
            using System.Diagnostics;

            public sealed class Tools
            {
                public void Run(string configured, ProcessStartInfo info)
                {
                    Process.Start(@"C:\Program Files\Git\bin\git.exe");
                    Process.Start("/usr/bin/git", "status");
                    Process.Start("./build.sh");
                    Process.Start(@"..\tools\pack.cmd");
                    Process.Start("https://example.org/docs");
                    Process.Start(configured);
                    Process.Start(info);
                    var start = new ProcessStartInfo { FileName = "/bin/sh" };
                    var dialog = new OpenFileDialog { FileName = "report.txt" };
                }
            }

            public sealed class OpenFileDialog
            {
                public string FileName { get; set; } = "";
            }
            """);
    }

    [Fact]
    public void Ignores_a_process_start_info_of_the_change()
    {
        CSharpRuleVerifier.VerifyNone<RelativeCommandPathRule>("""
            namespace Jobs
            {
                public sealed class ProcessStartInfo
                {
                    public ProcessStartInfo(string fileName) => FileName = fileName;

                    public string FileName { get; set; }
                }

                public static class Queue
                {
                    public static ProcessStartInfo Next() => new ProcessStartInfo("nightly-report");
                }
            }
            """);
    }
}
