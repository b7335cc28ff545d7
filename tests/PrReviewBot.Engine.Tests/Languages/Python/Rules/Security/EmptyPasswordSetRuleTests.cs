using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class EmptyPasswordSetRuleTests
{
    [Fact]
    public void Flags_empty_strings_that_reach_set_password()
    {
        PythonRuleVerifier.Verify<EmptyPasswordSetRule>("""
            class UserManager(BaseUserManager):
            [|    def create_user(self, email, password=""):|]
                    user = self.model(email=email)
                    user.set_password(password)
                    return user

            def change(request, user):
            [|    new_password = request.data.get("password", "")|]
                user.set_password(new_password)

            def reset(user):
            [|    user.set_password("")|]
            [|    password = ''|]
                user.set_password(password)
            """);
    }

    [Fact]
    public void Ignores_none_defaults_real_values_and_reassigned_names()
    {
        PythonRuleVerifier.VerifyNone<EmptyPasswordSetRule>("""
            class UserManager(BaseUserManager):
                def create_user(self, email, password=None):
                    user = self.model(email=email)
                    user.set_password(password)
                    return user

            def change(request, user, generate):
                new_password = request.data.get("password")
                user.set_password(new_password)
                password = ""
                password = generate()
                user.set_password(password)
                user.set_unusable_password()
                user.set_password(request.data["password"])
            """);
    }
}
