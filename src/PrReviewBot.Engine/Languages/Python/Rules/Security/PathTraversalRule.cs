using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;
using PrReviewBot.Engine.Languages.Python.Security.Sinks;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>A file path that the client chose, given to a file-system call.</summary>
public sealed class PathTraversalRule : PythonTaintRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/path-traversal",
        "File path from outside",
        Category.Security,
        Severity.Error,
        "A path containing `../` or an absolute path reads, writes or deletes files outside the folder the code meant, such as configuration, keys or source.",
        "Reduce the value to a file name (`os.path.basename`, `werkzeug.utils.secure_filename`), or resolve the full path and check it stays inside the base folder; Flask's `send_from_directory` does this for downloads.");

    public override RuleDescriptor Descriptor => Rule;

    protected override PythonSinkCatalogue Catalogue => PythonSinks.Path;

    protected override string? Message(PythonModule analyzed, TaintedSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return $"`{sink.Call.Callee}` opens a path built from {Origin(sink.Source)}; `../` in it reaches files outside the intended folder.";
    }
}
