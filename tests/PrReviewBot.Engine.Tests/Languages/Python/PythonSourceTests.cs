using System.Text;
using PrReviewBot.Engine.Languages.Python;

namespace PrReviewBot.Engine.Tests.Languages.Python;

public sealed class PythonSourceTests
{
    [Fact]
    public void Plain_utf8_decodes_as_utf8()
    {
        var decoded = PythonSource.Decode(Encoding.UTF8.GetBytes("name = 'größe'\n"));
        Assert.Equal("name = 'größe'\n", decoded.Text);
        Assert.Equal("utf-8", decoded.EncodingName);
        Assert.False(decoded.HadInvalidBytes);
    }

    [Fact]
    public void Utf8_bom_is_removed()
    {
        var decoded = PythonSource.Decode([0xEF, 0xBB, 0xBF, (byte)'x', (byte)'\n']);
        Assert.Equal("x\n", decoded.Text);
    }

    [Fact]
    public void Latin1_cookie_on_first_line_is_honoured()
    {
        var bytes = Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-\ns = 'caf\u00e9'\n");
        var decoded = PythonSource.Decode(bytes);
        Assert.Contains("café", decoded.Text, StringComparison.Ordinal);
        Assert.Equal("latin-1", decoded.DeclaredEncoding);
        Assert.False(decoded.HadInvalidBytes);
    }

    [Fact]
    public void Vim_style_cp1252_cookie_on_second_line_is_honoured()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.ASCII.GetBytes("#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\ns = '"));
        bytes.Add(0x80);
        bytes.AddRange(Encoding.ASCII.GetBytes("'\n"));
        var decoded = PythonSource.Decode(bytes.ToArray());
        Assert.Contains("€", decoded.Text, StringComparison.Ordinal);
        Assert.Equal("windows-1252", decoded.EncodingName);
    }

    [Fact]
    public void Cookie_after_a_code_line_is_ignored()
    {
        var decoded = PythonSource.Decode(Encoding.ASCII.GetBytes("x = 1\n# coding: latin-1\n"));
        Assert.Null(decoded.DeclaredEncoding);
        Assert.Equal("utf-8", decoded.EncodingName);
    }

    [Fact]
    public void Unknown_encoding_falls_back_to_utf8_with_a_flag()
    {
        var decoded = PythonSource.Decode(Encoding.ASCII.GetBytes("# coding: klingon-9\nx = 1\n"));
        Assert.True(decoded.UnknownEncodingFellBackToUtf8);
        Assert.Equal("utf-8", decoded.EncodingName);
        Assert.Contains("x = 1", decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_becomes_replacement_characters()
    {
        var decoded = PythonSource.Decode([(byte)'a', 0xFF, 0xED, 0xA0, 0x80, (byte)'b']);
        Assert.True(decoded.HadInvalidBytes);
        Assert.StartsWith("a\uFFFD", decoded.Text, StringComparison.Ordinal);
        Assert.EndsWith("b", decoded.Text, StringComparison.Ordinal);
        Assert.Equal(PythonTokenKind.EndMarker, PythonTokenizer.Tokenize(decoded.Text).Tokens[^1].Kind);
    }

    [Fact]
    public void Empty_input_decodes_to_empty_text()
    {
        Assert.Equal(string.Empty, PythonSource.Decode([]).Text);
    }
    [Fact]
    public void Shift_jis_cookie_with_underscore_is_honoured()
    {
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding("shift_jis")!;
        var bytes = encoding.GetBytes("# coding: shift_jis\ns = '日本'\n");
        var decoded = PythonSource.Decode(bytes);
        Assert.Contains("日本", decoded.Text, StringComparison.Ordinal);
        Assert.False(decoded.UnknownEncodingFellBackToUtf8);
    }

    [Fact]
    public void Bytes_invalid_in_the_declared_encoding_are_replaced_and_flagged()
    {
        var decoded = PythonSource.Decode([.. Encoding.ASCII.GetBytes("# coding: ascii\ns = '"), 0xE9, (byte)'\'', (byte)'\n']);
        Assert.True(decoded.HadInvalidBytes);
        Assert.Contains("\uFFFD", decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bom_wins_over_a_conflicting_cookie()
    {
        var decoded = PythonSource.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("# coding: latin-1\ns = 'é'\n")]);
        Assert.Contains("é", decoded.Text, StringComparison.Ordinal);
        Assert.Equal("utf-8", decoded.EncodingName);
    }

    [Fact]
    public void Crlf_first_line_still_finds_cookie_on_second_line()
    {
        var decoded = PythonSource.Decode([.. Encoding.ASCII.GetBytes("#!/usr/bin/python\r\n# coding=latin-1\r\ns = '"), 0xE9, (byte)'\'']);
        Assert.Contains("é", decoded.Text, StringComparison.Ordinal);
    }
}
