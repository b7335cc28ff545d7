using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class CommandInjectionRuleTests
{
    [Fact]
    public void Flags_Process_Start_with_a_parameter_as_program()
    {
        CSharpRuleVerifier.Verify<CommandInjectionRule>("""
            using System.Diagnostics;

            class ProcessExec
            {
                static void Run(string input)
                {
                    [|Process.Start(input)|];
                }
            }
            """);
    }

    [Fact]
    public void Reading_the_changed_code_looks_for_a_start_info_by_the_lines_of_its_finding_which_reach_its_start_call()
    {
        const string Source = """
            using System.Diagnostics;

            class Runner
            {
                public void Run(string userInput)
                {
                    var info = new ProcessStartInfo("git", $"log {userInput}");
                    var length = userInput.Length;
                    Process.Start(info);
                }
            }
            """;

        // Only the Start call was added: the finding covers it, so the start info above is still looked at.
        Assert.Equal(7, Assert.Single(ChangedCodeScope.Kept<CommandInjectionRule>(Source, ChangedCodeScope.Added(Source, 9))).StartLine);

        // Only the signature was added: no line of the finding was, so the start info is not even looked at.
        var signature = ChangedCodeScope.Added(Source, 5);
        Assert.Empty(CSharpRuleVerifier.Run<CommandInjectionRule>(Source, changedLines: signature));
        Assert.Single(CSharpRuleVerifier.Run<CommandInjectionRule>(Source, ReviewOptions.Default with { Scope = AnalysisScope.WholeFiles }, changedLines: signature));
    }

    [Fact]
    public void Flags_built_arguments_and_file_names()
    {
        CSharpRuleVerifier.Verify<CommandInjectionRule>("""
            using System.Diagnostics;

            class Runner
            {
                public void Run(string userInput)
                {
                    [|Process.Start("foo.exe" + userInput, "/c " + userInput)|];
                    var info = [|new ProcessStartInfo("git", $"log {userInput}");
                    Process.Start(info);|]
                }
            }
            """);
    }

    [Fact]
    public void Flags_start_info_properties_set_by_assignment_and_initializer()
    {
        CSharpRuleVerifier.Verify<CommandInjectionRule>("""
            using System.Diagnostics;

            class Runner
            {
                public void ByAssignment(string command)
                {
                    var p = new ProcessStartInfo();
                    [|p.FileName = command;
                    Process.Start(p);|]
                }

                public void ByProcess(string command)
                {
                    var process = new Process();
                    [|process.StartInfo.FileName = command;
                    process.Start();|]
                }

                public void ByInitializer(string args)
                {
                    var info = new ProcessStartInfo
                    {
                        FileName = @"python.exe",
                        [|Arguments = args,
                        UseShellExecute = false,
                    };
                    Process.Start(info);|]
                }
            }
            """);
    }

    [Fact]
    public void Flags_shell_invocation_and_names_the_shell()
    {
        var findings = CSharpRuleVerifier.Verify<CommandInjectionRule>("""
            using System.Diagnostics;

            class Runner
            {
                public void Run(string script)
                {
                    var psi = new ProcessStartInfo
                    {
                        FileName = "/bin/bash",
                        [|Arguments = "-c \"" + script + "\"",
                    };
                    Process.Start(psi);|]
                }
            }
            """);
        Assert.Contains("`/bin/bash`", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_user_input_and_values_traced_through_locals()
    {
        CSharpRuleVerifier.Verify<CommandInjectionRule>("""
            using System.Diagnostics;
            using Microsoft.AspNetCore.Mvc;

            public class ToolsController : Controller
            {
                public IActionResult Ping()
                {
                    string host = Request.Query["host"];
                    var arguments = "-c 4 " + host.Trim();
                    [|Process.Start(
                        "ping",
                        arguments)|];
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public void Flags_fields_and_data_read_from_a_database()
    {
        CSharpRuleVerifier.Verify<CommandInjectionRule>("""
            using System.Data.SqlClient;
            using System.Diagnostics;

            class Runner
            {
                private string toolPath;

                public void Run(SqlDataReader reader)
                {
                    [|Process.Start(toolPath)|];
                    [|Process.Start("foo.exe", "/c " + reader.GetString(1))|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_constant_programs_and_arguments()
    {
        CSharpRuleVerifier.VerifyNone<CommandInjectionRule>("""
            using System.Diagnostics;

            class Runner
            {
                private const string Tool = "dotnet";

                static void Run(string input)
                {
                    Process.Start("dir");
                    Process.Start("notepad.exe", "readme.txt");
                    Process.Start(Tool, "--info " + "--verbose");
                    var p = new ProcessStartInfo();
                    p.FileName = "1234";
                    p.Arguments = $"build {Tool}";
                }
            }
            """);
    }

    [Fact]
    public void Ignores_environment_and_application_paths()
    {
        CSharpRuleVerifier.VerifyNone<CommandInjectionRule>("""
            using System;
            using System.Diagnostics;
            using System.IO;

            class Runner
            {
                static void Run(string input)
                {
                    string windir = Environment.GetEnvironmentVariable("windir");
                    var p = new ProcessStartInfo();
                    p.Arguments = String.Format("{0}\\system32\\cmd.exe", windir);
                    p.FileName = Path.Combine(AppContext.BaseDirectory, "tools", "helper.exe");
                    Process.Start(p);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_argument_lists_and_start_info_objects()
    {
        CSharpRuleVerifier.VerifyNone<CommandInjectionRule>("""
            using System.Diagnostics;

            class Runner
            {
                public void Run(string branch, string[] extra)
                {
                    var info = new ProcessStartInfo("git");
                    info.ArgumentList.Add("checkout");
                    info.ArgumentList.Add(branch);
                    Process.Start(info);
                    Process.Start(new ProcessStartInfo("git") { UseShellExecute = false });
                    Process.Start("git", new[] { "log", branch });
                }
            }
            """);
    }

    [Fact]
    public void Ignores_look_alike_FileName_and_Start_members()
    {
        CSharpRuleVerifier.VerifyNone<CommandInjectionRule>("""
            using System.Threading;

            class Dialogs
            {
                public void Run(SaveFileDialog dialog, string name, Thread worker, Timer timer)
                {
                    dialog.FileName = name;
                    var attachment = new Attachment { FileName = name, Arguments = name };
                    worker.Start(name);
                    Server.Start(name);
                }
            }
            """);
    }

    [Fact]
    public void Flags_shell_start_info_created_inline()
    {
        var findings = CSharpRuleVerifier.Verify<CommandInjectionRule>("""
            using System.Diagnostics;

            class Runner
            {
                public void Run(string command)
                {
                    Process.Start([|new ProcessStartInfo("cmd.exe", "/c " + command)|]);
                }
            }
            """);
        Assert.Contains("`cmd.exe`", findings[0].Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_arguments_for_a_shell_set_in_separate_statements()
    {
        var findings = CSharpRuleVerifier.Verify<CommandInjectionRule>("""
            using System.Diagnostics;

            class Runner
            {
                public void Run(string script)
                {
                    var psi = new ProcessStartInfo();
                    psi.FileName = "powershell";
                    [|psi.Arguments = $"-Command {script}";
                    Process.Start(psi);|]
                }
            }
            """);
        Assert.Contains("`powershell`", findings[0].Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_once_per_nested_start_info_initializer()
    {
        CSharpRuleVerifier.Verify<CommandInjectionRule>("""
            using System.Diagnostics;

            class Runner
            {
                public void Clone(string tool, string repository)
                {
                    var process = new Process
                    {
                        StartInfo =
                        {
                            [|FileName = tool|],
                            Arguments = "clone " + repository,
                        },
                    };
                    process.Start();
                }
            }
            """);
    }

    [Fact]
    public void Ignores_constant_shell_commands_and_readonly_constant_fields()
    {
        CSharpRuleVerifier.VerifyNone<CommandInjectionRule>("""
            using System.Diagnostics;

            class Runner
            {
                private static readonly string Browser = "firefox";

                public void Run()
                {
                    Process.Start("cmd.exe", "/c dir");
                    Process.Start(Browser, "--new-window");
                    Process.Start(new ProcessStartInfo("/bin/sh", "-c 'ls -la'") { UseShellExecute = false });
                }
            }
            """);
    }

    [Fact]
    public void Ignores_numbers_formatted_into_arguments()
    {
        CSharpRuleVerifier.VerifyNone<CommandInjectionRule>("""
            using System.Diagnostics;

            class Runner
            {
                public void Kill(int pid, int port, bool force)
                {
                    Process.Start("kill", pid.ToString());
                    var info = new ProcessStartInfo("netstat", $"-p {port} {(force ? "-f" : "")}");
                    Process.Start(info);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_process_queries_and_parameterless_start()
    {
        CSharpRuleVerifier.VerifyNone<CommandInjectionRule>("""
            using System.Diagnostics;

            class Monitor
            {
                public void Watch(string name, Process process)
                {
                    var running = Process.GetProcessesByName(name);
                    process.Start();
                    var stopwatch = Stopwatch.StartNew();
                    stopwatch.Start();
                }
            }
            """);
    }

    [Fact]
    public void Reaches_down_from_the_configured_start_info_to_the_call_that_runs_it()
    {
        var findings = CSharpRuleVerifier.Verify<CommandInjectionRule>("""
            using System.Diagnostics;

            public sealed class Runner
            {
                public void Run(string command, string arguments)
                {
                    var process = new Process();
                    [|process.StartInfo.FileName = command;
                    process.Start();|]

                    var info = new ProcessStartInfo
                    {
                        FileName = "tool",
                        [|Arguments = arguments,
                    };
                    Process.Start(info);|]
                }
            }
            """);
        Assert.Equal([9, 16], findings.Select(finding => finding.EndLine));
    }

    [Fact]
    public void Reaches_from_a_start_info_nested_in_a_process_initializer_to_its_start()
    {
        var findings = CSharpRuleVerifier.Verify<CommandInjectionRule>("""
            using System.Diagnostics;

            public sealed class Runner
            {
                public void Run(string command)
                {
                    var process = new Process
                    {
                        StartInfo = new ProcessStartInfo
                        {
                            [|FileName = command,
                            Arguments = "--version",
                        },
                    };

                    process.Start();|]
                }
            }
            """);
        Assert.Equal(16, findings.Single().EndLine);
    }
}
