using PrReviewBot.Engine.Detection.Taint;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;
using PrReviewBot.Engine.Languages.Python.Security.Sinks;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>A command line built at run time and handed to a shell, or outside data that chooses the program.</summary>
public sealed class CommandInjectionRule : PythonRule
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

    private static readonly HashSet<string> Quoting = new(StringComparer.Ordinal) { "shlex.quote", "pipes.quote", "shlex.join" };

    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal)
    {
        "sh", "bash", "zsh", "dash", "ksh", "cmd", "cmd.exe", "powershell", "pwsh",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var tainted = PythonTaintRule.ReportTainted(
            this,
            context,
            PythonSinks.Command,
            sink => FixedProgram(module, sink) is { } program
                ? sink.Source.Kind is TaintSourceKind.CommandLine or TaintSourceKind.StandardInput
                    ? null // the person running the tool already chooses its arguments
                    : $"`{sink.Call.Callee}` is given one string built from {PythonTaintRule.Origin(sink.Source)} without a shell: on Windows the value's spaces add arguments to `{program}` (argument injection), elsewhere the whole string is taken as the program's name; pass a list (`[\"{program}\", value]`)."
                : $"`{sink.Call.Callee}` runs a command built from {PythonTaintRule.Origin(sink.Source)}; a value in it can inject other commands.",
            sink => FixedProgram(module, sink) is null ? Severity.Error : Severity.Warning);
        var values = module.Values;
        foreach (var call in module.Calls)
        {
            if (tainted.Contains(call.Line))
            {
                continue;
            }

            var resolved = values.Resolve(call);
            var isSpawn = resolved.StartsWith("os.spawn", StringComparison.Ordinal) || resolved.StartsWith("os.exec", StringComparison.Ordinal)
                || resolved.StartsWith("os.posix_spawn", StringComparison.Ordinal);
            var isRemote = call.Name == "exec_command" && resolved.StartsWith("paramiko.", StringComparison.Ordinal);
            if (!isSpawn && !isRemote && !ShellOption.Contains(resolved) && !AlwaysShell.Contains(resolved))
            {
                continue;
            }

            if (values.Of(call) is not { } parsed)
            {
                continue;
            }

            if (isSpawn)
            {
                if (ShellScript(module, parsed, call.Scope) is { } script)
                {
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}` starts a shell with `{CodeInjectionRule.Shorten(Text(module, script))}` as its script; a value in it can inject other commands.");
                }
                else if (parsed.Argument(resolved.StartsWith("os.spawn", StringComparison.Ordinal) ? 1 : 0, null) is { } program
                    && !IsSafe(module, program, call.Scope, 0) && !IsOwnInterpreter(module, program, call.Scope, 0))
                {
                    context.Report(this, call.Line, call.Line,
                        $"`{call.Callee}` runs the program `{CodeInjectionRule.Shorten(Text(module, program))}`, which is not fixed in the code; make sure no caller can choose it, or pick it from a fixed list.",
                        Severity.Warning);
                }

                continue;
            }

            if (isRemote)
            {
                if (parsed.Argument(0, "command") is { } remote && !IsSafe(module, remote, call.Scope, 0))
                {
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}` runs `{CodeInjectionRule.Shorten(Text(module, remote))}` through the remote shell; a value in it can inject other commands there. Quote every value with `shlex.quote`.");
                }

                continue;
            }

            var viaOption = ShellOption.Contains(resolved);
            if (viaOption && parsed.Keyword("shell") is not PyConstant { Text: "True" })
            {
                continue;
            }

            var command = parsed.Argument(0, "args") ?? parsed.Keyword("cmd") ?? parsed.Keyword("command");
            if (command is null || IsSafe(module, command, call.Scope, 0))
            {
                continue;
            }

            var how = viaOption ? " with `shell=True`" : string.Empty;
            context.Report(this, call.Line, call.Line, $"`{call.Callee}`{how} runs `{CodeInjectionRule.Shorten(Text(module, command))}` through a shell; a value in it can inject other commands.");
        }
    }

    /// <summary>Constant text, shell-quoted values, and strings built only from those (following names to what they are given).</summary>
    private static bool IsSafe(PythonModule module, PyExpr value, PythonDefinition? scope, int depth)
    {
        var values = module.Values;
        if (depth > 4 || values.IsConstant(value, scope) || IsQuoted(module, value, scope))
        {
            return depth <= 4;
        }

        if (value is PyDisplay { Kind: PyDisplayKind.List or PyDisplayKind.Tuple } list)
        {
            return list.Items.All(item => IsSafe(module, item, scope, depth + 1));
        }

        if (value is PyName name)
        {
            var assignments = values.AssignmentsVisible(name.Id, scope, name.Line).Where(assignment => assignment.Line < name.Line || !ReferenceEquals(assignment.Scope, scope)).ToList();
            return assignments.Count > 0 && assignments.All(assignment => values.Of(assignment) is { } assigned && IsSafe(module, assigned, assignment.Scope, depth + 1));
        }

        var pieces = PythonValues.Pieces(value);
        return pieces.Count > 1 && pieces.All(piece => piece is PyString || IsSafe(module, piece, scope, depth + 1));
    }

    /// <summary>
    /// The program a command string names when no shell runs it: <c>"ping " + ip</c> or <c>cmd = "find %s" % name</c>
    /// then <c>check_output(cmd)</c> cannot start a second command, but the value still chooses the arguments where
    /// the string is split into them (Windows), so it is a warning, not an injection. Null when a shell runs it.
    /// </summary>
    private static string? FixedProgram(PythonModule module, TaintedSink sink)
    {
        if (sink.Sink.When != SinkCondition.ProgramOrShell || module.Values.Of(sink.Call)?.Keyword("shell") is not null)
        {
            return null;
        }

        var command = sink.Argument is PyName name ? module.Values.SingleValue(name.Id, sink.Call.Scope, name.Line) : sink.Argument;
        // The fixed text must end the program's name ("ping "), not lead into it ("/usr/bin/" + name chooses the program).
        return command is not null && PythonValues.Pieces(command) is [PyString { Value: var text }, _, ..] && text.IndexOf(' ', StringComparison.Ordinal) is > 0 and var end
            && !char.IsWhiteSpace(text[0])
            ? text[..end]
            : null;
    }

    /// <summary><c>sys.executable</c>, <c>shutil.which("git")</c>: the program is this interpreter or one found by a fixed name.</summary>
    private static bool IsOwnInterpreter(PythonModule module, PyExpr value, PythonDefinition? scope, int depth)
    {
        if (depth > 3)
        {
            return false;
        }

        if (value is PyName name && module.Values.SingleValue(name.Id, scope, name.Line) is { } assigned)
        {
            return IsOwnInterpreter(module, assigned, scope, depth + 1);
        }

        return value.DescendantsAndSelf().Any(part => part.DottedName is { } dotted
            && module.Values.Resolve(dotted, scope, part.Line) is "sys.executable" or "shutil.which" or "sys.argv" or "os.environ.get" or "os.getenv");
    }

    private static bool IsQuoted(PythonModule module, PyExpr value, PythonDefinition? scope) =>
        value is PyCall { Function.DottedName: { } callee } call && Quoting.Contains(module.Values.Resolve(callee, scope, call.Line));

    /// <summary><c>os.spawnl(mode, "/bin/sh", "sh", "-c", cmd)</c>: a shell program followed by a value that is not safe.</summary>
    private static PyExpr? ShellScript(PythonModule module, PyCall call, PythonDefinition? scope)
    {
        var shellSeen = false;
        foreach (var argument in call.Positional)
        {
            if (!shellSeen)
            {
                shellSeen = argument is PyString { Value: var program } && Shells.Contains(program[(program.LastIndexOf('/') + 1)..]);
                continue;
            }

            var items = argument is PyDisplay { Kind: PyDisplayKind.List or PyDisplayKind.Tuple } list ? list.Items : [argument];
            if (items.FirstOrDefault(item => !IsSafe(module, item, scope, 0)) is { } unsafeItem)
            {
                return unsafeItem;
            }
        }

        return null;
    }

    /// <summary>The source text of an expression on its line, for messages.</summary>
    private static string Text(PythonModule module, PyExpr value)
    {
        var token = module.Values.FirstToken(value);
        if (token is null)
        {
            return value.DottedName ?? "the command";
        }

        var source = module.Tokenization.Source;
        var end = source.IndexOf('\n', token.StartOffset);
        var text = source[token.StartOffset..(end < 0 ? source.Length : end)].TrimEnd();
        return text.EndsWith(')') && text.Count(c => c == ')') > text.Count(c => c == '(') ? text[..text.LastIndexOf(')')].TrimEnd().TrimEnd(',') : text;
    }
}
