using PrReviewBot.Engine.Languages.Python;

namespace PrReviewBot.Engine.Tests.Languages.Python;

public sealed class PythonTokenizerTests
{
    private static List<PythonToken> Tokens(string source) => PythonTokenizer.Tokenize(source).Tokens.ToList();

    private static List<PythonTokenKind> Kinds(string source) => Tokens(source).Select(token => token.Kind).ToList();

    private static List<string> Texts(string source, PythonTokenKind kind) =>
        Tokens(source).Where(token => token.Kind == kind).Select(token => token.Text).ToList();

    [Fact]
    public void Simple_statement_ends_with_newline_and_endmarker()
    {
        Assert.Equal(
            [PythonTokenKind.Name, PythonTokenKind.Op, PythonTokenKind.Number, PythonTokenKind.Newline, PythonTokenKind.EndMarker],
            Kinds("x = 1\n"));
    }

    [Fact]
    public void Missing_final_newline_still_gets_an_empty_newline_token()
    {
        var tokens = Tokens("x = 1");
        Assert.Equal(PythonTokenKind.Newline, tokens[^2].Kind);
        Assert.Equal(string.Empty, tokens[^2].Text);
    }

    [Fact]
    public void Positions_are_one_based_lines_and_zero_based_columns()
    {
        var token = Tokens("a\n  bb = 1\n").Single(t => t.Text == "bb");
        Assert.Equal(new PythonPosition(2, 2), token.Start);
        Assert.Equal(new PythonPosition(2, 4), token.End);
    }

    [Fact]
    public void Blank_and_comment_lines_give_nl_not_newline()
    {
        var kinds = Kinds("\n# hello\nx\n");
        Assert.Equal(
            [PythonTokenKind.NonLogicalNewline, PythonTokenKind.Comment, PythonTokenKind.NonLogicalNewline,
             PythonTokenKind.Name, PythonTokenKind.Newline, PythonTokenKind.EndMarker],
            kinds);
    }

    [Fact]
    public void Indent_and_dedent_follow_the_block_structure()
    {
        var kinds = Kinds("if x:\n    y\n    if z:\n        w\nv\n");
        Assert.Equal(2, kinds.Count(kind => kind == PythonTokenKind.Indent));
        Assert.Equal(2, kinds.Count(kind => kind == PythonTokenKind.Dedent));
    }

    [Fact]
    public void Dedents_are_closed_at_end_of_input()
    {
        var kinds = Kinds("def f():\n    if x:\n        return 1");
        Assert.Equal(2, kinds.Count(kind => kind == PythonTokenKind.Dedent));
        Assert.Equal(PythonTokenKind.EndMarker, kinds[^1]);
    }

    [Fact]
    public void Comment_lines_inside_a_block_do_not_change_indentation()
    {
        var kinds = Kinds("if x:\n    y\n# outdented comment\n    z\n");
        Assert.Equal(1, kinds.Count(kind => kind == PythonTokenKind.Dedent));
    }

