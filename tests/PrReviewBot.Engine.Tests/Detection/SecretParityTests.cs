using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Tests.Languages.CSharp;
using PrReviewBot.Engine.Tests.Languages.Python;
using PrReviewBot.Engine.Tests.Languages.Text;
using CSharpSecretRule = PrReviewBot.Engine.Languages.CSharp.Rules.Security.HardcodedSecretRule;
using LeakedSecretRule = PrReviewBot.Engine.Languages.Text.Rules.Security.LeakedSecretRule;
using PythonSecretRule = PrReviewBot.Engine.Languages.Python.Rules.Security.HardcodedSecretRule;

namespace PrReviewBot.Engine.Tests.Detection;

/// <summary>
/// One table of name/value pairs, written as C#, Python and YAML in every shape a credential lands
/// in a name, must get the same verdict, the same masked value and the same message everywhere.
/// The values are made at test time (<see cref="FakeSecrets"/>); none was ever a real credential.
/// </summary>
public sealed class SecretParityTests
{
    public static TheoryData<string, string, bool> Rows()
    {
        var hex = FakeSecrets.Digits(8, seed: 21) + "-" + FakeSecrets.Base62(4, seed: 22) + "-4a1f-9c3e-" + FakeSecrets.Digits(12, seed: 23);
        return new TheoryData<string, string, bool>
        {
            { "db_password", FakeSecrets.Base62(16, seed: 1), true },
            { "api_key", FakeSecrets.Base62(24, seed: 2), true },
            { "client_secret", hex, true },
            { "auth_token", "ghp_" + FakeSecrets.Base62(36, seed: 3), true },
            { "github_token", "xoxb-" + FakeSecrets.Digits(12, seed: 9) + "-" + FakeSecrets.Digits(13, seed: 10) + "-" + FakeSecrets.Base62(24, seed: 11), true },
            { "aws_secret_access_key", FakeSecrets.Base62(40, seed: 4), true },
            { "SECRET_KEY", "django-insecure-" + FakeSecrets.Base62(20, seed: 5), true },
            { "password", "hunter22", true },
            { "passphrase", "a", false },
            { "smtpPass", "Winter2024!", true },
            { "password", "changeme", false },
            { "password", "${DB_PASSWORD}", false },
            { "password", "password", false },
            { "db_password", "DB_PASSWORD", false },
            { "password", string.Empty, false },
            { "password_hint", FakeSecrets.Base62(12, seed: 6), false },
            { "tokenizer", FakeSecrets.Base62(12, seed: 7), false },
            { "secretary", FakeSecrets.Base62(12, seed: 8), false },
            { "PasswordField", "txtPassword", false },
            { "password_reset_url", "/users/reset", false },
            { "secret_key", "not-a-real-secret", false },
            { "api_key", "your-api-key-here", false },
            { "api_token", "test-token-123", false },
            { "cache_key", FakeSecrets.Base62(16, seed: 12), false },
            { "auth_local", "scram-sha-256", false },
            { "encryption_secret", "aes-256-gcm", false },
            { "publishFeedCredentials", "PowerShellNuGetOrgPush", false },
            { "client_secret", string.Concat(FakeSecrets.Base62(40, seed: 31).Where(char.IsLetter).Take(22)), true },
        };
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Csharp_python_and_yaml_agree_on_every_row(string name, string value, bool isSecret)
    {
        var verdicts = new Dictionary<string, string?>
        {
            ["C# field"] = CSharp($"public sealed class Settings\n{{\n    private readonly string {name} = \"{value}\";\n}}\n"),
            ["C# local"] = CSharp($"public sealed class Settings\n{{\n    public void Load()\n    {{\n        var {name} = \"{value}\";\n    }}\n}}\n"),
            ["C# property"] = CSharp($"public sealed class Settings\n{{\n    public string {name} {{ get; set; }} = \"{value}\";\n}}\n"),
            ["C# named argument"] = CSharp($"public sealed class Settings\n{{\n    public void Load()\n    {{\n        Use({name}: \"{value}\");\n    }}\n\n    private static void Use(string {name}) {{ }}\n}}\n"),
            ["Python assignment"] = Python($"{name} = \"{value}\"\n"),
            ["Python keyword argument"] = Python($"client = connect({name}=\"{value}\")\n"),
            ["Python dictionary key"] = Python($"CONFIG = {{\"{name}\": \"{value}\"}}\n"),
            ["YAML"] = Yaml($"{name}: {value}\n"),
            ["YAML quoted"] = Yaml($"{name}: \"{value}\"\n"),
        };

        var expected = verdicts["C# field"];
        Assert.True((expected is not null) == isSecret, $"C# field: expected {(isSecret ? "a finding" : "none")}, got {expected ?? "none"}");
        foreach (var (shape, message) in verdicts)
        {
            Assert.True(message == expected, $"{shape} says \"{message ?? "nothing"}\" but the C# field says \"{expected ?? "nothing"}\"");
        }

        if (expected is not null && value.Length > 3)
        {
            Assert.DoesNotContain(value, expected, StringComparison.Ordinal);
            Assert.DoesNotContain(value[Math.Min(4, value.Length / 3)..], expected, StringComparison.Ordinal);
        }
    }

    private static string? CSharp(string source) => Single(CSharpRuleVerifier.Run<CSharpSecretRule>(source));

    private static string? Python(string source) => Single(PythonRuleVerifier.Run<PythonSecretRule>(source));

    private static string? Yaml(string text) => Single(TextRuleVerifier.Run<LeakedSecretRule>(text, "config/settings.yml"));

    private static string? Single(IReadOnlyList<RawFinding> findings)
    {
        Assert.True(findings.Count <= 1, string.Join("\n", findings.Select(finding => finding.Message)));
        return findings.Count == 0 ? null : findings[0].Message;
    }
}
