using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class CodeInjectionRuleTests
{
    [Fact]
    public void Flags_eval_exec_and_compile_of_variables()
    {
        PythonRuleVerifier.Verify<CodeInjectionRule>("""
            def calc(request):
                [|expr = request.args["expr"]
                result = eval(expr)|]
                [|exec(f"x = {expr}")|]
                [|code = compile("print(" + expr + ")", "<string>", "exec")|]
                return result
            """);
    }

    [Fact]
    public void Flags_builtins_alias_and_keyword_source()
    {
        PythonRuleVerifier.Verify<CodeInjectionRule>("""
            import builtins

            def run(source):
                [|builtins.exec(source)|]
                [|eval("%s + 1" % source)|]
            """);
    }

    [Fact]
    public void Ignores_constant_code_and_literal_eval()
    {
        PythonRuleVerifier.VerifyNone<CodeInjectionRule>("""
            import ast

            def parse(text):
                value = ast.literal_eval(text)
                total = eval("1+1")
                exec("import os")
                compile("x = 1", "<string>", "exec")
                return value, total
            """);
    }

    [Fact]
    public void Ignores_methods_and_local_functions_named_eval()
    {
        PythonRuleVerifier.VerifyNone<CodeInjectionRule>("""
            def evaluate(model, data):
                model.eval()
                session.exec(select(User).where(User.id == data))
                return model.compile(data)

            def eval(expression):
                return expression

            eval(user_input)
            """);
    }

    [Fact]
    public void Module_level_call_before_a_shadowing_import_is_the_builtin()
    {
        PythonRuleVerifier.Verify<CodeInjectionRule>("""
            template = "f('{}')"
            [|eval(template.format(name))|]

            from sandbox import eval

            eval(template.format(name))
            """);
    }

    [Fact]
    public void Ignores_fieldless_fstrings_and_names_bound_to_literals()
    {
        PythonRuleVerifier.Verify<CodeInjectionRule>("""
            SNIPPET = "x = 1; x = x + 2"
            eval(f"x = 1; x = x + 2")
            exec(rf"print('{{braces}}')")
            eval(SNIPPET)

            def run(user_input, fn):
                [|eval(f"some_func({user_input})")|]
                [|eval(fn + "()")|]
                [|exec(SNIPPET.format(user_input))|]
            """);
    }

    [Fact]
    public void Flags_request_names_that_pick_from_the_module_namespace()
    {
        PythonRuleVerifier.Verify<CodeInjectionRule>("""
            def dispatch(request):
                action = request.GET.get("action")
                [|handler = globals().get(action)|]
                namespace = locals()
                [|other = namespace[action]|]
                fixed = globals().get("default_action")
                return handler, other, fixed
            """);
    }

    [Fact]
    public void Warns_when_an_interactive_interpreter_runs_source_that_is_not_fixed()
    {
        var findings = PythonRuleVerifier.Verify<CodeInjectionRule>("""
            import code

            def run(payload):
                console = code.InteractiveConsole()
                [|console.push(payload)|]
                console.push("print(1)")
                [|compiled = code.compile_command(payload)|]
            """);

        Assert.All(findings, finding => Assert.Equal(Severity.Warning, finding.Severity));
    }

    [Fact]
    public void Follows_request_data_into_exec_and_eval_handed_to_executors_threads_and_partials()
    {
        PythonRuleVerifier.Verify<CodeInjectionRule>("""
            import asyncio
            import functools
            import threading
            from concurrent.futures import ThreadPoolExecutor

            async def run(request):
                loop = asyncio.get_running_loop()
            [|    await loop.run_in_executor(None, exec, request.POST.get("code"))|]

            def compute(request, pool: ThreadPoolExecutor):
            [|    expression = request.GET["expr"]
                pool.submit(eval, expression)|]
            [|    threading.Thread(target=exec, args=(request.GET["code"],)).start()|]
            [|    later = functools.partial(eval, request.GET["other"])|]
            """);
    }

    [Fact]
    public void Ignores_handed_on_functions_that_are_not_sinks_or_get_no_outside_data()
    {
        PythonRuleVerifier.VerifyNone<CodeInjectionRule>("""
            import asyncio
            import threading

            async def run(request):
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, print, request.POST.get("code"))
                await loop.run_in_executor(None, exec, "print(1)")
                threading.Thread(target=exec, args=("x = 1",)).start()
            """);
    }
}
