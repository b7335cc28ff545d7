using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Detection.RegularExpressions;
using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class RegexWithoutTimeoutRuleTests
{
    [Fact]
    public void Reading_the_changed_code_leaves_a_regex_the_change_did_not_touch_to_the_whole_file_reading()
    {
        const string Source = """
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            public class SearchController : Controller
            {
                public IActionResult Find(string q)
                {
                    var ok = Regex.IsMatch(q, "^[a-z]+$");
                    var length = q.Length;
                    return Ok(ok && length > 0);
                }
            }
            """;
        var added = ChangedCodeScope.Added(Source, 9);

        Assert.Empty(CSharpRuleVerifier.Run<RegexWithoutTimeoutRule>(Source, changedLines: added));
        Assert.Equal(8, Assert.Single(CSharpRuleVerifier.Run<RegexWithoutTimeoutRule>(Source, ReviewOptions.Default with { Scope = AnalysisScope.WholeFiles }, changedLines: added)).StartLine);
        Assert.Empty(ChangedCodeScope.Kept<RegexWithoutTimeoutRule>(Source, added));
    }

    [Fact]
    public void Flags_user_input_used_as_the_pattern()
    {
        CSharpRuleVerifier.Verify<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;
            using System.Web;

            public class RegexHandler
            {
                public void ProcessRequest(HttpContext ctx)
                {
                    string regex = ctx.Request.QueryString["regex"];
                    string userInput = ctx.Request.QueryString["userInput"];
                    [|new Regex(regex)|].Match(userInput);
                }
            }
            """);
    }

    [Fact]
    public void Flags_user_input_matched_without_timeout()
    {
        CSharpRuleVerifier.Verify<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            public class SearchController : Controller
            {
                private static readonly Regex Words = [|new Regex(@"\w+")|];

                public IActionResult Find(string q)
                {
                    var ok = [|Regex.IsMatch(q, "^[a-z]+$")|];
                    var count = Words.Matches(q).Count;
                    return Ok(ok);
                }
            }
            """);
    }

    [Fact]
    public void Flags_patterns_built_from_parameters()
    {
        CSharpRuleVerifier.Verify<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;

            public class Filter
            {
                public bool Matches(string text, string prefix)
                {
                    var pattern = "^" + prefix + ".*$";
                    return [|Regex.IsMatch(
                        text,
                        pattern)|];
                }

                public Regex Build(string word) => [|new Regex($"\\b{word}\\b", RegexOptions.IgnoreCase)|];
            }
            """);
    }

    [Fact]
    public void Flags_exponential_patterns_on_non_constant_input()
    {
        CSharpRuleVerifier.Verify<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;

            namespace RegularExpressionsDos
            {
                public class RegularExpressionsDos
                {
                    public void ValidateRegex(string search)
                    {
                        Regex rgx = [|new Regex("^A(B|C+)+D")|];
                        rgx.Match(search);
                    }

                    public void Validate4(string search)
                    {
                        var pattern = @"^A(B|C+)+D";
                        var result = [|Regex.Match(search, pattern, new RegexOptions { })|];
                    }
                }
            }
            """);
    }

    [Fact]
    public void Flags_exponential_constant_fields_on_request_values()
    {
        CSharpRuleVerifier.Verify<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;
            using System.Web;

            public class RegexHandler
            {
                private static readonly string JAVA_CLASS_REGEX = "^(([a-z])+.)+[A-Z]([a-z])+$";

                public void ProcessRequest(HttpContext ctx)
                {
                    string userInput = ctx.Request.QueryString["userInput"];
                    [|new Regex("^([a-z]+)+$")|].Match(userInput);
                    [|Regex.Match(userInput, JAVA_CLASS_REGEX)|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_timeouts_and_the_non_backtracking_engine()
    {
        CSharpRuleVerifier.VerifyNone<RegexWithoutTimeoutRule>("""
            using System;
            using System.Text.RegularExpressions;
            using System.Web;

            public class RegexHandler
            {
                private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

                public void ProcessRequest(HttpContext ctx)
                {
                    string userInput = ctx.Request.QueryString["userInput"];
                    new Regex("^([a-z]+)+$", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)).Match(userInput);
                    Regex.Match(userInput, "^(([a-z])+.)+$", RegexOptions.IgnoreCase, MatchTimeout);
                    Regex.IsMatch(userInput, "^(a+)+$", RegexOptions.NonBacktracking);
                    new Regex(Regex.Escape(userInput), RegexOptions.None, MatchTimeout).IsMatch("abc");
                    Regex.IsMatch("x", userInput, RegexOptions.None, matchTimeout: TimeSpan.FromMilliseconds(100));
                }
            }
            """);
    }

    [Fact]
    public void Ignores_constant_patterns_on_ordinary_strings()
    {
        CSharpRuleVerifier.VerifyNone<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;

            public class Slugs
            {
                private static readonly Regex Dashes = new Regex("-{2,}");

                public string Slug(string title)
                {
                    var lower = Regex.Replace(title.ToLowerInvariant(), @"[^a-z0-9]+", "-");
                    var ok = Regex.IsMatch(title, @"^\d{3}-\d{4}$");
                    return Dashes.Replace(lower, "-");
                }
            }
            """);
    }

    [Fact]
    public void Ignores_escaped_patterns_and_exponential_patterns_on_constants()
    {
        CSharpRuleVerifier.VerifyNone<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;

            public class Finder
            {
                public bool Contains(string text, string word)
                {
                    var literal = new Regex("^" + Regex.Escape(word) + "$");
                    var fixedInput = Regex.IsMatch("aaaa", "^(a+)+$");
                    return literal.IsMatch(text);
                }

                public Regex Passthrough(string pattern) => new Regex(pattern);
            }
            """);
    }

    [Fact]
    public void Ignores_files_that_set_a_process_wide_default_timeout()
    {
        CSharpRuleVerifier.VerifyNone<RegexWithoutTimeoutRule>("""
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            public class SearchController : Controller
            {
                static SearchController() => AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));

                public IActionResult Find(string q) => Ok(Regex.IsMatch(q, "^[a-z]+$"));
            }
            """);
    }

    [Theory]
    [InlineData("^([a-z]+)+$", true)]
    [InlineData("^(([a-z])+.)+[A-Z]([a-z])+$", true)]
    [InlineData(@"(\w+\s?)*$", true)]
    [InlineData("^A(B|C+)+D", true)]
    [InlineData(@"^(\d+){2,}$", true)]
    [InlineData(@"^(a*)*$", true)]
    [InlineData(@"^(a|a)*b", true)]
    [InlineData(@"(.*,)*X", true)]
    [InlineData(@"^(\d+|\d+\.\d+)*$", true)]
    [InlineData(@"^(a+)+", false)]
    [InlineData(@"^(a?)*$", false)]
    [InlineData(@"^(a|ab)*c", false)]
    [InlineData(@"^(\d+\.)+$", false)]
    [InlineData(@"^[\w.+-]+@[\w-]+\.[\w.-]+$", false)]
    [InlineData(@"^(?:[a-z0-9]+(?:-[a-z0-9]+)*)$", false)]
    [InlineData(@"\s*\s*,", false)]
    [InlineData(@"(?>a+)+$", false)]
    [InlineData(@"^(unclosed", false)]
    [InlineData(@"^(.*\n)*X", false)]
    [InlineData(@"(?s)^(.*\n)*X", true)]
    [InlineData(@"(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$", false)]
    [InlineData(@"(?m)(^#(| .*)\s)+^# ///$", true)]
    [InlineData(@"^\d{3}-\d{4}$", false)]
    [InlineData(@"^[a-z0-9]+$", false)]
    [InlineData(@"^(\d{1,3}\.){3}\d{1,3}$", false)]
    [InlineData(@"\(a+\)+", false)]
    [InlineData(@"[(a+)]+", false)]
    public void Detects_exponential_backtracking(string pattern, bool expected)
    {
        Assert.Equal(expected, CatastrophicPatterns.IsExponential(pattern));
    }

    [Fact]
    public void Reads_full_match_mode_and_flags()
    {
        Assert.False(CatastrophicPatterns.IsExponential("(.*,)*"));
        Assert.True(CatastrophicPatterns.IsExponential("(.*,)*", RegexMatchMode.Full));
        Assert.True(CatastrophicPatterns.IsExponential("^(.*\n)*X", dotMatchesNewline: true));
        Assert.False(CatastrophicPatterns.IsExponential("^ (a | b)+ $", ignoreWhitespace: true));
    }

    [Fact]
    public void Gives_up_quietly_on_patterns_too_large_to_weigh()
    {
        var words = string.Join("|", Enumerable.Range(0, 400).Select(index => "w" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(CatastrophicPatterns.IsExponential($"^(?:{words})+$"));
    }

    [Fact]
    public void Flags_replace_on_request_values_and_bound_patterns()
    {
        CSharpRuleVerifier.Verify<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            public class TextController : Controller
            {
                public IActionResult Clean() => Ok([|Regex.Replace(Request.Form["text"], "a+", "b")|]);

                public IActionResult Test([FromQuery] string pattern, string sample) => Ok([|new Regex(pattern)|].IsMatch(sample));
            }
            """);
    }

    [Fact]
    public void Flags_ambiguous_repetition_followed_by_a_check_that_can_fail()
    {
        CSharpRuleVerifier.Verify<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;

            public class Csv
            {
                public bool IsList(string line) => [|Regex.IsMatch(line, @"^(\s*,\s*)+$")|];
            }
            """);
    }

    [Fact]
    public void Ignores_ambiguous_repetition_the_match_can_always_stop_after()
    {
        // The engine stops at the first place the pattern may end, so it never walks through the ways to split the text.
        CSharpRuleVerifier.VerifyNone<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;

            public class Csv
            {
                public string[] Fields(string line) => Regex.Split(line, @"(\s*,\s*)+");
            }
            """);
    }

    [Fact]
    public void Flags_generated_and_unused_regexes_with_exponential_patterns()
    {
        CSharpRuleVerifier.Verify<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;

            public static partial class Patterns
            {
                [|[GeneratedRegex(@"^([a-zA-Z0-9]+\s?)*$")]|]
                public static partial Regex Words();

                [|[GeneratedRegex("^(a|a?)+b", RegexOptions.IgnoreCase)]|]
                public static partial Regex Letters();

                public static readonly Regex Email = [|new Regex(@"^([a-z0-9]+[._-]?)*[a-z0-9]+@example\.com$")|];
            }
            """);
    }

    [Fact]
    public void Ignores_generated_regexes_that_are_linear_or_bounded()
    {
        CSharpRuleVerifier.VerifyNone<RegexWithoutTimeoutRule>("""
            using System.ComponentModel.DataAnnotations;
            using System.Text.RegularExpressions;

            public static partial class Patterns
            {
                [GeneratedRegex(@"^(\d+\.)+\d+$")]
                public static partial Regex Version();

                [GeneratedRegex(@"^(a+)+$", RegexOptions.NonBacktracking)]
                public static partial Regex Safe();

                [GeneratedRegex(@"^(a+)+$", RegexOptions.None, 500)]
                public static partial Regex Timed();

                [GeneratedRegex(@"^(a+)+$", matchTimeoutMilliseconds: 500)]
                public static partial Regex TimedByName();

                public static readonly Regex Key = new Regex(@"^[a-z]+(-[a-z]+)*$");
            }

            public sealed class Model
            {
                // Validation attributes run with a two-second default timeout.
                [RegularExpression(@"^(\w+\s?)*$")]
                public string Name { get; set; } = "";
            }
            """);
    }

    [Fact]
    public void Flags_static_regex_fields_applied_to_route_values()
    {
        CSharpRuleVerifier.Verify<RegexWithoutTimeoutRule>("""
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            public class SlugController : Controller
            {
                private static readonly Regex Slug = [|new Regex("^[a-z0-9-]+$", RegexOptions.Compiled)|];

                [HttpGet("{slug}")]
                public IActionResult Get(string slug) => Slug.IsMatch(slug) ? Ok() : NotFound();
            }
            """);
    }

    [Fact]
    public void Ignores_generated_regexes_and_explicit_timeouts()
    {
        CSharpRuleVerifier.VerifyNone<RegexWithoutTimeoutRule>("""
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            public partial class SlugController : Controller
            {
                [GeneratedRegex("^[a-z0-9-]+$")]
                private static partial Regex Slug();

                public IActionResult Get(string slug, string pattern)
                {
                    var a = Slug().IsMatch(slug);
                    var b = Regex.IsMatch(slug, "^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(200));
                    var c = Regex.Escape(slug);
                    return Ok(a && b);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_constant_patterns_on_server_side_text()
    {
        CSharpRuleVerifier.VerifyNone<RegexWithoutTimeoutRule>("""
            using System.IO;
            using System.Text.RegularExpressions;

            public class LogParser
            {
                private static readonly Regex Line = new Regex(@"^(\d{4})-(\d{2})-(\d{2}) (.*)$");

                public int Count(string path)
                {
                    var text = File.ReadAllText(path);
                    var matches = Line.Matches(text);
                    return Regex.Replace(text, @"\s+", " ").Length + matches.Count;
                }
            }
            """);
    }

    [Fact]
    public void Flags_explicit_timeouts_too_long_to_bound_anything()
    {
        CSharpRuleVerifier.Verify<RegexWithoutTimeoutRule>("""
            using System;
            using System.Text.RegularExpressions;

            public sealed class Patterns
            {
                private readonly Regex forever = [|new Regex(@"\w+", RegexOptions.None, Regex.InfiniteMatchTimeout)|];
                private readonly Regex hourly = [|new Regex(@"\w+", RegexOptions.None, TimeSpan.FromHours(1))|];
                private readonly Regex brief = new Regex(@"\w+", RegexOptions.None, TimeSpan.FromSeconds(2));

                public bool Check(string text) =>
                    [|Regex.IsMatch(text, @"^\d+$", RegexOptions.None, TimeSpan.FromMinutes(1))|]
                    && Regex.IsMatch(text, @"^\d+$", RegexOptions.None, TimeSpan.FromMilliseconds(500));
            }
            """);
    }
}
