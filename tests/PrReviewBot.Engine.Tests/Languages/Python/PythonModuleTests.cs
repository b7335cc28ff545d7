using System.Text;
using PrReviewBot.Engine.Languages.Python;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Tests.Languages.Python;

public sealed class PythonModuleTests
{
    private static PythonModule Parse(string source) => PythonModule.Parse(source);

    private static List<string> Reads(string source, PythonNameUseSource? kind = null) =>
        Parse(source).NamesRead.Where(use => kind is null || use.Source == kind).Select(use => use.Name).ToList();

    // Imports

    [Fact]
    public void Plain_import_binds_the_first_segment()
    {
        var import = Assert.Single(Parse("import a.b.c\n").Imports);
        Assert.Equal("a.b.c", import.Module);
        Assert.Equal("a", import.BoundName);
        Assert.False(import.IsFromImport);
    }

    [Fact]
    public void Import_as_binds_the_alias()
    {
        var imports = Parse("import a.b as c, os\n").Imports;
        Assert.Equal(["c", "os"], imports.Select(import => import.BoundName));
        Assert.Equal("c", imports[0].Alias);
    }

    [Fact]
    public void From_import_lists_each_name_with_its_alias()
    {
        var imports = Parse("from x import y as z, w\n").Imports;
        Assert.Equal(["z", "w"], imports.Select(import => import.BoundName));
        Assert.All(imports, import => Assert.Equal("x", import.Module));
        Assert.Equal("y", imports[0].ImportedName);
    }

    [Fact]
    public void Relative_imports_record_their_level()
    {
        var imports = Parse("from . import a\nfrom ..pkg import b\nfrom ...deep.mod import c\n").Imports;
        Assert.Equal([1, 2, 3], imports.Select(import => import.Level));
        Assert.Equal([".", "..pkg", "...deep.mod"], imports.Select(import => import.Module));
    }

    [Fact]
    public void Star_import_is_marked()
    {
        Assert.True(Assert.Single(Parse("from x import *\n").Imports).IsStar);
    }

    [Fact]
    public void Parenthesised_multiline_import_gives_each_name_its_line()
    {
        var imports = Parse("from x import (\n    a,\n    b as c,  # noqa: F401\n)\n").Imports;
        Assert.Equal([2, 3], imports.Select(import => import.Line));
        Assert.Equal(["a", "c"], imports.Select(import => import.BoundName));
        Assert.All(imports, import => Assert.Equal(1, import.StatementLine));
        Assert.All(imports, import => Assert.Equal("# noqa: F401", import.NoqaComment));
    }

    [Fact]
    public void Noqa_comment_on_the_import_line_is_recorded()
    {
        var imports = Parse("import os  # NOQA\nimport sys\n").Imports;
        Assert.Equal("# NOQA", imports[0].NoqaComment);
        Assert.Null(imports[1].NoqaComment);
    }

