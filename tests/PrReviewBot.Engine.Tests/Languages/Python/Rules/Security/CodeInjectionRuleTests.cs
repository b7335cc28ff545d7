using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class CodeInjectionRuleTests
{
    [Fact]
    public void Flags_eval_exec_and_compile_of_variables()
    {
        PythonRuleVerifier.Verify<CodeInjectionRule>("""
            def calc(request):
                expr = request.args["expr"]
                [|result = eval(expr)|]
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
}
