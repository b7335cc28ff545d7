using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary><c>tempfile.mktemp</c>: a name that someone else can create first.</summary>
public sealed class InsecureTempFileRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/insecure-temp-file",
        "Insecure temporary file name",
        Category.Security,
        Severity.Error,
        "`mktemp` only returns a name; another process can create that file (or a symlink) before this one opens it and read or redirect what is written.",
        "Use `tempfile.mkstemp()`, `tempfile.NamedTemporaryFile()` or `tempfile.TemporaryDirectory()`, which create the file atomically.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var call in context.Module.Calls)
        {
            var resolved = PythonSecurityHelpers.Resolved(context.Module, call);
            if (resolved is "tempfile.mktemp" or "os.tempnam" or "os.tmpnam")
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` returns a file name without creating the file, which is open to a race; use `tempfile.mkstemp()` or `NamedTemporaryFile()`.");
            }
        }
    }
}
