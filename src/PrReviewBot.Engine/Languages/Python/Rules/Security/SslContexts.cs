using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// SSL context objects as the TLS rules follow them: where a context was made, and what the code
/// later does to it (<c>ctx.minimum_version = ...</c>, <c>ctx.set_options(...)</c>). A weakening
/// setting is reported from the line that made the context, so the reader sees both together.
/// </summary>
internal static class SslContexts
{
    /// <summary>How far above a setting its context may be made and still be shown with it.</summary>
    private const int NearbyLines = 6;

    private static readonly HashSet<string> Constructors = new(StringComparer.Ordinal)
    {
        "ssl.SSLContext", "ssl.create_default_context", "ssl._create_unverified_context", "ssl._create_stdlib_context",
        "OpenSSL.SSL.Context", "SSL.Context", "urllib3.util.ssl_.create_urllib3_context", "urllib3.util.create_urllib3_context",
        "requests.packages.urllib3.util.ssl_.create_urllib3_context",
    };

    public static bool IsConstructor(string resolved) => Constructors.Contains(resolved);

    /// <summary>The assignment that made <paramref name="receiver"/> an SSL context, in the same scope and a few lines above <paramref name="line"/>.</summary>
    public static PythonAssignment? Creation(PythonModule module, string receiver, PythonDefinition? scope, int line)
    {
        var made = module.Assignments.LastOrDefault(assignment => ReferenceEquals(assignment.Scope, scope) && assignment.Line < line
            && assignment.Targets.Any(target => string.Equals(target.Text, receiver, StringComparison.Ordinal)));
        return made is { IsAugmented: false } && line - made.Line <= NearbyLines && module.Values.Of(made) is PyCall { Function.DottedName: { } callee }
            && IsConstructor(module.Values.Resolve(callee, scope, made.Line))
            ? made
            : null;
    }

    /// <summary>
    /// The line to start a finding about a setting on <paramref name="line"/>: the line that made the
    /// context being set (<c>ctx = ssl.SSLContext(...)</c> above <c>ctx.minimum_version = ...</c>), or the line itself.
    /// </summary>
    public static int StartOfSetting(PythonModule module, int line)
    {
        var assignment = module.Assignments.FirstOrDefault(candidate => candidate.Line == line && candidate.Targets is [{ Kind: PythonTargetKind.Attribute }]);
        string? receiver = null;
        PythonDefinition? scope = null;
        if (assignment is not null)
        {
            var target = assignment.Targets[0].Text;
            receiver = target[..target.LastIndexOf('.')];
            scope = assignment.Scope;
        }
        else if (module.Calls.FirstOrDefault(call => call.Line == line && call.Callee.Contains('.', StringComparison.Ordinal) && !call.Callee.Contains('(', StringComparison.Ordinal)) is { } call)
        {
            receiver = call.Callee[..call.Callee.LastIndexOf('.')];
            scope = call.Scope;
        }

        return receiver is not null && Creation(module, receiver, scope, line) is { } made ? made.Line : line;
    }

    /// <summary>What the code does to a context after making it, until the name is given another value: assignments to its attributes and calls of its methods, in the same scope.</summary>
    public static (IReadOnlyList<PythonAssignment> Settings, IReadOnlyList<PythonCall> Calls) UsesOf(PythonModule module, string receiver, PythonDefinition? scope, int after)
    {
        var prefix = receiver + ".";
        var until = module.Assignments.FirstOrDefault(assignment => ReferenceEquals(assignment.Scope, scope) && assignment.Line > after
            && assignment.Targets.Any(target => string.Equals(target.Text, receiver, StringComparison.Ordinal)))?.Line ?? int.MaxValue;
        var settings = module.Assignments.Where(assignment => ReferenceEquals(assignment.Scope, scope) && assignment.Line > after && assignment.Line < until
            && assignment.Targets.Any(target => target.Text.Trim('(', ')', ' ').StartsWith(prefix, StringComparison.Ordinal))).ToList();
        var calls = module.Calls.Where(call => ReferenceEquals(call.Scope, scope) && call.Line > after && call.Line < until
            && call.Callee.StartsWith(prefix, StringComparison.Ordinal) && call.Callee.IndexOf('.', prefix.Length) < 0).ToList();
        return (settings, calls);
    }

    /// <summary>The name an expression statement assigns a call to: <c>ctx</c> for <c>ctx = ssl.SSLContext(...)</c>; null when the call is not assigned whole to one name or attribute.</summary>
    public static string? AssignedName(PythonModule module, PythonCall call)
    {
        var assignment = PythonSecurityHelpers.AssignedFrom(module, call);
        return assignment is { Targets: [{ Kind: PythonTargetKind.Name or PythonTargetKind.Attribute } target] } && !assignment.IsAugmented ? target.Text : null;
    }
}
