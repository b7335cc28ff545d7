using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class DebugEnabledRuleTests
{
    [Fact]
    public void Flags_flask_run_with_debug()
    {
        PythonRuleVerifier.Verify<DebugEnabledRule>("""
            from flask import Flask

            app = Flask(__name__)

            if __name__ == "__main__":
                [|app.run(host="0.0.0.0", debug=True)|]
                [|application.run(debug=True, port=8080)|]
            """);
    }

    [Fact]
    public void Flags_django_debug_in_settings_file()
    {
        PythonRuleVerifier.Verify<DebugEnabledRule>(
            """
            import os

            [|DEBUG = True|]
            ALLOWED_HOSTS = ["*"]
            """,
            path: "mysite/settings.py");
    }

    [Fact]
    public void Flags_django_debug_in_module_with_installed_apps()
    {
        PythonRuleVerifier.Verify<DebugEnabledRule>("""
            INSTALLED_APPS = ["django.contrib.admin"]
            [|DEBUG = True|]
            [|TEMPLATE_DEBUG = True|]
            """);
    }

    [Fact]
    public void Ignores_debug_off_or_from_environment()
    {
        PythonRuleVerifier.VerifyNone<DebugEnabledRule>(
            """
            import os

            DEBUG = os.getenv("DJANGO_DEBUG") == "1"
            TEMPLATE_DEBUG = False
            INSTALLED_APPS = []
            app.run(debug=False)
            app.run()
            """,
            path: "mysite/settings.py");
    }

    [Fact]
    public void Ignores_debug_constants_outside_settings_and_other_run_calls()
    {
        PythonRuleVerifier.VerifyNone<DebugEnabledRule>("""
            DEBUG = True
            VERBOSE = True

            def main():
                DEBUG = True
                run(debug=True)
                logging.basicConfig(level=logging.DEBUG)
            """);
    }

    [Fact]
    public void Flags_flask_config_debug_true()
    {
        PythonRuleVerifier.Verify<DebugEnabledRule>("""
            from flask import Flask

            app = Flask(__name__)
            [|app.config["DEBUG"] = True|]
            [|app.config.update(DEBUG=True)|]
            app.config["DEBUG"] = False
            app.config["TESTING"] = True
            app.config.update(DEBUG=False, TESTING=True)
            settings["DEBUG"] = True
            """);
    }

    [Fact]
    public void Flags_flask_debug_attribute_positional_switch_and_django_configure()
    {
        PythonRuleVerifier.Verify<DebugEnabledRule>("""
            from flask import Flask
            from django.conf import settings

            server = Flask(__name__)
            [|server.debug = True|]
            [|server.run("0.0.0.0", 8080, True)|]
            [|settings.configure(DEBUG=True)|]
            """);
    }

    [Fact]
    public void Ignores_debug_attributes_of_other_objects_and_other_configure_calls()
    {
        PythonRuleVerifier.VerifyNone<DebugEnabledRule>("""
            class Worker:
                def __init__(self):
                    self.debug = True

            def start(thread, mysettings, app):
                thread.run(1, 2, True)
                mysettings.configure(DEBUG=True)
                app.debug = False
            """);
    }

    [Fact]
    public void Flags_debug_settings_in_any_settings_module_and_propagated_exceptions()
    {
        PythonRuleVerifier.Verify<DebugEnabledRule>(
            """
            [|DEBUG = True|]
            [|DEBUG_PROPAGATE_EXCEPTIONS = True|]
            DEBUG_PROPAGATE_EXCEPTIONS = False
            """,
            path: "mysite/global_settings.py");
    }

    [Fact]
    public void Flags_flask_debug_in_config_dicts_and_chained_assignments()
    {
        PythonRuleVerifier.Verify<DebugEnabledRule>("""
            from flask import Flask

            app = Flask(__name__)
            [|app.config.update({"DEBUG": True})|]
            [|app.config.update(dict(DEBUG=True))|]
            [|app.conf["DEBUG"] = app.debug = True|]
            app.config.update({"DEBUG": False, "TESTING": True})
            """);
    }
}
