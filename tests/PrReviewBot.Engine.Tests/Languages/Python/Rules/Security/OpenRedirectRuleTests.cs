using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

/// <summary>Open redirect: request locations given to redirects. A finding starts where the value is read into the variable the sink uses, when that is a few lines above.</summary>
public sealed class OpenRedirectRuleTests
{
    [Fact]
    public void Open_redirect_flags_request_locations_and_leaves_checked_and_local_ones_alone()
    {
        PythonRuleVerifier.Verify<OpenRedirectRule>("""
            from django.http import HttpResponseRedirect
            from django.shortcuts import redirect
            from django.utils.http import url_has_allowed_host_and_scheme
            import flask

            def login(request):
                [|next_url = request.GET.get("next", "/")
                return HttpResponseRedirect(next_url)|]

            def logout():
                [|return flask.redirect(flask.request.args.get("next"))|]

            def safe_login(request):
                next_url = request.GET.get("next", "/")
                if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                    next_url = "/"
                return redirect(next_url)

            def profile(request):
                return redirect("/users/" + request.GET["id"])

            def here(request):
                return redirect(request.get_full_path())
            """);
    }
}
