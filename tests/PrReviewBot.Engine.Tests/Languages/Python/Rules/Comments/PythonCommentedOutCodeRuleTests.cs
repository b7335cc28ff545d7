using PrReviewBot.Engine.Languages.Python.Rules.Comments;
using static PrReviewBot.Engine.Tests.Languages.Python.PythonRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Comments;

public sealed class PythonCommentedOutCodeRuleTests
{
    [Fact]
    public void Flags_commented_out_return_and_offers_deletion()
    {
        var findings = Verify<PythonCommentedOutCodeRule>("""
            def f(x):
                [|# return x + 1|]
                return x + 2
            """);

        Assert.Equal("Commented-out code `return x + 1`; delete it.", findings.Single().Message);
        Assert.Equal(string.Empty, findings.Single().Replacement);
    }

    [Fact]
    public void Flags_a_run_once()
    {
        var findings = Verify<PythonCommentedOutCodeRule>("""
            import json
            [|# import os
            # x = compute()
            # foo(bar)|]
            print(json)
            """);

        Assert.Equal(4, findings.Single().EndLine);
        Assert.Equal("3 lines of commented-out code; delete them.", findings.Single().Message);
    }

    [Fact]
    public void Flags_block_headers_and_assignments()
    {
        Verify<PythonCommentedOutCodeRule>("""
            def f(items):
                [|# for item in items:
                #     total += item|]
                return 0

            [|# from sqlalchemy.orm import Session|]
            value = 1
            [|# value = compute(value)
            # if value > 0:
            #     raise ValueError(value)|]
            """);
    }

    [Fact]
    public void Flags_code_after_a_prose_line_in_the_same_run()
    {
        Verify<PythonCommentedOutCodeRule>("""
            # Old approach, kept for reference
            [|# result = session.query(Project).all()|]
            result = []
            """);
    }

    [Fact]
    public void Does_not_flag_prose()
    {
        VerifyNone<PythonCommentedOutCodeRule>("""
            # Note: call close() when done.
            # return the value to the caller
            # if the user is an admin:
            # Create a record in the projects table
            # TODO: remove this
            # return early
            # raise if missing
            # for example:
            # if needed:
            x = 1
            """);
    }

    [Fact]
    public void Does_not_flag_notes_written_like_assignments_but_flags_code_whose_strings_hold_words()
    {
        // werkzeug: the characters left unquoted, with where they come from.
        Verify<PythonCommentedOutCodeRule>("""
            def quote_path(path, quote):
                # safe = https://url.spec.whatwg.org/#url-path-segment-string
                path = quote(path, safe="%!$&'()*+,/:=@")
                # safe = RFC 5987 attr-char
                path = quote(path, safe="!#$&+-.^_`|~")
            [|    # label = "a long label" if path else default_label|]
                return path
            """);
    }

    [Fact]
    public void Does_not_flag_directives()
    {
        VerifyNone<PythonCommentedOutCodeRule>("""
            #!/usr/bin/env python
            # -*- coding: utf-8 -*-
            x = []  # type: list[int]
            # type: ignore
            # noqa: E501
            # pylint: disable=invalid-name
            # pragma: no cover
            """);
    }

    [Fact]
    public void Does_not_flag_doctest_examples()
    {
        VerifyNone<PythonCommentedOutCodeRule>("""
            # Example:
            # >>> add(1, 2)
            # 3
            # >>> x = add(2, 2)
            def add(a, b):
                return a + b
            """);
    }

    [Fact]
    public void Does_not_flag_trailing_comments_or_headings()
    {
        VerifyNone<PythonCommentedOutCodeRule>("""
            # Helpers
            x = compute()  # foo(bar)
            # ---------------------------------
            # Section: parsing
            y = x
            """);
    }

    [Fact]
    public void Leaves_code_that_prose_quotes_as_an_example_alone()
    {
        VerifyNone<PythonCommentedOutCodeRule>("""
            def template_filter(self, name=None):
                if callable(name):
                    # If name is callable, it is the function to register.
                    # This is a shortcut for the common case of
                    # @app.template_filter
                    # def func():

                    func = name
                    return func
            """);
    }

    [Fact]
    public void Leaves_a_call_that_wraps_the_asserted_expression_alone()
    {
        VerifyNone<PythonCommentedOutCodeRule>("""
            def test_errors():
                with pytest.raises(ValidationError) as exc_info:
                    Model(pos=('1', 2))
                # insert_assert(exc_info.value.errors(include_url=False))
                assert exc_info.value.errors(include_url=False) == [
                    {'type': 'int_parsing'},
                ]
            """, path: "tests/test_model.py");
    }

    [Fact]
    public void Flags_commented_code_above_an_assert_it_does_not_wrap()
    {
        Verify<PythonCommentedOutCodeRule>("""
            def test_total():
                result = compute()
                [|# print(result)|]
                assert result == 3
                [|# debug(result.items())|]
                assert result.total() == 3
            """, path: "tests/test_total.py");
    }

    [Fact]
    public void Leaves_a_call_the_file_already_comments_out_on_unchanged_lines_alone()
    {
        var source = """
            def test_one():
                # insert_assert(one())
                assert one() == 1


            def test_two():
                # insert_assert(two())
                check(two(), 2)
                # print(two())
                assert True
            """;
        var lines = Unmark(source).Source.Split('\n').Length;
        var findings = Run<PythonCommentedOutCodeRule>(source, path: "tests/test_numbers.py", changedLines: Added(lines, 6, 7, 8, 9, 10));
        Assert.Equal([9], findings.Select(finding => finding.StartLine));
    }

    [Fact]
    public void Leaves_code_alone_that_prose_above_says_is_switched_off_and_why()
    {
        VerifyNone<PythonCommentedOutCodeRule>("""
            class NumericTest(TestBase):
                # TODO: re-add when supports_native_decimal is fixed
                # __sparse_driver_backend__ = True

                # Disabled until the upstream driver handles timeouts.
                # timeout = compute_timeout(settings)
                cases = combinations()
            """);
    }

    [Fact]
    public void Still_flags_code_under_prose_that_does_not_say_why_it_is_off()
    {
        Verify<PythonCommentedOutCodeRule>("""
            class NumericTest(TestBase):
                # the old way
                [|# __sparse_driver_backend__ = True|]
                cases = combinations()
            """);
    }
}
