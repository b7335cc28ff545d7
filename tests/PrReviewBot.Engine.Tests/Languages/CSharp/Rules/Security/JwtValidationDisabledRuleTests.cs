using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class JwtValidationDisabledRuleTests
{
    [Fact]
    public void Flags_disabled_switches_in_a_multi_line_initializer_with_fixes()
    {
        var findings = CSharpRuleVerifier.Verify<JwtValidationDisabledRule>("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            public static class Auth
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
                    {
                        options.TokenValidationParameters = new TokenValidationParameters
                        {
                            [|ValidateLifetime = false|],
                            RequireSignedTokens = true,
                            ValidateIssuer = false,
                            ValidateAudience = false,
                            [|RequireExpirationTime = false|],
                        };
                    });
                }
            }
            """);
        Assert.Equal("                ValidateLifetime = true,", findings[0].Replacement);
    }

    [Fact]
    public void Flags_unsigned_tokens_and_signing_key_validation_off()
    {
        CSharpRuleVerifier.Verify<JwtValidationDisabledRule>("""
            using Microsoft.IdentityModel.Tokens;

            public static class Auth
            {
                public static TokenValidationParameters Create() => new TokenValidationParameters
                {
                    [|RequireSignedTokens = false|],
                    [|ValidateIssuerSigningKey = false|],
                    ValidateIssuer = false,
                };
            }
            """);
    }

    [Fact]
    public void Flags_disabled_switches_set_one_by_one()
    {
        CSharpRuleVerifier.Verify<JwtValidationDisabledRule>("""
            using Microsoft.IdentityModel.Tokens;

            public static class Auth
            {
                public static TokenValidationParameters Create()
                {
                    TokenValidationParameters parameters = new TokenValidationParameters();
                    [|parameters.RequireExpirationTime = false;|]
                    parameters.ValidateAudience = false;
                    [|parameters.ValidateLifetime = false;|]
                    parameters.ValidateLifetime = true;
                    return parameters;
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_signature_validator_that_skips_validation()
    {
        CSharpRuleVerifier.Verify<JwtValidationDisabledRule>("""
            using System.IdentityModel.Tokens.Jwt;
            using Microsoft.IdentityModel.Tokens;

            public static class Auth
            {
                public static TokenValidationParameters Create() => new TokenValidationParameters
                {
                    ValidateIssuerSigningKey = true,
                    [|SignatureValidator = (token, parameters) => new JwtSecurityToken(token)|],
                };
            }
            """);
    }

    [Fact]
    public void Flags_jwt_net_decoding_without_verification()
    {
        CSharpRuleVerifier.Verify<JwtValidationDisabledRule>("""
            using JWT;
            using JWT.Builder;

            public sealed class Tokens
            {
                private const string Secret = "GQDstcKsx0NHjPOuXOYg5MbeJ1XT0uFiwDVvVBrk";

                public void Read(JwtDecoder decoder, string token)
                {
                    var a = [|decoder.Decode(token, Secret, false)|];
                    var b = [|decoder.Decode(token, verify: false, key: Secret)|];
                    var c = [|decoder.DecodeToObject<User>(token, Secret, false)|];
                    var d = [|decoder?.Decode(token, Secret, false)|];
                    var e = [|decoder.Decode(token)|];
                    var ok = decoder.Decode(token, Secret, verify: true);
                }
            }

            public sealed class User
            {
            }
            """);
    }

    [Fact]
    public void Flags_jwt_builder_chains_without_must_verify_signature()
    {
        CSharpRuleVerifier.Verify<JwtValidationDisabledRule>("""
            using JWT.Builder;

            public sealed class Tokens
            {
                public void Read(string secret, string token)
                {
                    var decoded = [|new JwtBuilder()
                        .WithSecret(secret)
                        .Decode(token)|];
                    var builder = new JwtBuilder().WithSecret(secret);
                    [|builder.Decode(token)|];
                    var off = JwtBuilder.Create().WithSecret(secret).MustVerifySignature().DoNotVerifySignature();
                    [|off.Decode(token)|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_builders_created_with_target_typed_new_and_in_top_level_statements()
    {
        CSharpRuleVerifier.Verify<JwtValidationDisabledRule>("""
            using JWT.Builder;

            JwtBuilder first = new();
            [|first.WithSecret(args[0]).Decode(args[1])|];
            JwtBuilder checkedFirst = new();
            checkedFirst.WithSecret(args[0]).MustVerifySignature().Decode(args[1]);

            void Read(string secret, string token)
            {
                JwtBuilder decoder = new();
                [|decoder.WithSecret(secret).Decode(token)|];
                JwtBuilder verifying = new();
                verifying.WithSecret(secret).MustVerifySignature().Decode(token);
            }
            """);
    }

    [Fact]
    public void Ignores_enabled_validation_and_issuer_or_audience_switches()
    {
        CSharpRuleVerifier.VerifyNone<JwtValidationDisabledRule>("""
            using Microsoft.IdentityModel.Tokens;

            public static class Auth
            {
                public static TokenValidationParameters Create(SecurityKey key) => new TokenValidationParameters
                {
                    ValidateLifetime = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = key,
                    ValidateIssuer = false,
                    ValidateAudience = false,
                };
            }
            """);
    }

    [Fact]
    public void Ignores_jwt_net_decoding_that_verifies()
    {
        CSharpRuleVerifier.VerifyNone<JwtValidationDisabledRule>("""
            using JWT;
            using JWT.Builder;

            public sealed class Tokens
            {
                public void Read(JwtDecoder decoder, string secret, string token)
                {
                    var a = decoder.Decode(token, secret, true);
                    var b = new JwtBuilder().WithSecret(secret).MustVerifySignature().Decode(token);
                    var builder = new JwtBuilder().WithSecret(secret).WithVerifySignature(true);
                    builder.Decode(token);
                    var c = JwtBuilder.Create().WithSecret(secret).DoNotVerifySignature().MustVerifySignature().Decode(token);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_other_decoders_and_own_settings_classes()
    {
        CSharpRuleVerifier.VerifyNone<JwtValidationDisabledRule>("""
            using System;
            using System.Net;

            public sealed class CacheOptions
            {
                public bool ValidateLifetime { get; set; }
            }

            public sealed class Reader
            {
                public void Run(string text)
                {
                    var options = new CacheOptions { ValidateLifetime = false };
                    options.ValidateLifetime = false;
                    var bytes = Convert.FromBase64String(text);
                    var decoded = WebUtility.HtmlDecode(text);
                    var url = Uri.UnescapeDataString(text);
                    var json = Base64Decoder.Decode(text, "key", false);
                }
            }

            public static class Base64Decoder
            {
                public static string Decode(string text, string key, bool strict) => text;
            }
            """);
    }

    [Fact]
    public void Flags_decoder_extension_methods_called_statically()
    {
        CSharpRuleVerifier.Verify<JwtValidationDisabledRule>("""
            using JWT;

            public sealed class Tokens
            {
                public void Read(IJwtDecoder decoder, string token, string secret)
                {
                    var a = [|JwtDecoderExtensions.Decode(decoder, token, secret, false)|];
                    var b = JwtDecoderExtensions.Decode(decoder, token, secret, true);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_a_signature_validator_that_validates()
    {
        CSharpRuleVerifier.VerifyNone<JwtValidationDisabledRule>("""
            using System.IdentityModel.Tokens.Jwt;
            using Microsoft.IdentityModel.Tokens;

            public static class Auth
            {
                public static TokenValidationParameters Create(JwtSecurityTokenHandler handler, TokenValidationParameters inner) => new TokenValidationParameters
                {
                    SignatureValidator = (token, parameters) =>
                    {
                        handler.ValidateToken(token, inner, out var validated);
                        return validated;
                    },
                };
            }
            """);
    }

    [Fact]
    public void Ignores_switches_set_from_configuration()
    {
        CSharpRuleVerifier.VerifyNone<JwtValidationDisabledRule>("""
            using Microsoft.IdentityModel.Tokens;

            public static class Auth
            {
                public static TokenValidationParameters Create(bool isDevelopment) => new TokenValidationParameters
                {
                    ValidateLifetime = !isDevelopment,
                    RequireSignedTokens = true,
                    ClockSkew = System.TimeSpan.Zero,
                };
            }
            """);
    }

    [Fact]
    public void Ignores_reading_tokens_for_their_claims()
    {
        CSharpRuleVerifier.VerifyNone<JwtValidationDisabledRule>("""
            using System.IdentityModel.Tokens.Jwt;

            public static class Claims
            {
                public static string Subject(string token) => new JwtSecurityTokenHandler().ReadJwtToken(token).Subject;
            }
            """);
    }
}
