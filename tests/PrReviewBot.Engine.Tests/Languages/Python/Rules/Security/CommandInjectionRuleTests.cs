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
}
