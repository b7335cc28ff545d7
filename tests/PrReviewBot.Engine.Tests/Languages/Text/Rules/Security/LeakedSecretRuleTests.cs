using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Text.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Text.Rules.Security;

/// <summary>The credentials here are generated at test time in the shape of real ones; none was ever issued, and none is stored in the repository.</summary>
public sealed class LeakedSecretRuleTests
{
    private static readonly string GitHubToken = "ghp_" + FakeSecrets.Base62(36, seed: 1);
    private static readonly string GitHubOAuthToken = "gho_" + FakeSecrets.Base62(36, seed: 2);
    private static readonly string GitHubFineGrainedToken = "github_pat_" + FakeSecrets.Base62(22, seed: 3) + "_" + FakeSecrets.Base62(59, seed: 4);
    private static readonly string AwsKeyId = "AKIA" + FakeSecrets.Upper(16, seed: 5);
    private static readonly string AwsSecret = FakeSecrets.Base62(40, seed: 6);
    private static readonly string StripeKey = "sk_" + "live_" + FakeSecrets.Base62(24, seed: 7);
    private static readonly string GoogleKey = "AIza" + FakeSecrets.Base62(35, seed: 8);
    private static readonly string SlackToken = "xoxb-" + FakeSecrets.Digits(12, seed: 9) + "-" + FakeSecrets.Digits(13, seed: 10) + "-" + FakeSecrets.Base62(24, seed: 11);
    private static readonly string SlackWebhook = "https://hooks.slack.com/services/T" + FakeSecrets.Upper(8, seed: 12) + "/B" + FakeSecrets.Upper(8, seed: 13) + "/" + FakeSecrets.Base62(24, seed: 14);

