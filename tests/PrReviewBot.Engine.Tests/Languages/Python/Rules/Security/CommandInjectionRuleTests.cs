using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class CommandInjectionRuleTests
{
    [Fact]
    public void Flags_subprocess_with_shell_and_built_command()
    {
        PythonRuleVerifier.Verify<CommandInjectionRule>("""
            import subprocess

            def run(host, name):
                [|subprocess.run(f"ping -c 1 {host}", shell=True)|]
                [|subprocess.call("ls " + name, shell=True)|]
                [|out = subprocess.check_output("grep %s log.txt" % name, shell=True)|]
                [|subprocess.Popen(cmd, shell=True)|]
                [|status = subprocess.getoutput("cat " + name)|]
            """);
    }

    [Fact]
    public void Flags_os_system_popen_and_aliases()
    {
        PythonRuleVerifier.Verify<CommandInjectionRule>("""
            import os
            from os import system as sh
            import commands

            def backup(path):
                command = "tar czf backup.tgz " + path
                [|os.system(command)|]
                [|os.popen("du -sh {}".format(path))|]
                [|sh(f"rm -rf {path}")|]
                [|commands.getoutput("ls " + path)|]
            """);
    }

    [Fact]
    public void Ignores_argument_lists_and_constants()
    {
        PythonRuleVerifier.VerifyNone<CommandInjectionRule>("""
            import os
            import subprocess

            def run(host):
                subprocess.run(["ping", "-c", "1", host])
                subprocess.check_output(["ls", host], shell=False)
                subprocess.run("ls -la", shell=True)
                os.system("clear")
                command = "uptime"
                os.system(command)
            """);
    }

    [Fact]
    public void Ignores_shlex_quoted_values_and_unrelated_system_calls()
    {
        PythonRuleVerifier.VerifyNone<CommandInjectionRule>("""
            import shlex
            import subprocess
            from shlex import quote

            def run(host, platform):
                subprocess.run(f"ping -c 1 {shlex.quote(host)}", shell=True)
                subprocess.run(shlex.quote(host), shell=True)
                subprocess.run(f"nslookup {quote(host)}", shell=True)
                platform.system(host)
            """);
    }

    [Fact]
    public void Ignores_concatenation_with_quoted_values()
    {
        PythonRuleVerifier.VerifyNone<CommandInjectionRule>("""
            import os
            import shlex

            TOOL = "/usr/bin/convert"

            def convert(path):
                os.system(TOOL + " " + shlex.quote(path))
                subprocess.run("ls " + shlex.quote(path), shell=True)
            """);
    }

    [Fact]
    public void Flags_spawn_and_exec_of_a_shell_with_a_value()
    {
        PythonRuleVerifier.Verify<CommandInjectionRule>("""
            import os

            def run(cmd):
                [|os.spawnl(os.P_NOWAIT, "/bin/sh", "sh", "-c", cmd)|]
                [|os.execvp("bash", ["bash", "-c", cmd])|]
                os.spawnl(os.P_WAIT, "/usr/bin/ls", "ls", cmd)
                os.spawnlp(os.P_WAIT, "sh", "sh", "-c", "make clean")
            """);
    }

    [Fact]
    public void Resolves_dynamically_imported_modules()
    {
        PythonRuleVerifier.Verify<CommandInjectionRule>("""
            import importlib

            def run(cmd):
                [|__import__("os").system(cmd)|]
                [|importlib.import_module("subprocess").getoutput(cmd)|]
                __import__("os").system("ls -l")
                __import__("shlex").split(cmd)
                __import__(name).system(cmd)
            """);
    }

    [Fact]
    public void Follows_getattr_and_dynamic_imports_to_the_shell_function()
    {
        PythonRuleVerifier.Verify<CommandInjectionRule>("""
            import os

            def run(command):
                [|getattr(os, "system")(command)|]
                runner = getattr(__import__("os"), "popen")
                [|runner(command)|]
                getattr(os, "system")("ls -al")
            """);
    }

    [Fact]
    public void Warns_when_a_spawned_program_is_not_fixed()
    {
        var findings = PythonRuleVerifier.Verify<CommandInjectionRule>("""
            import os
            import sys

            def launch(tool, args):
                [|os.spawnv(os.P_WAIT, tool, args)|]
                [|os.posix_spawn(args[0], args, os.environ)|]
                os.spawnv(os.P_WAIT, "/usr/bin/env", ["env"])
                os.execv(sys.executable, [sys.executable] + args)
            """);

        Assert.All(findings, finding => Assert.Equal(Severity.Warning, finding.Severity));
    }

    [Fact]
    public void A_string_with_a_fixed_program_and_no_shell_is_argument_injection_not_command_injection()
    {
        var findings = PythonRuleVerifier.Verify<CommandInjectionRule>("""
            import subprocess
            from flask import request

            def search():
                [|subprocess.call("grep -R {} .".format(request.args["q"]))|]
                [|command = "find %s -name ." % request.args["dir"]
                subprocess.check_output(command)|]
            """);

        Assert.All(findings, finding => Assert.Equal(Severity.Warning, finding.Severity));
        Assert.Contains("argument injection", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_with_a_fixed_program_and_no_shell_built_from_the_command_line_is_the_users_own_choice()
    {
        PythonRuleVerifier.VerifyNone<CommandInjectionRule>("""
            import subprocess
            import sys

            subprocess.call("grep -R {} .".format(sys.argv[1]))
            """);
    }

    [Fact]
    public void A_string_whose_fixed_text_leads_into_the_program_name_lets_the_value_choose_the_program()
    {
        var findings = PythonRuleVerifier.Verify<CommandInjectionRule>("""
            import subprocess
            from flask import request

            def run_tool():
                [|subprocess.call("/usr/local/bin/" + request.args["tool"])|]
            """);

        Assert.All(findings, finding => Assert.Equal(Severity.Error, finding.Severity));
    }

    [Fact]
    public void Flags_remote_and_event_loop_shells()
    {
        PythonRuleVerifier.Verify<CommandInjectionRule>("""
            import asyncio
            import paramiko

            def remote(host, pattern):
                client = paramiko.SSHClient()
                client.connect(host)
                [|client.exec_command("grep " + pattern + " /var/log/app.log")|]
                client.exec_command("uptime")

            def handler(event, context):
                loop = asyncio.new_event_loop()
                [|loop.run_until_complete(loop.subprocess_shell(asyncio.SubprocessProtocol, event["cmd"]))|]
            """);
    }
}
