using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// ASP.NET Core directory browsing switched on: <c>app.UseDirectoryBrowser(…)</c>,
/// <c>services.AddDirectoryBrowser()</c>, <c>UseFileServer(enableDirectoryBrowsing: true)</c> or
/// <c>EnableDirectoryBrowsing = true</c> on file-server options.
/// </summary>
public sealed class DirectoryBrowsingRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/directory-browsing",
        "Directory listing enabled",
        Category.Security,
        Severity.Warning,
        "A directory listing shows every visitor each file under the folder, including backups, configuration and uploads nobody linked to; attackers use it to find what to download next.",
        "Remove the directory browser and serve known files only (`UseStaticFiles`); if a listing is really needed, put it behind authorization and point it at a folder that holds nothing private.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "UseDirectoryBrowser", "AddDirectoryBrowser", "EnableDirectoryBrowsing", "enableDirectoryBrowsing"))
        {
            return;
        }

        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, "UseDirectoryBrowser", "AddDirectoryBrowser", "EnableDirectoryBrowsing", "enableDirectoryBrowsing"))
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when TypeNames.InvokedName(invocation) is "UseDirectoryBrowser" or "AddDirectoryBrowser" && TypeNames.Receiver(invocation) is not null:
                    context.Report(this, invocation, $"`{TypeNames.InvokedName(invocation)}()` lists the files of a folder to every visitor; serve known files only, or put the listing behind authorization.");
                    break;
                case InvocationExpressionSyntax invocation when TypeNames.InvokedName(invocation) == "UseFileServer"
                    && (invocation.ArgumentList.Arguments is [{ NameColon: null } only] && SecurityPatterns.IsTrue(only.Expression)
                        || invocation.ArgumentList.Arguments.Any(argument => argument.NameColon?.Name.Identifier.ValueText == "enableDirectoryBrowsing" && SecurityPatterns.IsTrue(argument.Expression))):
                    context.Report(this, invocation, "`UseFileServer` with directory browsing lists the files of a folder to every visitor; serve known files only, or put the listing behind authorization.");
                    break;
                case AssignmentExpressionSyntax assignment when SecurityPatterns.SimpleName(assignment.Left) == "EnableDirectoryBrowsing" && SecurityPatterns.IsTrue(assignment.Right):
                    context.Report(this, assignment, "`EnableDirectoryBrowsing = true` lists the files of a folder to every visitor; serve known files only, or put the listing behind authorization.");
                    break;
            }
        }
    }
}
