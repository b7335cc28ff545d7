using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A file made writable by every user of the machine: <c>os.chmod(path, 0o777)</c>,
/// <c>stat.S_IWOTH</c>, or <c>os.umask(0)</c>, which lets every file created afterwards be.
/// </summary>
/// <remarks>
/// Modes that let others read or run a file (<c>0o755</c>, <c>0o644</c>) are the normal modes of
/// scripts, directories and public files, so they are left alone; <c>mkdir</c>/<c>open</c> modes
/// pass through the umask and are not judged either.
/// </remarks>
public sealed class LooseFilePermissionsRule : PythonRule
{
    private const long OthersWrite = 0x2;

    private static readonly RuleDescriptor Rule = new(
        "py/loose-file-permissions",
        "File made writable by every user",
        Category.Security,
        Severity.Error,
        "Any local user or compromised service can then replace the file's content: code, configuration or data that this program trusts.",
        "Give only the owner (and, when needed, the group) write access: `0o644` or `0o600` for files, `0o755` or `0o700` for directories; keep the umask at `0o022` or stricter.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in context.ChangedCalls)
        {
            // Only chmod and umask calls are parsed: parsing every call of the module costs more than the rest of the rule.
            var resolved = module.Values.Resolve(call);
            var osChmod = resolved is "os.chmod" or "os.lchmod" or "os.fchmod";
            if ((!osChmod && call.Name != "chmod" && resolved != "os.umask") || module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            // pathlib's Path.chmod(mode) takes the mode alone; os.chmod without a path is not a call that runs.
            if ((osChmod && parsed.Arguments.Count >= 2) || (call.Name == "chmod" && !osChmod && parsed.Arguments.Count == 1))
            {
                var mode = osChmod ? parsed.Argument(1, "mode") : parsed.Argument(0, "mode");
                if (ConstantIntegers.BitsSet(module, mode, call.Scope) is { } bits && (bits & OthersWrite) != 0)
                {
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}` gives every user write access (mode {Octal(bits)}); drop the write bit for others, e.g. `0o755` or `0o644`.");
                }
            }
            else if (resolved == "os.umask" && parsed.Arguments.Count == 1 && ConstantIntegers.Of(module, parsed.Argument(0, "mask"), call.Scope) is { } mask
                && (mask & OthersWrite) == 0 && !IsReadAndRestore(module, call))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}({Octal(mask)})` lets every file created afterwards be writable by every user; keep others' write bit masked, e.g. `os.umask(0o022)` or `0o077`.");
            }
        }
    }

    /// <summary><c>old = os.umask(0)</c> then <c>os.umask(old)</c> on the next line: the idiom that reads the current umask.</summary>
    private static bool IsReadAndRestore(PythonModule module, PythonCall call)
    {
        var saved = module.Assignments.FirstOrDefault(assignment => assignment.Line == call.Line && ReferenceEquals(assignment.Scope, call.Scope));
        if (saved is not { Targets: [{ Kind: PythonTargetKind.Name } target] })
        {
            return false;
        }

        return module.Calls.Any(other => other.Name == "umask" && ReferenceEquals(other.Scope, call.Scope) && other.Line > call.Line && other.Line <= call.Line + 2
            && module.Values.Of(other)?.Argument(0, "mask") is PyName { Id: var restored } && restored == target.Text);
    }

    private static string Octal(long value) => "0o" + Convert.ToString(value & 0xFFFF, 8);
}
