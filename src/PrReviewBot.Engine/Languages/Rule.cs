using System.Collections.Concurrent;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Languages;

/// <summary>
/// A rule of any language: a descriptor and the code that reports it against one file's context.
/// Rules are stateless; analyzers find every concrete subclass in this assembly, so adding a rule
/// is adding a file.
/// </summary>
public abstract class Rule<TContext>
{
    public abstract RuleDescriptor Descriptor { get; }

    /// <summary>
    /// True when the rule, reading only the changed code, already reports every unchanged finding that could claim a base
    /// finding before one on an added line does (those with the same message): the runner then does not read the file again
    /// whole for it (see <see cref="RuleRunner.Run"/>).
    /// </summary>
    public virtual bool ReportsLookalikesOfAddedFindings => false;

    public abstract void Analyze(TContext context);
}

/// <summary>What every language analyzer does the same way: find its rules, and run them per file without letting one break the review.</summary>
internal static class RuleRunner
{
    /// <summary>Every concrete subclass of <typeparamref name="TRule"/> in this assembly, ordered by id.</summary>
    public static IReadOnlyList<TRule> Discover<TRule, TContext>()
        where TRule : Rule<TContext>
    {
        var rules = typeof(TRule).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(TRule)) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null)
            .Select(type => (TRule)Activator.CreateInstance(type)!);
        return [.. rules.OrderBy(rule => rule.Descriptor.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Runs the rules on each of <paramref name="count"/> files in parallel. A rule that throws, or a file
    /// whose context cannot be built (a parser failing on it), is reported through <paramref name="problems"/>
    /// (named with the rule or the reading, and the file) and the other rules and files go on. A rule none of whose
    /// findings the file's role would keep (<see cref="RolePolicy.MayKeep"/>) is not run on it, nor is a rule the file
    /// is not to be read with.
    /// </summary>
    /// <param name="size">File <c>i</c>'s length, to start the largest first.</param>
    /// <param name="path">File <c>i</c>'s path, to name it in problems.</param>
    /// <param name="onlyRules">The ids of the rules to run on file <c>i</c>; null for all of <paramref name="rules"/>.</param>
    /// <param name="contextFor">Builds file <c>i</c>'s context around the list its findings go to.</param>
    public static IReadOnlyList<RawFinding> Run<TContext>(
        int count,
        Func<int, int> size,
        IReadOnlyList<Rule<TContext>> rules,
        Func<int, string> path,
        Func<int, IReadOnlySet<string>?> onlyRules,
        Func<int, List<RawFinding>, TContext> contextFor,
        ICollection<string> problems,
        CancellationToken cancellationToken)
        where TContext : class
    {
        var results = new ConcurrentBag<RawFinding>();
        var failures = new ConcurrentBag<string>();
        FileParallelism.ForEach(count, size, index =>
        {
            var sink = new List<RawFinding>();
            TContext context;
            try
            {
                context = contextFor(index, sink);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Add($"reading {path(index)} failed: {exception.GetType().Name}; no rule ran on it");
                return;
            }

            // A rule that read only the changed code and reported on an added line is run again on the whole
            // file, so that a file compared with its base version has every finding the whole reading has
            // (an unchanged copy of a flagged line must still claim its base finding before the added copy can).
            var rereading = context as IWholeFileReading<TContext>;
            TContext? whole = null;
            var file = context as IFileOfRole;
            Func<string> wholeText = () => file!.WholeText;
            var only = onlyRules(index);
            foreach (var rule in rules)
            {
                if (only is not null && !only.Contains(rule.Descriptor.Id))
                {
                    continue;
                }

                // On a real 2,025-file change, 1,185 files were tests: their security (but secrets), docs and type-hint rules,
                // which bind the most, would only have had their findings dropped.
                if (file is not null && !RolePolicy.MayKeep(rule.Descriptor, file.Role, wholeText))
                {
                    continue;
                }

                var first = sink.Count;
                try
                {
                    rule.Analyze(context);
                    if (rereading is not null && !rule.ReportsLookalikesOfAddedFindings && sink.Count > first && sink.Skip(first).Any(rereading.IsOnAddedLine)
                        && (whole ??= rereading.WholeFile()) is { } wholeFile)
                    {
                        sink.RemoveRange(first, sink.Count - first);
                        rule.Analyze(wholeFile);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One broken rule must not cost the whole review; the coverage footer names it.
                    failures.Add($"{rule.Descriptor.Id} failed on {path(index)}: {exception.GetType().Name}");
                }
            }

            foreach (var finding in sink)
            {
                results.Add(finding);
            }
        }, cancellationToken);

        foreach (var failure in failures.Order(StringComparer.Ordinal))
        {
            problems.Add(failure);
        }

        return [.. results];
    }
}

/// <summary>What a rule context says of its file, so that rules whose findings its role would drop are not run.</summary>
internal interface IFileOfRole
{
    /// <summary>What the file is for.</summary>
    CodeRole Role { get; }

    /// <summary>The file's whole text.</summary>
    string WholeText { get; }
}

/// <summary>A rule context that may read only the changed code, and how to read its file whole.</summary>
internal interface IWholeFileReading<out TContext>
    where TContext : class
{
    /// <summary>The same file read whole, reporting into the same list; null when this context already reads all of it.</summary>
    TContext? WholeFile();

    /// <summary>True when the finding touches a line the change added.</summary>
    bool IsOnAddedLine(RawFinding finding);
}
