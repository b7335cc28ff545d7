using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python;
using PrReviewBot.Engine.Review;
using PrReviewBot.Engine.Tests.Review;

namespace PrReviewBot.Engine.Tests.Languages.Python;

public sealed class PythonChangedCodeTests
{
    private const string Module = """"
        import os


        # The service's client.
        class Client:
            """Talks to the service."""

            timeout = 5

            @property
            def name(self):
                return "client"

            class Options:
                retries = 3
                verbose = False

            def fetch(self, url):
                def inner():
                    return url
                return inner()


        def main():
            Client().fetch("x")
        # trailing note
        """";

    [Fact]
    public void Cuts_a_module_into_its_statements_and_the_members_of_its_classes()
    {
        var lineCount = Module.Split('\n').Length;
        var everyPiece = Spans(Module, Enumerable.Range(1, lineCount).ToArray());

        // import; class line with its comment; docstring; attribute; decorated method; nested class line; its two
        // attributes; a method with its nested def; a module function with the lines after it.
        Assert.Equal(
            [(1, 1), (2, 5), (6, 6), (7, 8), (9, 12), (13, 14), (15, 15), (16, 16), (17, 21), (22, lineCount)],
            everyPiece);
    }

    [Fact]
    public void Reads_only_the_members_a_change_touched()
    {
        Assert.Equal([(17, 21)], Spans(Module, 20));
        Assert.Equal([(9, 12)], Spans(Module, 10));
        Assert.Equal([(2, 5), (16, 16)], Spans(Module, 4, 16));
        Assert.Equal([(22, Module.Split('\n').Length)], Spans(Module, 26));
    }

    [Fact]
    public void Reads_the_whole_file_when_every_line_counts_or_the_review_asks_for_it()
    {
        var partial = PythonRuleVerifier.Added(Module.Split('\n').Length, 20);
        Assert.True(Context(Module, ChangedLines.All, AnalysisScope.ChangedCode).AnalyzesWholeFile);
        Assert.True(Context(Module, partial, AnalysisScope.WholeFiles).AnalyzesWholeFile);

        var changed = Context(Module, partial, AnalysisScope.ChangedCode);
        Assert.False(changed.AnalyzesWholeFile);
        Assert.True(changed.TouchesChange(15, 18));
        Assert.False(changed.TouchesChange(1, 16));
        Assert.Equal(["inner"], changed.ChangedCalls.Select(call => call.Callee));
        Assert.Equal(["fetch", "inner"], changed.ChangedDefinitions.Select(definition => definition.Name));
    }

    [Fact]
    public void A_finding_copied_next_to_old_code_is_the_changes_whichever_code_the_rules_read()
    {
        // The base version already hashed a password with MD5 in `old`; the change adds `new` doing the same. The
        // finding in `old` must still claim the base's, or it would excuse the new one.
        const string before = """
            import hashlib


            def old(password):
                return hashlib.md5(password.encode()).hexdigest()
            """;
        const string after = """
            import hashlib


            def old(password):
                return hashlib.md5(password.encode()).hexdigest()


            def new(password):
                return hashlib.md5(password.encode()).hexdigest()
            """;
        foreach (var scope in new[] { AnalysisScope.WholeFiles, AnalysisScope.ChangedCode })
        {
            var result = new ReviewEngine().Review(new([BaseChanges.Modified("app/accounts.py", before, after)]), ReviewOptions.Default with { Scope = scope });
            var finding = Assert.Single(result.Findings, finding => finding.Rule.Id == "py/weak-password-hash");
            Assert.Equal(9, finding.StartLine);
        }
    }

    [Fact]
    public void A_request_is_read_when_only_the_url_a_few_lines_above_it_changed()
    {
        // Module level: the URL's assignment and the request are separate statements, and the finding spans both.
        const string source = """
            import requests

            URL = "http://api.example.com/items"
            HEADERS = {"Accept": "json"}
            response = requests.get(URL, headers=HEADERS)
            """;
        foreach (var scope in new[] { AnalysisScope.WholeFiles, AnalysisScope.ChangedCode })
        {
            var findings = PythonRuleVerifier.Run<Engine.Languages.Python.Rules.Security.CleartextProtocolRule>(
                source, ReviewOptions.Default with { Scope = scope }, changedLines: PythonRuleVerifier.Added(5, 3));
            Assert.Equal((3, 5), (Assert.Single(findings).StartLine, findings[0].EndLine));
        }
    }

    private static (int First, int Last)[] Spans(string source, params int[] added) =>
        [.. Context(source, PythonRuleVerifier.Added(source.Split('\n').Length, added), AnalysisScope.ChangedCode).ChangedSpans.Select(span => (span.First, span.Last))];

    private static PythonRuleContext Context(string source, ChangedLines changed, AnalysisScope scope) =>
        new(new PythonSourceFile("pkg/module.py", source, changed, true), PythonModule.Parse(source), PythonProjectHabits.Unknown, ReviewOptions.Default with { Scope = scope }, new List<RawFinding>(), default);
}