    [Fact]
    public void Tabs_count_to_the_next_multiple_of_eight()
    {
        var result = PythonTokenizer.Tokenize("if x:\n\ty\n  \tz\n");
        Assert.Equal(8, result.Indentation[1].Width);
        Assert.Equal(PythonIndentStyle.Tabs, result.Indentation[1].Style);
        Assert.Equal(8, result.Indentation[2].Width);
        Assert.Equal(PythonIndentStyle.Mixed, result.Indentation[2].Style);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Space_indentation_is_recorded_with_width()
    {
        var result = PythonTokenizer.Tokenize("x\nif y:\n   z\n");
        Assert.Equal(
            [new PythonLineIndentation(1, 0, PythonIndentStyle.None), new PythonLineIndentation(2, 0, PythonIndentStyle.None),
             new PythonLineIndentation(3, 3, PythonIndentStyle.Spaces)],
            result.Indentation);
    }

    [Fact]
    public void Form_feed_in_indentation_resets_the_column()
    {
        var result = PythonTokenizer.Tokenize("if x:\n    y\n  \f    z\n");
        Assert.Equal(4, result.Indentation[2].Width);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Brackets_join_lines_without_indent_tokens()
    {
        var tokens = Tokens("x = (1,\n        2,\n   3)\ny\n");
        Assert.DoesNotContain(tokens, token => token.Kind is PythonTokenKind.Indent or PythonTokenKind.Dedent);
        Assert.Equal(2, tokens.Count(token => token.Kind == PythonTokenKind.NonLogicalNewline));
        Assert.Equal(2, tokens.Count(token => token.Kind == PythonTokenKind.Newline));
        Assert.Equal(1, tokens.Single(token => token.Text == "2").BracketDepth);
    }

    [Fact]
    public void Backslash_continuation_joins_lines()
    {
        var tokens = Tokens("x = 1 + \\\n        2\n");
        Assert.Single(tokens, token => token.Kind == PythonTokenKind.Newline);
        Assert.DoesNotContain(tokens, token => token.Kind == PythonTokenKind.Indent);
        Assert.Equal(2, tokens.Single(token => token.Text == "2").Start.Line);
    }

    [Fact]
    public void Comments_are_tokens_with_their_text()
    {
        Assert.Equal(
            ["# type: (int) -> str", "# noqa: F401"],
            Texts("def f(x):  # type: (int) -> str\n    import os  # noqa: F401\n", PythonTokenKind.Comment));
    }

    [Fact]
    public void Unicode_identifiers_are_names()
    {
        Assert.Equal(["größe", "名前", "𝔘"], Texts("größe = 名前 + 𝔘\n", PythonTokenKind.Name));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("123")]
    [InlineData("1_000_000")]
    [InlineData("0x_FF")]
    [InlineData("0o17")]
    [InlineData("0b1010")]
    [InlineData("3.14")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1e10")]
    [InlineData("1.5E-3")]
    [InlineData("10j")]
    [InlineData("1.5e+2J")]
    [InlineData("0777")]
    [InlineData("10L")]
    public void Numbers_are_single_tokens(string number)
    {
        Assert.Equal([number], Texts(number + "\n", PythonTokenKind.Number));
    }

    [Fact]
    public void Number_followed_by_keyword_splits()
    {
        Assert.Equal(["1", "2"], Texts("x = 1if y else 2\n", PythonTokenKind.Number));
    }

    [Theory]
    [InlineData(":=")]
    [InlineData("->")]
    [InlineData("**=")]
    [InlineData("//=")]
    [InlineData(">>=")]
    [InlineData("<<=")]
    [InlineData("@")]
    [InlineData("@=")]
    [InlineData("...")]
    [InlineData("!=")]
    [InlineData("<>")]
    [InlineData("**")]
    [InlineData("//")]
    public void Operators_are_longest_match(string op)
    {
        Assert.Contains(op, Texts("a " + op + " b\n", PythonTokenKind.Op));
    }

    [Theory]
    [InlineData("'a'")]
    [InlineData("\"a\"")]
    [InlineData("r'\\d'")]
    [InlineData("u'x'")]
    [InlineData("b'x'")]
    [InlineData("Br'x'")]
    [InlineData("rB'x'")]
    [InlineData("F'x'")]
    [InlineData("fR'x'")]
    [InlineData("Rf'x'")]
    [InlineData("ur'x'")]
    [InlineData("'''a\nb'''")]
    [InlineData("\"\"\"a \"quoted\" b\"\"\"")]
    [InlineData("'it\\'s'")]
    [InlineData("r'\\''")]
    public void Strings_with_any_prefix_are_one_token(string literal)
    {
        Assert.Equal([literal], Texts(literal + "\n", PythonTokenKind.StringLiteral));
    }

    [Fact]
    public void Unknown_prefix_is_a_name_then_a_string()
    {
        var tokens = Tokens("xf'a'\n");
        Assert.Equal(PythonTokenKind.Name, tokens[0].Kind);
        Assert.Equal(PythonTokenKind.StringLiteral, tokens[1].Kind);
    }

    [Fact]
    public void Triple_quoted_string_spans_lines()
    {
        var token = Tokens("x = '''a\nb\nc'''\ny\n").Single(t => t.Kind == PythonTokenKind.StringLiteral);
        Assert.Equal(1, token.Start.Line);
        Assert.Equal(3, token.End.Line);
    }

    [Fact]
    public void Fstring_with_nested_quotes_is_one_token()
    {
        var source = "f\"{d[\"key\"]} and {', '.join(\"x\")}\"\n";
        var token = Assert.Single(Tokens(source), t => t.Kind == PythonTokenKind.StringLiteral);
        Assert.Equal(source.TrimEnd('\n'), token.Text);
        Assert.Equal(["d[\"key\"]", "', '.join(\"x\")"], token.FStringFields.Select(field => field.Expression));
    }

    [Fact]
    public void Nested_fstrings_are_one_token_and_expose_the_outer_field()
    {
        var source = "f\"{f\"{f'{x}'}\"}\"\n";
        var token = Assert.Single(Tokens(source), t => t.Kind == PythonTokenKind.StringLiteral);
        Assert.Equal(source.TrimEnd('\n'), token.Text);
        Assert.Equal("f\"{f'{x}'}\"", Assert.Single(token.FStringFields).Expression);
    }

    [Fact]
    public void Format_spec_with_nested_field_exposes_both_fields()
    {
        var token = Tokens("f'{value:{width}.{precision}f}'\n")[0];
        Assert.Equal(["value", "width", "precision"], token.FStringFields.Select(field => field.Expression));
    }

    [Fact]
    public void Conversion_and_self_documenting_fields_are_recognised()
    {
        var fields = Tokens("f'{a!r} {b=} {c = !s:>10}'\n")[0].FStringFields;
        Assert.Equal(["a", "b", "c"], fields.Select(field => field.Expression));
        Assert.Equal('r', fields[0].Conversion);
        Assert.True(fields[1].IsSelfDocumenting);
        Assert.True(fields[2].IsSelfDocumenting);
        Assert.Equal('s', fields[2].Conversion);
    }

    [Fact]
    public void Doubled_braces_are_escapes_not_fields()
    {
        var token = Tokens("f'{{literal}} {x} }}'\n")[0];
        Assert.Equal(PythonTokenKind.StringLiteral, token.Kind);
        Assert.Equal(["x"], token.FStringFields.Select(field => field.Expression));
    }

    [Fact]
    public void Fstring_field_offsets_point_into_the_source()
    {
        var source = "y = 1\nmsg = f'hello {  name.upper()} {n != 1}'\n";
        var token = Tokens(source).Single(t => t.IsFString);
        var field = token.FStringFields[0];
        Assert.Equal("name.upper()", field.Expression);
        Assert.Equal("name", source.Substring(field.Offset, 4));
        Assert.Equal(new PythonPosition(2, 17), field.Start);
        Assert.Equal("n != 1", token.FStringFields[1].Expression);
    }

    [Fact]
    public void Fstring_with_dict_and_slice_in_field_is_one_token()
    {
        var token = Tokens("f'{ {\"a\": 1}[\"a\"] } {xs[1:2]} {(lambda y: y)(3)}'\n")[0];
        Assert.Equal(PythonTokenKind.StringLiteral, token.Kind);
        Assert.Equal(3, token.FStringFields.Count);
        Assert.Equal("xs[1:2]", token.FStringFields[1].Expression);
    }

    [Fact]
    public void Triple_quoted_fstring_spans_lines_with_fields()
    {
        var token = Tokens("f'''\n{a}\n{b\n + c}\n'''\n")[0];
        Assert.Equal(PythonTokenKind.StringLiteral, token.Kind);
        Assert.Equal(5, token.End.Line);
        Assert.Equal(new PythonPosition(2, 1), token.FStringFields[0].Start);
    }

    [Fact]
    public void Raw_fstring_keeps_backslashes()
    {
        var token = Tokens("rf'\\d{x}\\w'\n")[0];
        Assert.True(token.IsFString);
        Assert.Equal(["x"], token.FStringFields.Select(field => field.Expression));
    }

    [Fact]
    public void Unterminated_single_quoted_string_is_an_error_token_and_scanning_continues()
    {
        var result = PythonTokenizer.Tokenize("x = 'abc\ny = 2\n");
        Assert.Contains(result.Tokens, token => token.Kind == PythonTokenKind.ErrorToken && token.Text == "'abc");
        Assert.Contains(result.Tokens, token => token.IsName("y"));
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void Unterminated_triple_quoted_string_runs_to_the_end()
    {
        var result = PythonTokenizer.Tokenize("x = '''abc\ny = 2\n");
        Assert.Equal(PythonTokenKind.ErrorToken, result.Tokens.Single(token => token.Text.StartsWith("'''", StringComparison.Ordinal)).Kind);
        Assert.Equal(PythonTokenKind.EndMarker, result.Tokens[^1].Kind);
    }

    [Fact]
    public void Unterminated_fstring_is_an_error_token()
    {
        var result = PythonTokenizer.Tokenize("x = f'abc {y\nz = 1\n");
        Assert.Contains(result.Tokens, token => token.Kind == PythonTokenKind.ErrorToken);
        Assert.Contains(result.Tokens, token => token.IsName("z"));
    }

    [Fact]
    public void Unbalanced_closing_bracket_is_reported_and_scanning_continues()
    {
        var result = PythonTokenizer.Tokenize("x = 1)\ny = 2\n");
        Assert.Contains(result.Problems, problem => problem.Message.Contains("unmatched", StringComparison.Ordinal));
        Assert.Equal(2, result.Tokens.Count(token => token.Kind == PythonTokenKind.Newline));
    }

    [Fact]
    public void Unclosed_bracket_before_a_def_is_closed_so_the_def_is_seen()
    {
        var result = PythonTokenizer.Tokenize("x = foo(1,\n\ndef g():\n    pass\n");
        Assert.Contains(result.Problems, problem => problem.Message.Contains("never closed", StringComparison.Ordinal));
        Assert.Contains(result.Tokens, token => token.Kind == PythonTokenKind.Indent);
    }

    [Fact]
    public void Dedent_to_an_unknown_level_is_a_problem_not_a_crash()
    {
        var result = PythonTokenizer.Tokenize("if x:\n        a\n    b\nc\n");
        Assert.Contains(result.Problems, problem => problem.Line == 3);
        Assert.Equal(PythonTokenKind.EndMarker, result.Tokens[^1].Kind);
    }

    [Fact]
    public void Stray_characters_become_error_tokens()
    {
        var tokens = Tokens("a $ b ? c\n");
        Assert.Equal(["$", "?"], tokens.Where(token => token.Kind == PythonTokenKind.ErrorToken).Select(token => token.Text));
        Assert.Equal(["a", "b", "c"], tokens.Where(token => token.Kind == PythonTokenKind.Name).Select(token => token.Text));
    }

    [Fact]
    public void Ten_thousand_nested_brackets_tokenize()
    {
        var source = new string('(', 10_000) + "x" + new string(')', 10_000) + "\n";
        var result = PythonTokenizer.Tokenize(source);
        Assert.Equal(20_001, result.Tokens.Count(token => token.Kind is PythonTokenKind.Op or PythonTokenKind.Name));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Deeply_nested_fstrings_and_brackets_in_fields_tokenize()
    {
        var source = "f'{" + new string('[', 5_000) + "x" + new string(']', 5_000) + "}'\n";
        var token = PythonTokenizer.Tokenize(source).Tokens[0];
        Assert.Equal(PythonTokenKind.StringLiteral, token.Kind);
    }

    [Theory]
    [InlineData("print 'hello'\n")]
    [InlineData("try:\n    pass\nexcept ValueError, e:\n    pass\n")]
    [InlineData("x = `y`\n")]
    [InlineData("s = ur'abc'\n")]
    [InlineData("mode = 0777\n")]
    [InlineData("if a <> b: pass\n")]
    [InlineData("exec 'code' in ns\n")]
    [InlineData("print >>sys.stderr, 'x'\n")]
    public void Python2_code_tokenizes_without_errors(string source)
    {
        var result = PythonTokenizer.Tokenize(source);
        Assert.DoesNotContain(result.Tokens, token => token.Kind == PythonTokenKind.ErrorToken);
        Assert.Equal(PythonTokenKind.EndMarker, result.Tokens[^1].Kind);
    }

    [Fact]
    public void Crlf_and_lone_cr_end_lines()
    {
        var tokens = Tokens("a = 1\r\nb = 2\rc = 3\r\n");
        Assert.Equal(3, tokens.Count(token => token.Kind == PythonTokenKind.Newline));
        Assert.Equal(3, tokens.Single(token => token.IsName("c")).Start.Line);
        Assert.Equal("\r\n", tokens.First(token => token.Kind == PythonTokenKind.Newline).Text);
    }

    [Fact]
    public void Nul_bytes_become_error_tokens()
    {
        var tokens = Tokens("a\0b\n");
        Assert.Contains(tokens, token => token.Kind == PythonTokenKind.ErrorToken && token.Text == "\0");
        Assert.Contains(tokens, token => token.IsName("b"));
    }

    [Fact]
    public void Lone_surrogate_is_an_error_token()
    {
        var tokens = Tokens("a = \uD800\n");
        Assert.Contains(tokens, token => token.Kind == PythonTokenKind.ErrorToken);
    }

    [Fact]
    public void Empty_source_gives_only_endmarker()
    {
        Assert.Equal([PythonTokenKind.EndMarker], Kinds(string.Empty));
    }

    [Fact]
    public void Backslash_at_end_of_input_does_not_hang()
    {
        Assert.Equal(PythonTokenKind.EndMarker, Kinds("x = \\")[^1]);
    }

    [Fact]
    public void Decorator_and_matrix_operator_are_ops()
    {
        Assert.Equal(["@", "(", ")", "=", "@"], Texts("@dec()\nc = a @ b\n", PythonTokenKind.Op).Where(text => text != ":").ToList());
    }
    [Fact]
    public void Fstring_field_may_span_lines_inside_brackets()
    {
        var source = "f\"playlist: {\", \".join([\n    'Eden',  # comment\n    'Alkaline',\n])}\"\nx = 1\n";
        var token = Tokens(source)[0];
        Assert.Equal(PythonTokenKind.StringLiteral, token.Kind);
        Assert.Equal(4, token.End.Line);
    }

    [Fact]
    public void Unclosed_field_in_one_line_fstring_stops_at_the_line_end()
    {
        var tokens = Tokens("s = f'{name'\nt = 2\n");
        Assert.Contains(tokens, token => token.Kind == PythonTokenKind.ErrorToken);
        Assert.Contains(tokens, token => token.IsName("t") && token.Start.Line == 2);
    }

    [Fact]
    public void String_prefix_is_reported_lower_case()
    {
        var token = Tokens("Rb'x'\n")[0];
        Assert.Equal("rb", token.StringPrefix);
        Assert.True(token.IsBytes);
        Assert.False(token.IsFString);
    }
}
