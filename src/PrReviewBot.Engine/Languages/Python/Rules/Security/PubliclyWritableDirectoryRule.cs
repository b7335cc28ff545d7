using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A file with a fixed name in a directory every user can write to (<c>/tmp</c>, <c>/var/tmp</c>,
/// <c>/dev/shm</c>, Windows' <c>\Temp</c>): <c>open("/tmp/app.lock", "w")</c>. Names chosen at run
/// time by <c>tempfile</c> are fine; <c>tempfile.mktemp</c> is <c>py/insecure-temp-file</c>'s.
/// </summary>
public sealed class PubliclyWritableDirectoryRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/publicly-writable-directory",
        "Fixed file name in a shared temporary directory",
        Category.Security,
        Severity.Warning,
        "Every local user can create a file or symlink under that name first: a write then follows the link to a file the attacker chose, and a read gets the attacker's content.",
        "Let `tempfile` create the file (`tempfile.NamedTemporaryFile()`, `tempfile.mkstemp()`, `tempfile.mkdtemp()`), or use a directory only this program can write to.");

    private static readonly string[] SharedDirectories =
    [
        "/tmp", "/var/tmp", "/usr/tmp", "/dev/shm", "/dev/mqueue", "/run/lock", "/var/run/lock", "/library/caches", "/users/shared",
        "/private/tmp", "/private/var/tmp", @"\windows\temp", @"\temp", @"\tmp",
    ];

    /// <summary>Calls that open or create the file named by their first argument.</summary>
    private static readonly HashSet<string> Openers = new(StringComparer.Ordinal)
    {
        "open", "builtins.open", "io.open", "codecs.open", "os.open", "logging.FileHandler", "logging.handlers.RotatingFileHandler",
        "logging.handlers.TimedRotatingFileHandler", "logging.handlers.WatchedFileHandler", "shelve.open", "dbm.open", "sqlite3.connect",
    };

    private static readonly HashSet<string> PathMethods = new(StringComparer.Ordinal)
    {
        "open", "write_text", "write_bytes", "read_text", "read_bytes", "touch", "mkdir", "symlink_to",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in context.ChangedCalls)
        {
            // Only openers are parsed: parsing every call of the module costs more than the rest of the rule.
            var resolved = module.Values.Resolve(call);
            if ((!Openers.Contains(resolved) && !PathMethods.Contains(call.Name)) || module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            PyExpr? path = null;
            if (Openers.Contains(resolved))
            {
                path = parsed.Argument(0, resolved.StartsWith("logging.", StringComparison.Ordinal) ? "filename" : resolved == "sqlite3.connect" ? "database" : "file");
            }
            else if (PathMethods.Contains(call.Name) && parsed.Function is PyMember { Target: PyCall constructor } && constructor.Function.DottedName is { } pathType
                && module.Values.Resolve(pathType, call.Scope, call.Line) is "pathlib.Path" or "pathlib.PurePath" or "pathlib.PosixPath")
            {
                path = constructor.Argument(0, null);
            }

            if (path is not null && module.Values.ConstantString(path, call.Scope) is { } text && IsInSharedDirectory(text))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` uses the fixed path `{text}` in a directory every user can write to; create it with `tempfile` (`NamedTemporaryFile`, `mkstemp`) instead.");
            }
        }
    }

    private static bool IsInSharedDirectory(string path)
    {
        var normalized = path.Trim().ToLowerInvariant();
        if (normalized.Length > 2 && normalized[1] == ':' && char.IsAsciiLetter(normalized[0]))
        {
            normalized = normalized[2..];
        }

        return SharedDirectories.Any(directory => normalized == directory
            || normalized.StartsWith(directory + (directory[0] == '\\' ? "\\" : "/"), StringComparison.Ordinal));
    }
}
