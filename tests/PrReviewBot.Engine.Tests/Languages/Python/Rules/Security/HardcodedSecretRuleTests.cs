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

    [Fact]
    public void Flags_aws_keys_given_to_boto3_by_keyword_position_or_name()
    {
        var keyId = "AKIA" + FakeSecrets.Upper(16, seed: 31);
        var secret = FakeSecrets.Base62(40, seed: 32);
        PythonRuleVerifier.Verify<HardcodedSecretRule>($$"""
            import boto3

            def clients():
                s3 = boto3.client(
                    "s3",
            [|        aws_access_key_id="{{keyId}}",|]
                )
                session = boto3.session.Session()
            [|    ec2 = session.client("ec2", aws_secret_access_key="{{secret}}")|]
            [|    other = boto3.Session("{{keyId}}", "{{secret}}")|]
                lambdas = boto3.client("lambda", None, None, None, None, None,
            [|        "{{keyId}}",|]
            [|        "{{secret}}")|]
            [|    access_key = "{{keyId}}"|]
            [|    return boto3.resource("s3", aws_access_key_id=access_key)|]
            """);
    }

    [Fact]
    public void Flags_the_documented_example_key_when_a_client_is_given_it()
    {
        // AWS's documentation key is still a literal credential handed to the client: the code never reads a real one.
        var example = "AKIA" + "IOSFODNN7" + "EXAMPLE";
        PythonRuleVerifier.Verify<HardcodedSecretRule>($$"""
            import boto3

            [|s3 = boto3.client("s3", aws_access_key_id="{{example}}")|]
            """);
    }

    [Fact]
    public void Ignores_aws_placeholders_and_keys_read_at_run_time()
    {
        PythonRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            import os
            import boto3

            def clients(access_key, secret_key, credentials):
                boto3.client("s3", aws_access_key_id="", aws_secret_access_key="")
                boto3.client("s3", aws_access_key_id="XXXXXXXX", aws_secret_access_key="----------------")
                boto3.client("s3", aws_access_key_id="<your access key>", aws_secret_access_key="<your secret>")
                boto3.client("s3", aws_access_key_id="AKIAxxxxxxxxxxxxxxxx")
                boto3.client("s3", aws_access_key_id="this-is-not-a-key")
                boto3.client("s3", aws_access_key_id="changeme", aws_secret_access_key="secret")
                boto3.client("s3", aws_access_key_id=os.getenv("AWS_ACCESS_KEY_ID"))
                boto3.client("s3", aws_access_key_id=access_key, aws_secret_access_key=secret_key)
                boto3.client("s3", aws_access_key_id=credentials["AccessKeyId"])
                boto3.client("s3", "us-east-1")
                boto3.Session(profile_name="dev")
            """);
    }

    [Fact]
    public void Flags_positional_passwords_of_known_clients_and_literal_jwt_keys()
    {
        PythonRuleVerifier.Verify<HardcodedSecretRule>("""
            import jwt
            import pg
            import redis

            SIGNING = "this-is-secret"

            def connect(claims):
            [|    cache = redis.Redis("cache", 6379, 0, "Winter2024!")|]
            [|    db = pg.DB(None, "db.internal", 5432, None, "app", "Azerty123")|]
            [|    token = jwt.encode(claims, "secret", algorithm="HS256")|]
            [|    other = jwt.encode(claims, SIGNING, algorithm="HS256")|]
                return cache, db, token, other
            """);
    }

    [Fact]
    public void Ignores_known_clients_given_keys_from_elsewhere()
    {
        PythonRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            import os
            import jwt
            import redis

            def connect(claims, key, settings):
                cache = redis.Redis("cache", 6379, 0, os.environ["REDIS_PASSWORD"])
                token = jwt.encode(claims, key, algorithm="HS256")
                token = jwt.encode(claims, settings.SECRET_KEY, algorithm="HS256")
                data = jwt.decode(token, None, options={"verify_signature": False})
                data = jwt.decode(token, "", algorithms=["HS256"])
                return cache, token, data
            """);
    }

    [Fact]
    public void Pairs_each_target_of_a_tuple_assignment_with_its_value()
    {
        PythonRuleVerifier.Verify<HardcodedSecretRule>("""
            from flask import Flask, current_app

            def configure(x):
                app = Flask(__name__)
            [|    app.config["SECRET_KEY"], _ = "Azerty123", x|]
            [|    current_app.secret_key, _ = _, current_app.secret_key = "Azerty123", x|]
            [|    nothing, secret, rest = 1, "1IfHMPanImzX8ZxC-Ud6+YhXiLwlXq", 2|]
                key = "Azerty123"
                one = key
                two = one
            [|    app.secret_key = two|]
            [|    app.config["JWT_SECRET_KEY"] = b"Azerty123".decode("utf-8")|]
            """);
    }

    [Fact]
    public void Ignores_tuple_assignments_whose_secret_target_gets_a_run_time_value()
    {
        PythonRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            def configure(app, x, load):
                name, app.secret_key = "service", x
                password, user = load()
                password = ("Azerty123", "backup")
                port = 5432
                connect(password=port)
            """);
    }

    [Fact]
    public void Follows_a_session_given_several_boto3_values_and_a_decoded_bytes_literal()
    {
        var keyId = "AKIA" + "IOSFODNN7" + "EXAMPLE";
        PythonRuleVerifier.Verify<HardcodedSecretRule>($$"""
            import boto3
            import pylast

            def clients():
                session = boto3.Session()
                session = boto3.session.Session()
                ec2 = session.client("ec2", None, None, None, None, None,
            [|        "{{keyId}}")|]
            [|    api_key = b"Azerty123".decode("utf-8")|]
            [|    return pylast.LibreFMNetwork(api_key=api_key)|]
            """);
    }

    [Fact]
    public void Ignores_a_credential_word_abbreviation_given_to_a_password_name()
    {
        PythonRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            def save(settings):
                pwd = "pwd"
                settings["db_password"] = pwd
            """);
    }
}
