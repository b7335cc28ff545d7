using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class LockoutDisabledRuleTests
{
    [Fact]
    public void Flags_sign_ins_that_never_lock_the_account()
    {
        CSharpRuleVerifier.Verify<LockoutDisabledRule>("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class Login
            {
                private readonly SignInManager<IdentityUser> _signIn;

                public async Task<bool> Post(string email, string password, bool remember, IdentityUser user)
                {
                    var first = await [|_signIn.PasswordSignInAsync(email,
                        password, remember,
                        lockoutOnFailure: false)|];
                    var second = await [|_signIn.CheckPasswordSignInAsync(user, password, false)|];
                    return first.Succeeded && second.Succeeded;
                }

                public static void Configure(IServiceCollection services) =>
                    services.Configure<IdentityOptions>(options => [|options.Lockout.AllowedForNewUsers = false|]);
            }
            """);
    }

    [Fact]
    public void Leaves_sign_ins_with_lockout_alone()
    {
        CSharpRuleVerifier.VerifyNone<LockoutDisabledRule>("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;

            public sealed class Login
            {
                private readonly SignInManager<IdentityUser> _signIn;

                public async Task<bool> Post(string email, string password, bool remember, bool lockout)
                {
                    var first = await _signIn.PasswordSignInAsync(email, password, remember, lockoutOnFailure: true);
                    var second = await _signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: true);
                    var third = await _signIn.PasswordSignInAsync(email, password, remember, lockout);
                    return first.Succeeded && second.Succeeded && third.Succeeded;
                }
            }
            """);
    }
}