    [Fact]
    public void Imports_under_type_checking_are_marked()
    {
        var imports = Parse(
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import a\nif typing.TYPE_CHECKING:\n    import b\nelse:\n    import c\nimport d\n").Imports;
        Assert.Equal([false, true, true, false, false], imports.Select(import => import.InTypeChecking));
    }

    [Fact]
    public void Imports_in_try_except_are_optional()
    {
        var imports = Parse("try:\n    import ujson as json\nexcept ImportError:\n    import json\nimport os\n").Imports;
        Assert.Equal([true, true, false], imports.Select(import => import.InTry));
    }

    [Fact]
    public void Imports_inside_functions_are_marked()
    {
        var imports = Parse("def f():\n    import os\n    return os\nimport sys\n").Imports;
        Assert.Equal([true, false], imports.Select(import => import.InFunction));
    }

    [Fact]
    public void Future_imports_are_recognised()
    {
        Assert.True(Assert.Single(Parse("from __future__ import annotations\n").Imports).IsFuture);
    }

    [Fact]
    public void Import_on_an_inline_if_body_is_seen()
    {
        Assert.True(Assert.Single(Parse("if TYPE_CHECKING: import a\n").Imports).InTypeChecking);
    }

    // __all__

    [Fact]
    public void Dunder_all_list_and_augmented_assignment_are_collected()
    {
        var module = Parse("__all__ = ['a', \"b\"]\n__all__ += ('c',)\n__all__.extend(['d'])\n");
        Assert.Equal(["a", "b", "c", "d"], module.DunderAll!.Select(entry => entry.Value));
    }

    [Fact]
    public void Module_without_dunder_all_reports_null()
    {
        Assert.Null(Parse("x = 1\n").DunderAll);
    }

    // Definitions

    [Fact]
    public void Function_has_name_line_range_and_docstring()
    {
        var function = Assert.Single(Parse("x = 1\n\ndef f(a):\n    \"\"\"Does f.\"\"\"\n    return a\n\n\ny = 2\n").Functions);
        Assert.Equal("f", function.Name);
        Assert.Equal(3, function.Line);
        Assert.Equal(5, function.EndLine);
        Assert.Equal(new PythonDocstring("Does f.", 4, 4), function.Docstring);
    }

    [Fact]
    public void Function_without_docstring_has_none()
    {
        Assert.Null(Assert.Single(Parse("def f():\n    x = 'not first'\n").Functions).Docstring);
        Assert.Null(Assert.Single(Parse("def f():\n    f'{x}'\n").Functions).Docstring);
    }

    [Fact]
    public void Async_def_is_a_function()
    {
        var function = Assert.Single(Parse("async def fetch(url: str) -> bytes:\n    return await get(url)\n").Functions);
        Assert.True(function.IsAsync);
        Assert.Equal("bytes", function.ReturnAnnotation);
        Assert.Equal("str", function.Parameters[0].Annotation);
    }

    [Fact]
    public void Parameters_have_kinds_annotations_and_defaults()
    {
        var parameters = Assert.Single(Parse("def f(a, b: int, /, c=1, *args: str, d, e: 'X' = None, **kw) -> None: pass\n").Functions).Parameters;
        Assert.Equal(["a", "b", "c", "args", "d", "e", "kw"], parameters.Select(p => p.Name));
        Assert.Equal(
            [PythonParameterKind.PositionalOnly, PythonParameterKind.PositionalOnly, PythonParameterKind.Regular, PythonParameterKind.VarPositional,
             PythonParameterKind.KeywordOnly, PythonParameterKind.KeywordOnly, PythonParameterKind.VarKeyword],
            parameters.Select(p => p.Kind));
        Assert.Equal("int", parameters[1].Annotation);
        Assert.Equal("1", parameters[2].Default);
        Assert.Equal("'X'", parameters[5].Annotation);
        Assert.Equal("None", parameters[5].Default);
    }

    [Fact]
    public void Bare_star_makes_following_parameters_keyword_only()
    {
        var parameters = Assert.Single(Parse("def f(a, *, b):\n    pass\n").Functions).Parameters;
        Assert.Equal([PythonParameterKind.Regular, PythonParameterKind.KeywordOnly], parameters.Select(p => p.Kind));
    }

    [Fact]
    public void Methods_know_their_class_and_receiver()
    {
        var module = Parse(
            "class A(Base, metaclass=Meta):\n    \"\"\"An A.\"\"\"\n    def m(self, x):\n        pass\n    @staticmethod\n    def s(x):\n        pass\n    @classmethod\n    def c(cls):\n        pass\n");
        var cls = Assert.Single(module.Classes);
        Assert.Equal(["Base"], cls.Bases);
        Assert.Equal("Meta", cls.ClassKeywords["metaclass"]);
        Assert.Equal("An A.", cls.Docstring!.Text);
        Assert.Equal(10, cls.EndLine);
        var methods = module.Functions.ToList();
        Assert.All(methods, method => Assert.Same(cls, method.Parent));
        Assert.True(methods[0].Parameters[0].IsSelfOrCls);
        Assert.False(methods[0].Parameters[1].IsSelfOrCls);
        Assert.False(methods[1].Parameters[0].IsSelfOrCls);
        Assert.True(methods[2].Parameters[0].IsSelfOrCls);
        Assert.True(methods[1].HasDecorator("staticmethod"));
        Assert.Equal("A.m", methods[0].QualifiedName);
    }

    [Fact]
    public void Decorators_are_attached_with_text_and_line()
    {
        var function = Assert.Single(Parse("@app.route('/x', methods=['GET'])\n@login_required\ndef view():\n    pass\n").Functions);
        Assert.Equal(["app.route('/x', methods=['GET'])", "login_required"], function.Decorators.Select(d => d.Text));
        Assert.Equal([1, 2], function.Decorators.Select(d => d.Line));
    }

    [Fact]
    public void Nested_function_has_outer_function_as_parent()
    {
        var functions = Parse("def outer():\n    def inner():\n        pass\n    return inner\n").Functions.ToList();
        Assert.Same(functions[0], functions[1].Parent);
        Assert.Equal(3, functions[1].EndLine);
        Assert.Equal(4, functions[0].EndLine);
    }

    [Fact]
    public void One_line_def_ends_on_its_line()
    {
        var functions = Parse("def f(): return 1\ndef g(): 'doc'\n").Functions.ToList();
        Assert.Equal(1, functions[0].EndLine);
        Assert.Equal("doc", functions[1].Docstring!.Text);
    }

    [Fact]
    public void Module_docstring_is_the_first_statement()
    {
        var module = Parse("#!/usr/bin/env python\n'''Module doc.\n\nMore.'''\nimport os\n");
        Assert.Equal(new PythonDocstring("Module doc.\n\nMore.", 2, 4), module.Docstring);
        Assert.Null(Parse("import os\n'''not a docstring'''\n").Docstring);
    }

    // Assignments

    [Fact]
    public void Assignments_record_targets_and_values()
    {
        var assignment = Assert.Single(Parse("a, (b, *c) = d = compute()\n").Assignments);
        Assert.Equal(["a", "b", "c", "d"], assignment.Targets.Select(t => t.Text));
        Assert.Equal("compute()", assignment.Value);
    }

    [Fact]
    public void Attribute_and_subscript_targets_are_distinguished()
    {
        var targets = Parse("class A:\n    def __init__(self):\n        self.x = 1\n        self.items[0] = 2\n").Assignments.SelectMany(a => a.Targets).ToList();
        Assert.Equal(["self.x", "self.items[0]"], targets.Select(t => t.Text));
        Assert.Equal([PythonTargetKind.Attribute, PythonTargetKind.Subscript], targets.Select(t => t.Kind));
    }

    [Fact]
    public void Annotated_assignment_records_annotation()
    {
        var assignments = Parse("x: int = 1\ny: list[str]\n").Assignments;
        Assert.Equal("int", assignments[0].Annotation);
        Assert.Equal("1", assignments[0].Value);
        Assert.Null(assignments[1].Value);
    }

    [Fact]
    public void Augmented_assignment_records_operator_and_reads_target()
    {
        var module = Parse("total += price * qty\n");
        var assignment = Assert.Single(module.Assignments);
        Assert.Equal("+=", assignment.AugmentedOperator);
        Assert.Equal(["total", "price", "qty"], module.NamesRead.Select(use => use.Name));
    }

    [Fact]
    public void Assignments_know_their_scope()
    {
        var module = Parse("A = 1\nclass C:\n    B = 2\n    def m(self):\n        c = 3\n");
        Assert.Equal([null, "C", "m"], module.Assignments.Select(a => a.Scope?.Name));
    }

    [Fact]
    public void Lambda_colon_is_not_an_annotation()
    {
        var assignment = Assert.Single(Parse("f = lambda x: x + 1\n").Assignments);
        Assert.Null(assignment.Annotation);
        Assert.Equal("lambda x: x + 1", assignment.Value);
    }

    [Fact]
    public void Keyword_arguments_are_not_assignments()
    {
        Assert.Empty(Parse("call(a=1, b=2)\n").Assignments);
    }

    // Names read

    [Fact]
    public void Names_read_exclude_attributes_keywords_and_bindings()
    {
        var reads = Reads("import os\nfrom x import y\ndef f(a, b=default):\n    return os.path.join(a, sep=b)\nclass K(Base): pass\n");
        Assert.Equal(["default", "os", "a", "b", "Base"], reads);
    }

    [Fact]
    public void Lambda_parameters_and_walrus_targets_are_not_reads()
    {
        Assert.Equal(["items", "n"], Reads("g = lambda x, y=1: x\nif (n := len(items)) > 10: print(n)\n").Where(n => n is not ("len" or "print" or "x")).ToList());
    }

    [Fact]
    public void Names_in_string_annotations_are_reads()
    {
        var reads = Reads("def f(a: 'Foo', b: \"list[Bar]\") -> 'Baz':\n    pass\nx: 'Qux' = 1\ny: Literal['notaname'] = 2\n", PythonNameUseSource.StringAnnotation);
        Assert.Equal(["Bar", "Baz", "Foo", "Qux", "list"], reads.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("notaname", reads);
        Assert.Contains("Baz", reads);
    }

    [Fact]
    public void Names_in_type_comments_are_reads()
    {
        var reads = Reads("def f(a):\n    # type: (Foo) -> Bar\n    x = []  # type: List[Baz]\n    y = 1  # type: ignore\n", PythonNameUseSource.TypeComment);
        Assert.Equal(["Foo", "Bar", "List", "Baz"], reads);
    }

    [Fact]
    public void Names_in_fstring_fields_are_reads_including_nested_fstrings()
    {
        var module = Parse("msg = f\"{user.name!r} has {f'{count:{width}}'} items\"\n");
        var reads = module.NamesRead.Where(use => use.Source == PythonNameUseSource.FString).Select(use => use.Name).ToList();
        Assert.Equal(["user", "count", "width"], reads);
        var user = module.NamesRead.First(use => use.Name == "user");
        Assert.Equal(new PythonPosition(1, 9), new PythonPosition(user.Line, user.Column));
    }

    [Fact]
    public void Attribute_target_base_is_a_read_but_plain_target_is_not()
    {
        Assert.Equal(["self", "value", "d", "k"], Reads("self.x = value\nd[k] = 1\nplain = 2\n"));
    }

    [Fact]
    public void For_targets_are_not_reads()
    {
        Assert.Equal(["pairs", "a"], Reads("for a, b in pairs:\n    a\n"));
    }

    // Calls

    [Fact]
    public void Calls_have_dotted_callee_and_arguments()
    {
        var call = Assert.Single(Parse("subprocess.run(cmd, shell=True, **extra)\n").Calls);
        Assert.Equal("subprocess.run", call.Callee);
        Assert.Equal("run", call.Name);
        Assert.Equal(["cmd"], call.Positional.Select(a => a.Text));
        Assert.Equal("True", call.Keyword("shell")!.Text);
        Assert.Equal("extra", call.Keyword("**")!.Text);
    }

    [Fact]
    public void Chained_receiver_calls_show_empty_groups()
    {
        var callees = Parse("conn.cursor().execute(sql)\n").Calls.Select(call => call.Callee).ToList();
        Assert.Equal(["conn.cursor", "conn.cursor().execute"], callees);
    }

    [Fact]
    public void Def_class_and_keyword_parentheses_are_not_calls()
    {
        Assert.Equal(["g"], Parse("def f(x):\n    if (x):\n        return (g(x))\nclass C(B): pass\n").Calls.Select(c => c.Callee));
    }

    [Theory]
    [InlineData("cursor.execute('SELECT 1')", "literal")]
    [InlineData("cursor.execute('SELECT ' '1')", "literal")]
    [InlineData("cursor.execute(f'SELECT {x}')", "f-string")]
    [InlineData("cursor.execute('SELECT %s' % x)", "percent")]
    [InlineData("cursor.execute('SELECT {}'.format(x))", "format")]
    [InlineData("cursor.execute('SELECT ' + x)", "concatenation")]
    [InlineData("cursor.execute('SELECT ' + 'x')", "literal")]
    [InlineData("cursor.execute(('SELECT 1'))", "literal")]
    [InlineData("cursor.execute(query)", "other")]
    public void Argument_values_show_how_a_string_is_built(string source, string shape)
    {
        var module = Parse(source + "\n");
        var value = module.Values.Of(module.Calls[0].Positional[0])!;
        var actual = value switch
        {
            _ when module.Values.ConstantString(value, null) is not null => "literal",
            PyFString => "f-string",
            PyBinary { Operator: "%" } => "percent",
            PyCall { Function: PyMember { Name: "format" } } => "format",
            PyBinary { Operator: "+" } when PythonValues.IsBuiltString(value) => "concatenation",
            _ => "other",
        };
        Assert.Equal(shape, actual);
    }

    [Fact]
    public void Argument_token_ranges_point_at_the_tokens()
    {
        var module = Parse("yaml.load(stream, Loader=yaml.FullLoader)\n");
        var call = module.Calls.Single();
        Assert.Equal("stream", module.Tokens[call.Arguments[0].FirstToken].Text);
        Assert.Equal("yaml", module.Tokens[call.Arguments[1].FirstToken].Text);
        Assert.Equal("FullLoader", module.Tokens[call.Arguments[1].LastToken].Text);
    }

    [Fact]
    public void Calls_in_decorators_defaults_and_multiline_arguments_are_found()
    {
        var module = Parse("@retry(times=3)\ndef f(x=make()):\n    os.system(\n        'ls ' +\n        path,\n    )\n");
        Assert.Equal(["retry", "make", "os.system"], module.Calls.Select(c => c.Callee));
        var command = module.Values.Of(module.Calls[2].Positional[0])!;
        Assert.True(command is PyBinary { Operator: "+" } && PythonValues.IsBuiltString(command));
        Assert.Equal("f", module.Calls[2].Scope!.Name);
    }

    // Hostile input

    [Theory]
    [InlineData("print 'hello'\nprint >>f, x\n")]
    [InlineData("try:\n    pass\nexcept ValueError, e:\n    raise E, 'msg'\n")]
    [InlineData("x = `y`\nif a <> b: exec 'c'\n")]
    [InlineData("def f((a, b)):\n    return 0777\n")]
    [InlineData("def (:\n  )))\n]]]\nclass :\n    def\n")]
    [InlineData("x = f'{\n")]
    [InlineData("if x:\nreturn\n")]
    [InlineData("    x = 1\n  y = 2\n")]
    [InlineData("\0\0\0")]
    [InlineData("@\n@\n")]
    [InlineData("from import\nimport\nfrom . import (\n")]
    [InlineData("def f(*, **): pass\nclass C(: pass\n")]
    [InlineData("match command:\n    case [x, y]:\n        pass\nmatch = 1\n")]
    [InlineData("lambda: (yield)\n")]
    [InlineData("a = b = \\\n")]
    public void Broken_code_is_modelled_without_throwing(string source)
    {
        var module = Parse(source);
        Assert.NotNull(module.Problems);
        Assert.Equal(PythonTokenKind.EndMarker, module.Tokens[^1].Kind);
    }

    [Fact]
    public void Syntax_errors_are_reported_as_problems_with_lines()
    {
        var module = Parse("def f(:\n    x = 'unterminated\n");
        Assert.Contains(module.Problems, problem => problem.Line == 2);
    }

    [Fact]
    public void Python2_module_still_yields_imports_and_definitions()
    {
        var module = Parse("import urllib2\n\ndef main():\n    print 'hi %s' % name\n    try:\n        go()\n    except IOError, e:\n        print e\n");
        Assert.Equal("urllib2", Assert.Single(module.Imports).Module);
        Assert.Equal(8, Assert.Single(module.Functions).EndLine);
    }

    [Fact]
    public void Ten_thousand_nested_brackets_are_modelled()
    {
        var module = Parse("x = f(" + new string('(', 10_000) + "a" + new string(')', 10_000) + ")\n");
        Assert.Equal("f", Assert.Single(module.Calls).Callee);
        Assert.Contains(module.NamesRead, use => use.Name == "a");
    }

    [Fact]
    public void Deeply_nested_blocks_are_modelled()
    {
        var source = new StringBuilder();
        for (var depth = 0; depth < 1_000; depth++)
        {
            source.Append(' ', depth).Append("if x:\n");
        }

        source.Append(' ', 1_000).Append("import deep\n");
        Assert.Single(PythonModule.Parse(source.ToString()).Imports);
    }

    [Fact]
    public void Mixed_tabs_and_spaces_and_crlf_are_modelled()
    {
        var module = Parse("def f():\r\n\tif x:\r\n\t    return 1\r\n        return 2\rdef g():\n    pass\n");
        Assert.Equal(["f", "g"], module.Functions.Select(f => f.Name));
        Assert.Equal(4, module.Functions.First().EndLine);
    }

    [Fact]
    public void Five_megabyte_module_is_modelled()
    {
        const string chunk = "import os\n\nclass Handler(Base):\n    \"\"\"Doc.\"\"\"\n    def handle(self, request: 'Request') -> None:\n        name = f\"{request.user!r}\"\n        os.system('echo ' + name)  # noqa\n        self.count += 1\n\n";
        var source = new StringBuilder();
        while (source.Length < 5_000_000)
        {
            source.Append(chunk);
        }

        var module = Parse(source.ToString());
        Assert.True(module.Calls.Count > 10_000);
        Assert.Equal(module.Classes.Count(), module.Imports.Count);
    }
    [Fact]
    public void Comprehension_targets_are_not_reads()
    {
        Assert.Equal(["x", "xs", "a", "b", "pairs"], Reads("r = [x for x in xs]\ns = {a: b for (a, b) in pairs}\n"));
    }

    [Fact]
    public void With_and_except_as_targets_are_not_reads()
    {
        Assert.Equal(["open", "path", "OSError", "handle", "f"], Reads("with open(path) as f:\n    pass\ntry:\n    pass\nexcept OSError as e:\n    handle(f)\n"));
    }

    [Fact]
    public void Parenthesised_format_argument_is_still_classified()
    {
        var module = Parse("cursor.execute(('SELECT %s' % x))\n");
        Assert.IsType<PyBinary>(module.Values.Of(module.Calls[0].Positional[0]));
        Assert.Equal("%", ((PyBinary)module.Values.Of(module.Calls[0].Positional[0])!).Operator);
    }

    [Fact]
    public void Call_position_is_the_start_of_the_callee()
    {
        var call = Parse("x = 1\nresult = os.path.join(a)\n").Calls.Single();
        Assert.Equal((2, 9), (call.Line, call.Column));
    }

    [Fact]
    public void Deeply_nested_definitions_have_qualified_names()
    {
        var source = new StringBuilder();
        for (var depth = 0; depth < 2_000; depth++)
        {
            source.Append(' ', depth).Append("def f").Append(depth).Append("():\n");
        }

        source.Append(' ', 2_000).Append("pass\n");
        var module = PythonModule.Parse(source.ToString());
        Assert.EndsWith("f1998.f1999", module.Functions.Last().QualifiedName, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_statement_is_a_block_and_match_name_is_still_a_name()
    {
        var module = Parse("match command:\n    case Point(x=0):\n        import a\nmatch = 1\n");
        Assert.Single(module.Imports);
        Assert.Equal("match", module.Assignments.Single().Targets[0].Text);
        Assert.Contains(module.NamesRead, use => use.Name == "command");
    }

    [Fact]
    public void Semicolon_separated_statements_are_each_modelled()
    {
        var module = Parse("import os; x = 1; os.getcwd()\n");
        Assert.Single(module.Imports);
        Assert.Single(module.Assignments);
        Assert.Equal("os.getcwd", module.Calls.Single().Callee);
    }

    [Fact]
    public void Class_end_line_includes_nested_method_bodies()
    {
        var module = Parse("class A:\n    def m(self):\n        return [\n            1,\n        ]\n\nx = 1\n");
        Assert.Equal(5, module.Classes.Single().EndLine);
        Assert.Equal(5, module.Functions.Single().EndLine);
    }

    [Fact]
    public void Unexpected_indent_is_a_problem()
    {
        Assert.Contains(Parse("x = 1\n    y = 2\n").Problems, problem => problem.Message.Contains("indent", StringComparison.Ordinal));
    }
    [Fact]
    public void Ten_thousand_nested_calls_are_modelled()
    {
        var module = Parse("x = " + string.Concat(Enumerable.Repeat("f(", 10_000)) + "a" + new string(')', 10_000) + "\n");
        Assert.Equal(10_000, module.Calls.Count);
        Assert.Equal("a", module.Calls[^1].Positional[0].Text);
    }

    [Fact]
    public void Keyword_argument_without_value_does_not_crash()
    {
        var call = Parse("f(a=)\n").Calls.Single();
        Assert.Equal("a", call.Arguments.Single().Keyword);
        Assert.Equal(string.Empty, call.Arguments.Single().Text);
    }
    [Fact]
    public void Comments_are_exposed_in_order()
    {
        var comments = Parse("# one\nx = 1  # type: int\n").Comments.Select(token => token.Text).ToList();
        Assert.Equal(["# one", "# type: int"], comments);
    }

    [Fact]
    public void Class_decorators_and_nested_classes_are_modelled()
    {
        var module = Parse("@dataclass(frozen=True)\nclass Outer:\n    class Inner(Generic[T]):\n        pass\n");
        var classes = module.Classes.ToList();
        Assert.Equal("dataclass(frozen=True)", classes[0].Decorators.Single().Text);
        Assert.Same(classes[0], classes[1].Parent);
        Assert.Equal(["Generic[T]"], classes[1].Bases);
        Assert.Equal("Outer.Inner", classes[1].QualifiedName);
    }

    [Fact]
    public void Async_for_and_with_open_blocks()
    {
        var module = Parse("async def f():\n    async with lock:\n        async for item in stream:\n            import x\n");
        Assert.True(module.Imports.Single().InFunction);
        Assert.Equal(4, module.Functions.Single().EndLine);
        Assert.Contains(module.NamesRead, use => use.Name == "stream");
        Assert.DoesNotContain(module.NamesRead, use => use.Name == "item");
    }
    [Fact]
    public void Augmented_attribute_and_subscript_targets_are_read_once()
    {
        Assert.Equal(["self", "d", "k"], Reads("self.count += 1\nd[k] -= 1\n"));
    }

    [Fact]
    public void From_import_alias_at_end_of_parenthesised_list_is_read()
    {
        Assert.Equal(["a", "c"], Parse("from x import (a, b as c)\n").Imports.Select(import => import.BoundName));
    }
}
