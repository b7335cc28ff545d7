using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

using PrReviewBot.Engine.Languages.Python.Security.Sinks;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>A command line built at run time and handed to a shell.</summary>
public sealed partial class CommandInjectionRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/command-injection",
        "Shell command built from non-constant strings",
        Category.Security,
        Severity.Error,
        "A shell parses the whole command line, so a value containing `;`, `|`, `$(...)` or quotes lets whoever controls it run other commands.",
        "Pass an argument list without `shell=True` (`subprocess.run([\"ls\", path])`), or quote every value with `shlex.quote`.");

    private static readonly HashSet<string> ShellOption = new(StringComparer.Ordinal)
    {
        "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen",
        "asyncio.create_subprocess_exec",
    };

    private static readonly HashSet<string> AlwaysShell = new(StringComparer.Ordinal)
    {
        "subprocess.getoutput", "subprocess.getstatusoutput", "os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4",
        "commands.getoutput", "commands.getstatusoutput", "asyncio.create_subprocess_shell", "popen2.popen2", "popen2.popen3",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tainted = PythonTaintRule.ReportTainted(this, context, PythonSinks.Command, sink => $"`{sink.Call.Callee}` runs a command built from {PythonTaintRule.Origin(sink.Source)}; a value in it can inject other commands.");
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            if (tainted.Contains(call.Line))
            {
                continue;
            }

            var resolved = PythonSecurityHelpers.Resolved(module, call);
            if ((resolved.StartsWith("os.spawn", StringComparison.Ordinal) || resolved.StartsWith("os.exec", StringComparison.Ordinal))
                && RunsShellWithValue(module, call, out var value))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` starts a shell with `{CodeInjectionRule.Shorten(value)}` as its script; a value in it can inject other commands.");
                continue;
            }

            var viaOption = ShellOption.Contains(resolved) && PythonSecurityHelpers.IsTrue(call.Keyword("shell"));
            if (!viaOption && !AlwaysShell.Contains(resolved))
            {
                continue;
            }

            var positional = call.Positional;
            var command = positional.Count > 0 ? positional[0] : call.Keyword("args") ?? call.Keyword("cmd") ?? call.Keyword("command");
            if (command is null || IsSafe(module, command.Text, call))
            {
                continue;
            }

            var how = viaOption ? " with `shell=True`" : string.Empty;
            context.Report(this, call.Line, call.Line, $"`{call.Callee}`{how} runs `{CodeInjectionRule.Shorten(command.Text)}` through a shell; a value in it can inject other commands.");
        }
    }

    private static bool IsSafe(PythonModule module, string text, PythonCall call)
    {
        var trimmed = text.Trim();
        if (PythonSecurityHelpers.IsConstantText(trimmed) || IsQuoted(module, trimmed))
        {
            return true;
        }

        if (PythonSecurityHelpers.IsIdentifier(trimmed))
        {
            var assignments = PythonSecurityHelpers.AssignmentsTo(module, trimmed, call.Line, call.Scope);
            return assignments.Count > 0 && assignments.All(assignment => assignment.Value is not null
                && (PythonSecurityHelpers.IsConstantText(assignment.Value) || IsQuoted(module, assignment.Value.Trim()) || OnlyQuotedFields(module, assignment.Value.Trim())));
        }

        if (OnlyQuotedFields(module, trimmed))
        {
            return true;
        }

        var parts = PythonSecurityHelpers.SplitPlus(trimmed);
        return parts.Count > 1 && parts.All(part => PythonSecurityHelpers.IsConstantText(part) || IsQuoted(module, part)
            || (PythonSecurityHelpers.IsIdentifier(part) && PythonSecurityHelpers.IsConstantName(module, part, call.Line, call.Scope)));
    }

    /// <summary><c>os.spawnl(mode, "/bin/sh", "sh", "-c", cmd)</c>: a shell program followed by a non-constant argument.</summary>
    private static bool RunsShellWithValue(PythonModule module, PythonCall call, out string value)
    {
        value = string.Empty;
        var arguments = call.Positional;
        var shellSeen = false;
        foreach (var argument in arguments)
        {
            var text = argument.Text.Trim();
            if (!shellSeen)
            {
                shellSeen = ShellProgram().IsMatch(text);
                continue;
            }

            if (text.Length >= 2 && (text.StartsWith('[') || text.StartsWith('(')))
            {
                var inner = text[1..^1];
                var nonConstant = inner.Split(',').Select(part => part.Trim()).FirstOrDefault(part => part.Length > 0 && !IsSafe(module, part, call));
                if (nonConstant is not null)
                {
                    value = nonConstant;
                    return true;
                }

                continue;
            }

            if (!IsSafe(module, text, call))
            {
                value = text;
                return true;
            }
        }

        return false;
    }

    private static bool IsQuoted(PythonModule module, string text)
    {
        var match = CallPrefix().Match(text);
        if (!match.Success || !text.EndsWith(')'))
        {
            return false;
        }

        var resolved = PythonSecurityHelpers.Resolve(module, match.Groups[1].Value);
        return resolved is "shlex.quote" or "pipes.quote" or "shlex.join";
    }

    /// <summary>An f-string whose every field is a <c>shlex.quote(...)</c> call.</summary>
    private static bool OnlyQuotedFields(PythonModule module, string text)
    {
        if (!FStringPrefix().IsMatch(text))
        {
            return false;
        }

        var fields = Field().Matches(text);
        return fields.Count > 0 && fields.All(field => IsQuoted(module, field.Groups[1].Value.Trim()));
    }

    [GeneratedRegex("""^[rRbB]?['"](?:/usr)?(?:/bin/)?(?:sh|bash|zsh|dash|ksh|cmd|cmd\.exe|powershell|pwsh)['"]$""")]
    private static partial Regex ShellProgram();

    [GeneratedRegex(@"^([A-Za-z_][\w.]*)\s*\(")]
    private static partial Regex CallPrefix();

    [GeneratedRegex("""^(?:[rR]?[fF]|[fF][rR])['"]""")]
    private static partial Regex FStringPrefix();

    [GeneratedRegex(@"\{([^{}]*(?:\([^()]*\))?[^{}]*)\}")]
    private static partial Regex Field();
}