    [Fact]
    public void Flags_a_pem_private_key_block()
    {
        var findings = TextRuleVerifier.Verify<LeakedSecretRule>("""
            [|-----BEGIN RSA PRIVATE KEY-----|]
            MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
            VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK
            -----END RSA PRIVATE KEY-----
            """, "deploy/id_rsa");

        Assert.Contains("private key (`BEGIN RSA PRIVATE KEY`)", findings[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MIIE", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_every_private_key_header_kind()
    {
        foreach (var header in (string[])["PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"])
        {
            TextRuleVerifier.Verify<LeakedSecretRule>(
                $"[|-----BEGIN {header}-----|]\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END {header}-----\n",
                "keys/key.pem");
        }
    }

    [Fact]
    public void Flags_a_private_key_inside_a_json_string()
    {
        TextRuleVerifier.Verify<LeakedSecretRule>("""
            {
              "type": "service_account",
            [|  "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n",|]
              "client_email": "ci@project.iam.gserviceaccount.com"
            }
            """, "gcp/service-account.json");
    }

    [Fact]
    public void Flags_aws_access_key_ids_and_secret_keys()
    {
        var findings = TextRuleVerifier.Verify<LeakedSecretRule>($"""
            [default]
            [|aws_access_key_id = {AwsKeyId}|]
            [|aws_secret_access_key = {AwsSecret}|]
            [|session_key_id = ASIAQ7RZ4KD2MXW9PLT3|]
            """, "deploy/credentials");

        Assert.Equal("AWS access key id `AKIA…` is committed in plain text; anyone who can read the repository can use it.", findings[0].Message);
        Assert.StartsWith("An AWS secret access key", findings[1].Message, StringComparison.Ordinal);
        AssertMasked(findings, AwsKeyId, AwsSecret, "ASIAQ7RZ4KD2MXW9PLT3");
    }

    [Fact]
    public void Flags_github_tokens_with_the_token_masked()
    {
        var findings = TextRuleVerifier.Verify<LeakedSecretRule>($"""
            #!/bin/sh
            [|curl -H "Authorization: token {GitHubToken}" https://api.github.com/user|]
            [|git clone https://x-access-token:{GitHubOAuthToken}@github.com/acme/app.git|]
            [|export GH_TOKEN={GitHubFineGrainedToken}|]
            """, "scripts/release.sh");

        Assert.Equal("GitHub personal access token `ghp_…` is committed in plain text; anyone who can read the repository can use it.", findings[0].Message);
        Assert.Contains("GitHub OAuth token `gho_…`", findings[1].Message, StringComparison.Ordinal);
        Assert.Contains("GitHub fine-grained personal access token `gith…`", findings[2].Message, StringComparison.Ordinal);
        AssertMasked(findings, GitHubToken, GitHubOAuthToken, GitHubFineGrainedToken);
    }

    [Fact]
    public void Flags_slack_stripe_and_google_keys()
    {
        var findings = TextRuleVerifier.Verify<LeakedSecretRule>($"""
            const config = {"{"}
            [|  slack: "{SlackToken}",|]
            [|  webhook: "{SlackWebhook}",|]
            [|  stripe: "{StripeKey}",|]
            [|  restricted: "rk_live_51HxQ2eLk8Ys3ZpW7uVn4RtBa",|]
            [|  maps: "{GoogleKey}",|]
            {"}"};
            """, "web/config.js");

        Assert.Equal(
            ["Slack token", "Slack webhook URL", "Stripe secret key", "Stripe restricted key", "Google API key"],
            findings.Select(finding => finding.Message[..finding.Message.IndexOf(" `", StringComparison.Ordinal)]));
        AssertMasked(findings, SlackToken, SlackWebhook, StripeKey, "rk_live_51HxQ2eLk8Ys3ZpW7uVn4RtBa", GoogleKey);
        AssertMasked(findings, "ogoEmvnEN5N1aE6PwZPf1Qh6");
    }

    [Fact]
    public void Flags_random_values_assigned_to_credential_names_in_any_syntax()
    {
        var findings = TextRuleVerifier.Verify<LeakedSecretRule>("""
            [|DB_PASSWORD=Hz5r1pY4^OjE2j#F|]
            [|export SECRET_KEY="Xz9w3QlY7Zkuvqdt7s8Stqcb"|]
            """, ".env");
        AssertMasked(findings, "Hz5r1pY4^OjE2j#F", "Xz9w3QlY7Zkuvqdt7s8Stqcb");
        Assert.Equal("`DB_PASSWORD` is set to a hard-coded password (`H…`); anyone who can read the repository can use it.", findings[0].Message);

        TextRuleVerifier.Verify<LeakedSecretRule>("""
            service:
            [|  api_key: mHFwUbbYrEqmSM9wCZ7Uw9xf|]
            [|  password: "JbW56eCuNGMGmSrCGIZE"|]
            """, "config/app.yaml");
        TextRuleVerifier.Verify<LeakedSecretRule>("""
            {
            [|  "client_secret": "ogoEmvnEN5N1aE6PwZPf1Qh6",|]
            [|  "accessToken": "3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e2b4d6f0a"|]
            }
            """, "appsettings.Production.json");
        TextRuleVerifier.Verify<LeakedSecretRule>("""
            [|API_TOKEN = "JbW56eCuNGMGmSrCGIZE"|]
            [|client = Client(token='Xz9w3QlY7Zkuvqdt7s8S')|]
            """, "app/settings.rb");
        TextRuleVerifier.Verify<LeakedSecretRule>("""
            [|$config['db_password'] = 'Hz5r1pY4^OjE2j#F';|]
            [|return ['apiKey' => 'mHFwUbbYrEqmSM9wCZ7Uw9xf'];|]
            """, "config/app.php");
        TextRuleVerifier.Verify<LeakedSecretRule>("""
            [|spring.datasource.password=Hz5r1pY4OjE2jF|]
            [|githubtoken := "mHFwUbbYrEqmSM9wCZ7Uw9xf"|]
            """, "conf/application.properties");
    }

    [Fact]
    public void Flags_credentials_in_xml_settings()
    {
        TextRuleVerifier.Verify<LeakedSecretRule>("""
            <configuration>
              <appSettings>
                <add key="Environment" value="Production" />
            [|    <add key="ApiToken" value="JbW56eCuNGMGmSrCGIZE" />|]
              </appSettings>
            [|  <smtpPassword>Hz5r1pY4OjE2jF</smtpPassword>|]
              <passwordFormat>Hashed</passwordFormat>
            </configuration>
            """, "src/Web/Web.config");
    }

    [Fact]
    public void Reads_pass_as_a_password_only_at_the_end_of_a_name()
    {
        TextRuleVerifier.Verify<LeakedSecretRule>("""
            [|SMTP_PASS=Hz5r1pY4OjE2jF|]
            pass_through_id=Hz5r1pY4OjE2jF
            """, "deploy/mail.env");
    }

    [Fact]
    public void Flags_passwords_in_connection_urls()
    {
        var findings = TextRuleVerifier.Verify<LeakedSecretRule>("""
            [|DATABASE_URL=postgres://shop:Hz5r1pY4OjE2jF@db.internal:5432/shop|]
            [|CACHE=redis://:Xz9w3QlY7Zkuvqdt@cache:6379/0|]
            LOCAL=postgres://postgres:postgres@localhost:5432/dev
            DOCS=postgres://user:password@host/db
            CI=postgres://app:${DB_PASSWORD}@db/app
            REPO=https://github.com/acme/app.git
            MAIL=mailto:ops@example.com
            """, ".env");

        Assert.Equal("The URL `postgres://…` embeds a hard-coded password for `shop` (`H…`); anyone who can read the repository can use it.", findings[0].Message);
        AssertMasked(findings, "Hz5r1pY4OjE2jF", "Xz9w3QlY7Zkuvqdt");
    }

    [Fact]
    public void Flags_uuid_shaped_api_keys_but_not_ids()
    {
        TextRuleVerifier.Verify<LeakedSecretRule>("""
            client_id: 3f8a2c1e-9b7d-4e6f-a5c3-1d2e4f6a8b9c
            [|api_key: 7d1e9c4b-2a8f-4c3e-b6d5-0f9a8e7c6b5d|]
            """, "config.yml");
    }

    [Fact]
    public void Flags_formats_in_csharp_comments_but_leaves_assignments_to_the_csharp_rule()
    {
        TextRuleVerifier.Verify<LeakedSecretRule>($$"""
            public sealed class Client
            {
            [|    // token for local testing: {{GitHubToken}}|]
                private string password = "Hz5r1pY4^OjE2j#F";
            }
            """, "src/Client.cs");
    }

    [Fact]
    public void Ignores_look_alikes_test_keys_and_documented_examples()
    {
        TextRuleVerifier.VerifyNone<LeakedSecretRule>("""
            STRIPE_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc
            STRIPE_PUBLISHABLE=pk_live_51HxQ2eLk8Ys3ZpW7uVn4RtBa
            GH_HINT=ghp_abc123
            GH_PLACEHOLDER=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
            aws_access_key_id = AKIAIOSFODNN7EXAMPLE
            aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            AWS_KEY=AKIAXXXXXXXXXXXXXXXX
            SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX
            SLACK_TOKEN=xoxb-your-token
            GOOGLE_KEY=AIzaSyD-your-key-here
            """, ".env.example");
    }

    [Fact]
    public void Ignores_values_read_from_the_environment_or_a_secret_store()
    {
        TextRuleVerifier.VerifyNone<LeakedSecretRule>("""
            env:
              GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}
              NPM_TOKEN: ${{ secrets.NPM_TOKEN_2024 }}
              DB_PASSWORD: ${DB_PASSWORD}
              API_KEY: "{{ vault_api_key_v2 }}"
              SECRET_KEY: $(cat /run/secrets/key1)
              PASSWORD: '%DB_PASSWORD_1%'
            """, ".github/workflows/ci.yml");
        TextRuleVerifier.VerifyNone<LeakedSecretRule>("""
            api_key = os.environ["API_KEY_V2"]
            password = os.getenv("DB_PASSWORD_2")
            token = settings.github_token2
            secret = config.get("client_secret_1")
            """, "app/main.py");
        TextRuleVerifier.VerifyNone<LeakedSecretRule>("""
            const token = process.env.GITHUB_TOKEN2;
            const apiKey = getApiKey(region1);
            if (token === "abcDEF123456ghiJKL") {}
            """, "src/index.js");
    }

    [Fact]
    public void Ignores_placeholders_and_low_entropy_values()
    {
        TextRuleVerifier.VerifyNone<LeakedSecretRule>("""
            password: changeme
            password: changeme123!
            api_key: <your-api-key-1>
            token: xxxxxxxxxxxxxxxxxxxx
            secret: "********"
            password: example123456
            API_TOKEN: dummy-token-value-1
            password: aaaaaaaaaaaa1
            token: 111111111111a
            password: test1234test
            secret: abc123abc123abc123
            api_key: 123456789012
            """, "config/defaults.yml");
    }

    [Fact]
    public void Ignores_names_that_describe_a_credential_and_specification_examples()
    {
        TextRuleVerifier.VerifyNone<LeakedSecretRule>("""
            password_file: /run/secrets/Db_Password2
            token_url: https://login.example.com/oauth2/v2.0/token
            secret_name: prod-db-Password2024x
            password_min_length: 12
            token_endpoint: https://auth.acme.io/t0ken
            api_key_header: X-Api-Key-V2
            cache_key: users-all-v2-9f8e7d
            PublicKeyToken=b77a5c561934e089
            token_pattern: ^[A-Za-z0-9]{36}$
            password_encryption: scram-sha-256
            example_response: {"access_token":"2YotnFZFEjr1zCsicMWpAA","refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"}
            secret_arn: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf
            """, "config/auth.yml");
    }

    [Fact]
    public void Ignores_a_private_key_header_without_key_material()
    {
        TextRuleVerifier.VerifyNone<LeakedSecretRule>("""
            const Header = "-----BEGIN RSA PRIVATE KEY-----";
            if (pem.startsWith(Header)) {
              return parse(pem);
            }
            """, "src/pem.ts");
        TextRuleVerifier.VerifyNone<LeakedSecretRule>("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n", "docs/keys.md");
    }

    [Fact]
    public void Ignores_lock_vendored_and_generated_files()
    {
        var text = $"token={GitHubToken}\nAWS_SECRET_ACCESS_KEY={AwsSecret}\n";
        TextRuleVerifier.VerifyNone<LeakedSecretRule>(text, "package-lock.json");
        TextRuleVerifier.VerifyNone<LeakedSecretRule>(text, "vendor/acme/sdk/config.env");
        TextRuleVerifier.VerifyNone<LeakedSecretRule>(text, "web/node_modules/sdk/.env");
        TextRuleVerifier.VerifyNone<LeakedSecretRule>("// Code generated by mockgen. DO NOT EDIT.\n" + text, "mocks/client.go");
    }

    [Fact]
    public void Reports_one_finding_per_line_and_no_suggestion()
    {
        var findings = TextRuleVerifier.Verify<LeakedSecretRule>($"[|GH_TOKEN={GitHubToken} OTHER={GitHubOAuthToken}|]\n", "ci.env");

        var finding = Assert.Single(findings);
        Assert.Null(finding.Replacement);
        Assert.Equal(Severity.Error, finding.Rule.Severity);
    }

    [Fact]
    public void Flags_weak_passwords_and_connection_strings_in_config_files()
    {
        TextRuleVerifier.Verify<LeakedSecretRule>("""
            database:
            [|  password: hunter22|]
              user: shop
            """, "config/defaults.yml");
        TextRuleVerifier.Verify<LeakedSecretRule>("""
            {
              "ConnectionStrings": {
            [|    "Default": "Server=db;Database=Shop;User Id=app;Password=Xk29fQp1;"|]
              }
            }
            """, "src/Web/appsettings.json");
        TextRuleVerifier.Verify<LeakedSecretRule>("""
            [database]
            [|password = Xk29fQp1|]
            host = db.internal
            """, "deploy/app.ini");
    }

    [Fact]
    public void Flags_more_known_token_formats()
    {
        var npm = "npm_" + FakeSecrets.Base62(36, seed: 31);
        var gitlab = "glpat-" + FakeSecrets.Base62(20, seed: 32);
        var sendGrid = "SG." + FakeSecrets.Base62(22, seed: 33) + "." + FakeSecrets.Base62(43, seed: 34);
        var findings = TextRuleVerifier.Verify<LeakedSecretRule>($"""
            [|//registry.npmjs.org/:_authToken={npm}|]
            [|GITLAB={gitlab}|]
            [|MAIL={sendGrid}|]
            """, ".npmrc");

        Assert.Equal(["npm access token", "GitLab personal access token", "SendGrid API key"], findings.Select(finding => finding.Message[..finding.Message.IndexOf(" `", StringComparison.Ordinal)]));
        AssertMasked(findings, npm, gitlab, sendGrid);
    }

    [Fact]
    public void Leaves_python_names_to_the_python_rule()
    {
        TextRuleVerifier.VerifyNone<LeakedSecretRule>("""
            API_TOKEN = "JbW56eCuNGMGmSrCGIZE"
            client = Client(token='Xz9w3QlY7Zkuvqdt7s8S')
            """, "app/settings.py");
    }

    private static void AssertMasked(IReadOnlyList<RawFinding> findings, params string[] secrets)
    {
        foreach (var finding in findings)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, finding.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(secret[Math.Min(4, secret.Length / 3)..], finding.Message, StringComparison.Ordinal);
            }
        }
    }
}
