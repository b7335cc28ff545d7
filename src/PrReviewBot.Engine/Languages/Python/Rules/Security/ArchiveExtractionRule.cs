using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary><c>TarFile.extractall</c> without an extraction filter, and <c>ZipFile.extractall</c> of an archive that is not constant.</summary>
public sealed class ArchiveExtractionRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/archive-extraction",
        "Archive extracted without path checks",
        Category.Security,
        Severity.Error,
        "Member names such as `../../etc/cron.d/job`, absolute paths or links in an archive can write files anywhere the process can (path traversal, \"zip slip\").",
        "On Python 3.12+ pass `filter=\"data\"` to `extractall`; otherwise validate each member's resolved path stays inside the target directory and pass `members=`.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var usesTar = module.Imports.Any(import => import.Module.StartsWith("tarfile", StringComparison.Ordinal));
        var usesZip = module.Imports.Any(import => import.Module.StartsWith("zipfile", StringComparison.Ordinal));
        if (!usesTar && !usesZip)
        {
            return;
        }

        var opens = module.Calls
            .Select(call => (Call: call, Resolved: PythonSecurityHelpers.Resolved(module, call)))
            .Where(pair => pair.Resolved is "tarfile.open" or "tarfile.TarFile" or "tarfile.TarFile.open" or "zipfile.ZipFile")
            .ToList();
        foreach (var call in module.Calls)
        {
            if (!string.Equals(call.Name, "extractall", StringComparison.Ordinal) || !call.Callee.Contains('.', StringComparison.Ordinal)
                || call.Keyword("filter") is not null || call.Keyword("members") is not null || call.Positional.Count > 1)
            {
                continue;
            }

            var open = opens.LastOrDefault(pair => pair.Call.Line <= call.Line && ReferenceEquals(pair.Call.Scope, call.Scope));
            var isZip = open.Call is not null ? open.Resolved.StartsWith("zipfile", StringComparison.Ordinal) : usesZip && !usesTar;
            if (isZip)
            {
                var archivePositional = open.Call?.Positional;
                var archive = archivePositional is { Count: > 0 } ? archivePositional[0] : null;
                if (archive is null || PythonSecurityHelpers.IsConstant(module, archive, call.Scope))
                {
                    continue;
                }

                context.Report(this, call.Line, call.Line, $"`{call.Callee}` extracts an archive that comes from `{CodeInjectionRule.Shorten(archive.Text)}` without checking member paths; validate each member stays inside the target directory.");
                continue;
            }

            context.Report(this, call.Line, call.Line, $"`{call.Callee}` without `filter=` lets member names like `../` or absolute paths and links write outside the target directory; pass `filter=\"data\"`.");
        }
    }
}
