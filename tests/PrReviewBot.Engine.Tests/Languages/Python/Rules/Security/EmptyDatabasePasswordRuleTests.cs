using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class EmptyDatabasePasswordRuleTests
{
    [Fact]
    public void Flags_driver_connections_with_an_empty_password()
    {
        PythonRuleVerifier.Verify<EmptyDatabasePasswordRule>("""
            import mysql.connector
            import psycopg2
            import pymysql

            [|psycopg2.connect(host="db.internal.example", user="app", password="")|]
            [|pymysql.connect(host=host, user="app", passwd="")|]
            [|mysql.connector.connect("localhost", "root", "")|]
            """);
    }

    [Fact]
    public void Flags_database_urls_with_a_user_and_no_password()
    {
        PythonRuleVerifier.Verify<EmptyDatabasePasswordRule>("""
            from sqlalchemy import create_engine

            [|engine = create_engine("postgresql://app:@db.partner.org/shop")|]
            [|REPLICA = "mysql+pymysql://reader@replica.partner.org:3306/shop"|]
            """);
    }

    [Fact]
    public void Ignores_passwords_that_are_set_and_urls_without_users_or_on_this_machine()
    {
        PythonRuleVerifier.VerifyNone<EmptyDatabasePasswordRule>("""
            import os
            import psycopg2
            from sqlalchemy import create_engine

            psycopg2.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])
            psycopg2.connect(dsn)
            create_engine("postgresql://app:secret-from-vault@db.partner.org/shop")
            create_engine("postgresql://db.partner.org/shop")
            create_engine("postgresql://postgres@localhost/test")
            create_engine("postgresql://postgres@db:5432/app")
            create_engine(f"postgresql://app:{password}@db.partner.org/shop")
            create_engine("sqlite:///local.db")
            DOC = "Connect with postgresql://user@host/db and a password file."
            """);
    }

    [Fact]
    public void Flags_empty_django_database_passwords_in_settings_only()
    {
        const string Settings = """
            import os

            DATABASES = {
                "default": {
                    "ENGINE": "django.db.backends.postgresql",
                    [|"PASSWORD": "",|]
                },
                "cache": {
                    "ENGINE": "django.db.backends.sqlite3",
                    "PASSWORD": "",
                },
                "replica": {
                    "PASSWORD": os.environ.get("REPLICA_PASSWORD"),
                },
            }
            """;
        PythonRuleVerifier.Verify<EmptyDatabasePasswordRule>(Settings, path: "shop/settings/production.py");
        PythonRuleVerifier.VerifyNone<EmptyDatabasePasswordRule>(PythonRuleVerifier.Unmark(Settings).Source, path: "shop/fixtures_data.py");
    }
}
