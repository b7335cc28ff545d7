using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// Parses the changed C# files, builds one compilation over them plus the framework's
/// reference assemblies (never the PR's own build), and runs every C# rule on every file.
/// </summary>
public sealed class CSharpAnalyzer
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(
        () => [.. Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()]);

    /// <summary>
    /// Documentation comments are left unstructured, ordinary comments as far as the parser goes: structuring them was
    /// a fifth of the parse (PowerShell's 474 changed files: 0.64 s of parsing instead of 0.82-0.94 s, 0.9 s of CPU
    /// instead of 1.3-1.4 s), and the rules that read them read their text (<see cref="DocumentationComments"/>).
    /// </summary>
    private static readonly CSharpParseOptions ParseOptions = new(
        LanguageVersion.Preview,
        DocumentationMode.None,
        SourceCodeKind.Regular);

    private static readonly Lazy<Task> Warming = new(() => Task.Run(WarmUp));

    /// <summary>
    /// Starts loading the framework's reference assemblies and Roslyn's binder on a background thread,
    /// so a front door can overlap that fixed cost (about a quarter of a small review) with reading its
    /// input. Compilations made later reuse the loaded assemblies. Calling it again does nothing.
    /// </summary>
    public static void Prepare() => _ = Warming.Value;

    private static void WarmUp()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { string M(object o) => o.ToString() + nameof(C); }", ParseOptions);
        var compilation = CSharpCompilation.Create("PrReviewBot.WarmUp", [tree], FrameworkReferences.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false));
        var model = compilation.GetSemanticModel(tree, ignoreAccessibility: true);
        foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            _ = model.GetSymbolInfo(invocation);
        }
    }

    public CSharpAnalyzer(IEnumerable<CSharpRule>? rules = null)
    {
        Rules = rules?.ToArray() ?? DiscoveredRules.Value;
    }

    /// <summary>Every concrete <see cref="CSharpRule"/> in this assembly, ordered by id.</summary>
    public static IReadOnlyList<CSharpRule> AllRules => DiscoveredRules.Value;

    public IReadOnlyList<CSharpRule> Rules { get; }

    private static readonly Lazy<IReadOnlyList<CSharpRule>> DiscoveredRules = new(RuleRunner.Discover<CSharpRule, CSharpRuleContext>);

    /// <summary>Analyses the sources; rule failures are reported through <paramref name="problems"/>, never thrown.</summary>
    public IReadOnlyList<RawFinding> Analyze(
        IReadOnlyList<CSharpSource> sources,
        ReviewOptions options,
        ICollection<string> problems,
        CancellationToken cancellationToken = default) => Analyze(sources, options, problems, BatchThreshold, null, cancellationToken);

    /// <summary>
    /// Analyses the sources, in batches when they weigh more than <paramref name="batchThreshold"/>, with the trees
    /// <paramref name="parsedAhead"/> holds of their texts.
    /// </summary>
    internal IReadOnlyList<RawFinding> Analyze(
        IReadOnlyList<CSharpSource> sources,
        ReviewOptions options,
        ICollection<string> problems,
        long batchThreshold,
        ParseAhead? parsedAhead,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        if (sources.Count == 0)
        {
            return [];
        }

        var rules = Rules.Where(rule => options.IsEnabled(rule.Descriptor)).ToArray();
        var batches = Batches(sources, batchThreshold);
        var change = new CSharpChangeText([.. sources.Select(source => source.Text)]);
        parsedAhead?.Finish();
        SyntaxTree? ParsedAhead(int index) => parsedAhead?.Take(sources[index].Path, sources[index].Text);
        if (batches.Count == 1)
        {
            return AnalyzeTogether(sources, change, ParseAll(sources, ParsedAhead, cancellationToken), rules, options, problems, cancellationToken);
        }

        if (batchThreshold != BatchThreshold || sources.Sum(Weight) > WholeIfRoomUpTo)
        {
            return AnalyzeInBatches(sources, change, ParsedAhead, batches, rules, options, problems, cancellationToken);
        }

        // Just over the threshold, the change is analysed whole when the memory in use leaves room for the trees still to
        // parse (TreesFit; those parsed ahead are in use already) and then, once they are parsed, for its rules (WholeFits).
        // When the trees turn out to take more, they give the batches their declarations and first files, as trees parsed
        // ahead do.
        var added = sources.Sum(AddedCodeLines);
        var toParse = sources.Where(source => parsedAhead?.Holds(source.Path, source.Text) != true).Sum(source => (long)source.Text.Length);
        if (!TreesFit(MemoryInUse(), toParse, added))
        {
            return AnalyzeInBatches(sources, change, ParsedAhead, batches, rules, options, problems, cancellationToken);
        }

        var trees = ParseAll(sources, ParsedAhead, cancellationToken);
        return WholeFits(MemoryInUse(), added)
            ? AnalyzeTogether(sources, change, trees, rules, options, problems, cancellationToken)
            : AnalyzeInBatches(sources, change, index => Interlocked.Exchange(ref trees[index], null!), batches, rules, options, problems, cancellationToken);
    }

    /// <summary>
    /// What a character's tree is taken to add to the memory in use before it is parsed: 4 bytes. The managed heap grew by
    /// 3.4–4.3 bytes a character while real changes were parsed (EF Core, WinForms, PowerShell), and the working set by
    /// 3.2–4.2 from the review's start to its parsed trees (WinForms, WPF, PowerShell, EF Core).
    /// </summary>
    /// <remarks>
    /// It only decides whether the trees are parsed whole first; <see cref="WholeFits"/> decides again on the memory they
    /// really take. At 5 bytes, real changes that fit whole were sent to batches before parsing: WinForms' 790 C# files
    /// (25.9 M characters, 17,700 added lines) took 3.1–3.2 s in batches against 2.5 s whole at 414 MB, and WPF's 740
    /// (29.3 M, 5,700) 3.7 s against 2.3 s at 474 MB.
    /// </remarks>
    private const long ParsedBytesPerChar = 4;

    /// <summary>
    /// True when <paramref name="charsToParse"/> characters still to parse, at <see cref="ParsedBytesPerChar"/>, would leave
    /// the change room to be analysed whole by <see cref="WholeFits"/>, <paramref name="memoryInUse"/> bytes being in use now.
    /// </summary>
    internal static bool TreesFit(long memoryInUse, long charsToParse, long addedLines) =>
        WholeFits(memoryInUse + (charsToParse * ParsedBytesPerChar), addedLines);

    /// <summary>
    /// Up to this weight a change over <see cref="BatchThreshold"/> is parsed whole first, and analysed whole when
    /// <see cref="WholeFits"/>. The threshold is set for dense code; lighter code of that weight fits one compilation.
    /// </summary>
    /// <remarks>
    /// Real changes just over the threshold, analysed whole against in batches: EF Core's 714 files (484 C# files, 22.7 M
    /// characters, 16,900 added lines) took 1.6 s at 380–395 MB against 2.2 s; WinForms' 1,447 (888 C# files, 22.7 M,
    /// 52,000) 2.7 s at 430–444 MB against 3.3–3.6 s, but its memory in use and added lines leave too little room by
    /// <see cref="WholeFits"/>, so it stays in batches. Dense code is heavier: PowerShell's 1,012 C# files (27.9 M, 52,000)
    /// peaked at 545 MB whole.
    /// Up to 30 M (26 M before): PowerShell's 973 C# files (26.5 M, 6,100 added lines) took 2.8–2.9 s whole at 433–438 MB
    /// against 3.7–4.0 s in batches, WPF's 696 (26.3 M, 7,900) 2.5–2.6 s at 449–465 MB against 3.5–3.8 s. Over it, whole
    /// analysis rarely fits: forced whole, WinForms' 1,205 C# files (27.9 M, 36,000: 30.1 M) and WPF's 853 (32.5 M, 6,400)
    /// peaked at 509–510 MB.
    /// </remarks>
    internal long WholeIfRoomUpTo { get; init; } = DefaultWholeIfRoomUpTo;

    internal const long DefaultWholeIfRoomUpTo = 30_000_000;

    /// <summary>The peak memory (bytes of working set) a change analysed whole because <see cref="WholeFits"/> is kept under.</summary>
    private const long WholeMemoryBudget = 500L << 20;

    /// <summary>
    /// What the rules and the comparison with base versions add to the memory in use once the trees are parsed: 130 MB and
    /// 1.2 MB per thousand added lines. Measured from the parsed trees to the peak on real changes analysed whole: EF Core's
    /// 714 files +79 MB (16,900 added lines), PowerShell's 1,190 +138 MB (12,800), WinForms' 1,447 +130 MB (52,000),
    /// PowerShell's 2,035 +183 MB (52,000), Orleans' 3,710 +205–241 MB (139,000).
    /// </summary>
    private const long WholeHeadroom = 130L << 20;

    private const long WholeBytesPerAddedLine = 1_260;

    /// <summary>The process's working set now, in bytes: what <see cref="WholeFits"/> is given once the trees are parsed.</summary>
    internal Func<long> MemoryInUse { get; init; } = static () => Environment.WorkingSet;

    /// <summary>True when a change whose parsed trees leave <paramref name="memoryInUse"/> bytes in use, with that many added lines, stays under 500 MB analysed whole.</summary>
    internal static bool WholeFits(long memoryInUse, long addedLines) =>
        memoryInUse + WholeHeadroom + (addedLines * WholeBytesPerAddedLine) <= WholeMemoryBudget;

    /// <summary>
    /// The lines <paramref name="source"/> adds that hold code, for <see cref="WholeFits"/>: an added line wholly inside a
    /// string literal (the SQL or output a test expects, embedded JSON) costs the rules little more than its characters.
    /// </summary>
    /// <remarks>
    /// EF Core's 505-file range (19.8 M characters, 72,000 added lines, 32,000 of them inside strings, most of them SQL a
    /// test expects) took 105 MB from its parsed trees to its peak, where 1.26 KB per added line expected 216 MB; so it
    /// went to batches, 2.0–2.1 s against 1.6–1.7 s whole at 376–385 MB.
    /// </remarks>
    internal static long AddedCodeLines(CSharpSource source)
    {
        var changed = source.ChangedLines;
        if (changed.EveryLine)
        {
            return 0;
        }

        var insideLiterals = 0;
        var literal = 0;
        var literals = CSharpDeclarationSkeleton.LinesInsideLiterals(source.Text);
        foreach (var line in changed.AddedInOrder)
        {
            while (literal < literals.Count && literals[literal].Last < line)
            {
                literal++;
            }

            insideLiterals += literal < literals.Count && literals[literal].First <= line ? 1 : 0;
        }

        return changed.Added.Count - insideLiterals;
    }

    /// <summary>Every source's tree: taken from <paramref name="parsedAhead"/> or parsed here, largest files first.</summary>
    private static SyntaxTree[] ParseAll(IReadOnlyList<CSharpSource> sources, Func<int, SyntaxTree?> parsedAhead, CancellationToken cancellationToken)
    {
        var trees = new SyntaxTree[sources.Count];
        FileParallelism.ForEach(sources.Count, index => Size(sources, index), index => trees[index] = parsedAhead(index) ?? Parse(sources[index], cancellationToken), cancellationToken);
        return trees;
    }

    /// <summary>
    /// Above this weight a change is analysed in batches. A file weighs its characters and <see cref="AddedLineWeight"/> more
    /// per added line: the whole change's trees held at once cost about five bytes per character on top of the text, and the
    /// code the rules read and bind on added lines costs more than its text.
    /// </summary>
    /// <remarks>
    /// Peak memory of cold reviews of eight real changes in one compilation (EF Core, osu!, Jellyfin, Orleans, PowerShell)
    /// followed about 210 MB + 11 MB per million characters of the C# reviewed + 0.7 MB per thousand added lines of it, so
    /// an added line weighs as much as 60 characters; PowerShell's dense code cost most, 15 MB per million. Below the
    /// threshold: PowerShell's 474 files (20 M characters, 12,800 added lines: 20.7 M) at 450–470 MB, osu!'s 1,850 (14 M,
    /// 89,000: 19 M) at 390 MB, Jellyfin's 1,504 (8 M, 115,000: 15 M) at 405 MB. Above it: PowerShell's 803 files (26 M,
    /// 29,000: 27 M), which peaked at 545–582 MB whole and peaks at 406–413 MB in batches, about a second slower; Orleans' 2,533
    /// (18 M, 139,000: 26 M), 510–546 MB whole.
    /// </remarks>
    internal long BatchThreshold { get; init; } = DefaultBatchThreshold;

    /// <summary>What an added line weighs, in characters, when the change's size decides whether it is analysed in batches.</summary>
    private const int AddedLineWeight = 60;

    /// <summary>How much text one batch holds when a change is analysed in batches.</summary>
    internal long BatchChars { get; init; } = DefaultBatchChars;

    internal const long DefaultBatchChars = 4_000_000;

    private static int Size(IReadOnlyList<CSharpSource> sources, int index) => sources[index].Text.Length;

    /// <summary>
    /// A file's weight for the decision to batch: its characters, and <see cref="AddedLineWeight"/> for each added line. A file
    /// read whole (reviewed by path) weighs its characters only: a real 8 M-character folder of osu! read whole peaked at
    /// 316 MB in one compilation, about what its text alone predicts, far less than its 230,000 lines would weigh as added lines.
    /// </summary>
    private static long Weight(CSharpSource source) => Weight(source.Text, source.ChangedLines);

    private static long Weight(string text, ChangedLines lines) =>
        lines.EveryLine ? text.Length : text.Length + ((long)AddedLineWeight * lines.Added.Count);

    internal const long DefaultBatchThreshold = 21_000_000;

    /// <summary>True when files of this text and these changed lines weigh more than <see cref="BatchThreshold"/>: they are analysed in batches.</summary>
    internal bool IsLarge(IEnumerable<(string Text, ChangedLines Lines)> files) =>
        files.Sum(file => Weight(file.Text, file.Lines)) > BatchThreshold;

    /// <summary>The files in one batch when the change is small enough; otherwise runs of files of about <see cref="BatchChars"/> characters each, in the change's order.</summary>
    internal List<int[]> Batches(IReadOnlyList<CSharpSource> sources) => Batches(sources, BatchThreshold);

    private List<int[]> Batches(IReadOnlyList<CSharpSource> sources, long batchThreshold)
    {
        if (sources.Sum(Weight) <= batchThreshold || sources.Sum(source => (long)source.Text.Length) <= BatchChars)
        {
            return [[.. Enumerable.Range(0, sources.Count)]];
        }

        var batches = new List<int[]>();
        var current = new List<int>();
        long size = 0;
        for (var index = 0; index < sources.Count; index++)
        {
            if (current.Count > 0 && size + sources[index].Text.Length > BatchChars)
            {
                batches.Add([.. current]);
                current.Clear();
                size = 0;
            }

            current.Add(index);
            size += sources[index].Text.Length;
        }

        batches.Add([.. current]);
        return batches;
    }

    private static IReadOnlyList<RawFinding> AnalyzeTogether(
        IReadOnlyList<CSharpSource> sources,
        CSharpChangeText change,
        SyntaxTree[] trees,
        CSharpRule[] rules,
        ReviewOptions options,
        ICollection<string> problems,
        CancellationToken cancellationToken)
    {
        // Roslyn's nullable option is compilation-wide, but each file has its own project: one
        // compilation per nullable context in use, each over every tree so symbols still resolve
        // across files, and each file read through the one its project file asks for.
        var compilations = Compilations(trees, sources);
        return Run(sources, change, [.. Enumerable.Range(0, sources.Count)], trees, compilations, rules, options, problems, cancellationToken);
    }

    /// <summary>
    /// A large change, a batch of files at a time, so that only one batch's syntax trees are held. Each
    /// batch's compilation holds its own files whole and every other file as its declarations (bodies
    /// emptied, in the same place of the compilation's order), so symbols resolve across the change
    /// exactly as in one compilation: no rule reads another file's method bodies through the model.
    /// </summary>
    private static List<RawFinding> AnalyzeInBatches(
        IReadOnlyList<CSharpSource> sources,
        CSharpChangeText change,
        Func<int, SyntaxTree?> parsedAhead,
        List<int[]> batches,
        CSharpRule[] rules,
        ReviewOptions options,
        ICollection<string> problems,
        CancellationToken cancellationToken)
    {
        // The first batch's files are parsed whole, and keep their trees; every other file's declarations are taken from
        // its skeleton, so that it is parsed whole once, in its own batch (or from its whole tree, when it was parsed ahead).
        var declarations = new SyntaxTree[sources.Count];
        var whole = new SyntaxTree?[sources.Count];
        var first = batches[0].ToHashSet();
        FileParallelism.ForEach(
            sources.Count,
            index => Size(sources, index),
            index =>
            {
                var kept = first.Contains(index);
                var tree = parsedAhead(index) ?? (kept ? Parse(sources[index], cancellationToken) : ParseDeclarations(sources[index], cancellationToken));
                declarations[index] = CSharpDeclarationOutline.Of(tree, cancellationToken);
                ConstantNames.Share(tree, declarations[index]);
                whole[index] = kept ? tree : null;
            },
            cancellationToken);

        var outlines = Compilations(declarations, sources);

        // Asked now, the outlines index their trees: each batch's compilation, made from one by replacing trees,
        // then updates that index and reuses the declarations read from the trees it keeps, instead of reading
        // every file's declarations again.
        _ = outlines.Values.First().ContainsSyntaxTree(declarations[0]);

        // Every whole tree but the first batch's has just died, some of it already in the oldest generation: collected
        // now, the first batch is bound on top of the declarations alone (on a 2,025-file change the peak was 480–515 MB
        // without this collection and 474–478 MB with it, for about a tenth of a second).
        CollectBetweenBatches();
        var findings = new List<RawFinding>();
        for (var position = 0; position < batches.Count; position++)
        {
            findings.AddRange(AnalyzeBatch(sources, change, batches[position], declarations, whole, outlines, rules, options, problems, cancellationToken));
            if (position == batches.Count - 1)
            {
                // The outlines die with the last batch: released first, the last collection takes them too, and the base
                // versions and the findings' comparison that come next reuse their memory (on a real 3,586-file change of
                // MSBuild the review's peak came after its batches, on top of them).
                outlines.Clear();
                Array.Clear(declarations);
            }

            // The batch's trees, compilations and bound bodies have just died, all of them in the oldest
            // generation by now: collected here, the next batch reuses their memory instead of adding to it.
            CollectBetweenBatches();
        }

        return findings;
    }

    /// <summary>One batch: its files parsed whole (the first batch's already are) in place of their declarations, and the rules run on them.</summary>
    private static IReadOnlyList<RawFinding> AnalyzeBatch(
        IReadOnlyList<CSharpSource> sources,
        CSharpChangeText change,
        int[] batch,
        SyntaxTree[] declarations,
        SyntaxTree?[] whole,
        Dictionary<NullableContextOptions, CSharpCompilation> outlines,
        CSharpRule[] rules,
        ReviewOptions options,
        ICollection<string> problems,
        CancellationToken cancellationToken)
    {
        var trees = new SyntaxTree[sources.Count];
        FileParallelism.ForEach(
            batch.Length,
            position => Size(sources, batch[position]),
            position =>
            {
                var index = batch[position];
                // A tree parsed here finds its own constants: its declarations may have been read from its skeleton,
                // which has no local ones.
                trees[index] = whole[index] ?? Parse(sources[index], cancellationToken);
            },
            cancellationToken);
        foreach (var index in batch)
        {
            whole[index] = null;
        }

        var compilations = batch
            .Select(index => sources[index].Project.NullableContext)
            .Distinct()
            .ToDictionary(nullable => nullable, nullable => batch.Aggregate(outlines[nullable], (compilation, index) => compilation.ReplaceSyntaxTree(declarations[index], trees[index])));
        return Run(sources, change, batch, trees, compilations, rules, options, problems, cancellationToken);
    }

    private static void CollectBetweenBatches() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

    private static IReadOnlyList<RawFinding> Run(
        IReadOnlyList<CSharpSource> sources,
        CSharpChangeText change,
        int[] files,
        SyntaxTree[] trees,
        Dictionary<NullableContextOptions, CSharpCompilation> compilations,
        CSharpRule[] rules,
        ReviewOptions options,
        ICollection<string> problems,
        CancellationToken cancellationToken)
    {
        return RuleRunner.Run<CSharpRuleContext>(
            files.Length,
            position => Size(sources, files[position]),
            rules,
            position => sources[files[position]].Path,
            position => sources[files[position]].OnlyRules,
            (position, sink) =>
            {
                var source = sources[files[position]];
                var compilation = compilations[source.Project.NullableContext];
                var tree = trees[files[position]];
                return new CSharpRuleContext(source.Path, tree, () => RuleModel(compilation, tree), source.ChangedLines, source.HasFullContent, options, source.EditorConfig, source.Project, source.Role, change, sink, cancellationToken);
            },
            problems,
            cancellationToken);
    }

    /// <summary>
    /// The rules' model: declared nullability is all they read, and flow analysis of every member body a rule
    /// binds in (what <c>GetTypeInfo</c> would otherwise run first) costs more than the binding itself.
    /// The option is marked experimental (dotnet/roslyn#70609); Roslyn's version is pinned centrally.
    /// </summary>
