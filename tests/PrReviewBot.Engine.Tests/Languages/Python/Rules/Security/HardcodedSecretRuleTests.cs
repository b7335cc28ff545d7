using PrReviewBot.Engine.Languages.Python.Rules.Security;
using PrReviewBot.Engine.Tests.Languages.Text;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class HardcodedSecretRuleTests
{
    [Fact]
    public void Flags_assignments_of_secret_literals()
    {
        PythonRuleVerifier.Verify<HardcodedSecretRule>("""
            [|SECRET_KEY = "django-insecure-8f$k2!x9qz"|]
            [|DB_PASSWORD = 'S3cr3tPassw0rd'|]
            [|apiKey = "q8Zm2Wx4Tr7Lk"|]
            [|settings["client_secret"] = "a1b2c3d4e5"|]
            [|self.auth_token = "ghp_abcdef123456"|]
            """);
    }

    [Fact]
    public void Flags_keywords_defaults_and_dict_keys()
    {
        PythonRuleVerifier.Verify<HardcodedSecretRule>("""
            import psycopg2

            [|conn = psycopg2.connect(host="db", user="app", password="hunter22")|]

            [|def login(user, pwd="letmein99"):|]
                return user

            CONFIG = {
                "host": "localhost",
                [|"api_key": "sk_live_1234567890",|]
            }
            """);
    }

    [Fact]
    public void Masks_the_value_in_the_message()
    {
        var findings = PythonRuleVerifier.Verify<HardcodedSecretRule>("""
            [|PASSWORD = "hunter22"|]
            """);
        var message = Assert.Single(findings).Message;
        Assert.Contains("(`h…`)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_values_from_environment_input_and_config()
    {
        PythonRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            import os

            SECRET_KEY = os.environ["SECRET_KEY"]
            DB_PASSWORD = os.getenv("DB_PASSWORD")
            api_key = config["api_key"]
            password = input("Password: ")
            token = request.headers.get("Authorization")
            """);
    }

    [Fact]
    public void Ignores_placeholders_names_and_prose()
    {
        PythonRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            PASSWORD_FIELD = "password"
            password = ""
            password = "changeme"
            token = "<token>"
            secret = "${SECRET}"
            api_key = "{}"
            pwd = "%s"
            prompt_password = "Enter your password"
            password = "password"
            TOKEN_ENV = "API_TOKEN"
            token_url = "https://example.com/oauth/token"
            form = Form(password="Enter your password")
            """);
    }

    [Fact]
    public void Ignores_values_that_are_obviously_fake_anywhere()
    {
        PythonRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            SECRET_KEY = "secret"
            API_TOKEN = "test"
            password = "xxx"
            client_secret = "dummy"
            auth_token = "dummy-token-123"
            api_key = "test_api_key"
            access_token = "fake-access-token"
            db_password = "my_password1"
            secret_key = "supersecret"
            SECRET_KEY = "not-a-real-secret"
            token = "mock_token"
            password = "example-password-42"
            """);
    }

    [Fact]
    public void Still_flags_real_looking_values_next_to_fake_words()
    {
        PythonRuleVerifier.Verify<HardcodedSecretRule>("""
            [|password = "test-Xk29fQ!p"|]
            [|api_key = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"|]
            [|secret = "admin123"|]
            """);
    }

    [Fact]
    public void Flags_credentials_in_more_shapes()
    {
        var token = "ghp_" + FakeSecrets.Base62(36, seed: 1);
        PythonRuleVerifier.Verify<HardcodedSecretRule>($$""""
            import os
            import pymysql
            import requests
            from requests.auth import HTTPBasicAuth
            from sqlalchemy import create_engine

            [|engine = create_engine("postgresql://shop:Xk29fQp1@db.internal/shop")|]
            [|DB_PASSWORD = os.getenv("DB_PASSWORD", "Xk29fQp1")|]
            [|conn = pymysql.connect("localhost", "root", "Azerty123")|]
            [|dsn = psycopg2.connect("host=db user=app password=Xk29fQp1")|]
            [|NOTIFY = "{{token}}"|]


            class Settings:
                [|password = b"azerty123"|]
                [|admin_password = '''azerty123'''|]


            def fetch(url):
                [|requests.get(url, auth=("svc", "Xk29fQp1"))|]
                [|return requests.get(url, auth=HTTPBasicAuth("svc", "Xk29fQp1"))|]


            [|app.config["SECRET_KEY"] = "foo"|]
            """");
    }

    [Fact]
    public void Ignores_look_alikes_of_the_new_shapes()
    {
        PythonRuleVerifier.VerifyNone<HardcodedSecretRule>(""""
            import os
            import requests
            from sqlalchemy import create_engine

            engine = create_engine("postgresql://shop@db.internal/shop")
            DB_PASSWORD = os.getenv("DB_PASSWORD", "")
            password = "this-is-probably-a-test"
            jim = User(username="jimcarry", password="password88")
            password_hint = "Xk29fQp1"
            tokenizer = "Xk29fQp1"
            secretary = "Xk29fQp1"
            RESET = "/users/resetUserPassword"
            PASSWORD_INPUT = "[id='password']"


            def fetch(url, password):
                """Connect with a URL such as postgres://user:Xk29fQp1@host/db."""
                if password == "Azerty123":
                    return None
                return requests.get(url, auth=("svc", password))
            """");
    }

    [Fact]
    public void Follows_a_name_to_the_literal_it_was_given()
    {
        PythonRuleVerifier.Verify<HardcodedSecretRule>("""
            import boto3
            from flask import Flask

            app = Flask(__name__)
            signing = "Azerty123"
            [|app.config["SECRET_KEY"] = signing|]
            issued = "Xk29fQp1Lm7"
            [|client = Client(api_token=issued)|]


            def connect(password):
                app.config["SECRET_KEY"] = password
                return boto3.resource("s3", aws_secret_access_key="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
            """);
    }
}