#pragma warning disable RSEXPERIMENTAL001
    private static SemanticModel RuleModel(CSharpCompilation compilation, SyntaxTree tree) =>
        compilation.GetSemanticModel(tree, SemanticModelOptions.IgnoreAccessibility | SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001

    private static SyntaxTree Parse(CSharpSource source, CancellationToken cancellationToken) => Parse(source.Path, source.Text, cancellationToken);

    /// <summary>A file's tree as every C# review reads it.</summary>
    internal static SyntaxTree Parse(string path, string text, CancellationToken cancellationToken) =>
        CSharpSyntaxTree.ParseText(text, ParseOptions, path, cancellationToken: cancellationToken);

    /// <summary>
    /// A tree with the file's declarations: its skeleton parsed (on a real 2,025-file change, less than half of the text and
    /// half the parsing time), or the whole file when the skeleton cannot be taken or does not read as C#. A file with a
    /// syntax error outside its bodies is parsed whole, so its declarations read exactly as they would have.
    /// </summary>
    private static SyntaxTree ParseDeclarations(CSharpSource source, CancellationToken cancellationToken)
    {
        if (CSharpDeclarationSkeleton.Of(source.Text) is { } skeleton)
        {
            var tree = CSharpSyntaxTree.ParseText(skeleton, ParseOptions, source.Path, cancellationToken: cancellationToken);
            var root = tree.GetRoot(cancellationToken);
            if (!root.ContainsDiagnostics || !tree.GetDiagnostics(cancellationToken).Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
            {
                return tree;
            }
        }

        return Parse(source, cancellationToken);
    }

    /// <summary>
    /// One compilation over the trees per nullable context the sources' projects use. The others are made from the
    /// first with only that option changed, so they share its bound references and its index of declarations.
    /// </summary>
    private static Dictionary<NullableContextOptions, CSharpCompilation> Compilations(SyntaxTree[] trees, IReadOnlyList<CSharpSource> sources)
    {
        var contexts = sources.Select(source => source.Project.NullableContext).Distinct().ToList();
        var first = CSharpCompilation.Create(
            "PrReviewBot.Review",
            trees,
            FrameworkReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: contexts[0], concurrentBuild: false));
        return contexts.ToDictionary(nullable => nullable, nullable => nullable == contexts[0] ? first : first.WithOptions(first.Options.WithNullableContextOptions(nullable)));
    }
}
