namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>A parameter of a known API that takes a credential, by position and by keyword.</summary>
/// <param name="Position">Its index among the positional arguments, or -1 when it can only be passed by keyword.</param>
/// <param name="Role">What it is, for the message: "the AWS secret access key".</param>
/// <param name="Generated">The service issues it (access keys, API secrets) rather than a person choosing it (passwords).</param>
internal sealed record CredentialParameter(int Position, string Keyword, string Role, bool Generated);

/// <summary>
/// The credential parameters of known Python APIs (boto3, botocore, redis, PyGreSQL, PyJWT, python-jose, pylast): a literal handed to one of them
/// is a hard-coded credential whatever the variable or argument is called, also when it is passed by position.
/// </summary>
internal static class CredentialParameters
{
    private static readonly CredentialParameter[] AwsClient =
    [
        // boto3.client(service_name, region_name, api_version, use_ssl, verify, endpoint_url, aws_access_key_id, aws_secret_access_key, aws_session_token, config)
        new(6, "aws_access_key_id", "the AWS access key id", Generated: true),
        new(7, "aws_secret_access_key", "the AWS secret access key", Generated: true),
        new(8, "aws_session_token", "the AWS session token", Generated: true),
    ];

    private static readonly CredentialParameter[] AwsSession =
    [
        new(0, "aws_access_key_id", "the AWS access key id", Generated: true),
        new(1, "aws_secret_access_key", "the AWS secret access key", Generated: true),
        new(2, "aws_session_token", "the AWS session token", Generated: true),
    ];

    /// <summary>Any other call given the AWS credential keywords (a wrapper, a resource of a session held elsewhere).</summary>
    private static readonly CredentialParameter[] AwsKeywords = [.. AwsSession.Select(parameter => parameter with { Position = -1 })];

    private static readonly CredentialParameter[] Redis = [new(3, "password", "the password", Generated: false)];

    /// <summary>PyGreSQL: <c>pg.DB(dbname, host, port, opt, user, passwd)</c>.</summary>
    private static readonly CredentialParameter[] PyGreSql = [new(5, "passwd", "the password", Generated: false)];

    private static readonly CredentialParameter[] LastFm =
    [
        new(0, "api_key", "the API key", Generated: true),
        new(1, "api_secret", "the API secret", Generated: true),
        new(4, "password_hash", "the password hash", Generated: false),
    ];

    /// <summary>PyJWT and python-jose: <c>jwt.encode(claims, key, algorithm)</c>, <c>jwt.decode(token, key, algorithms)</c>; a guessable word is still a key anyone can sign with.</summary>
    private static readonly CredentialParameter[] JwtKey = [new(1, "key", "the signing key", Generated: false)];

    /// <summary>The credential parameters of the API a resolved callee names (see <see cref="PythonSecurityHelpers.Resolved"/>).</summary>
    public static IReadOnlyList<CredentialParameter> Of(string resolved) => resolved switch
    {
        "boto3.client" or "boto3.resource" => AwsClient,
        "boto3.Session" or "boto3.session.Session" => AwsSession,
        _ when resolved.StartsWith("boto3.", StringComparison.Ordinal) && (resolved.EndsWith(").client", StringComparison.Ordinal) || resolved.EndsWith(").resource", StringComparison.Ordinal)) => AwsClient,
        _ when resolved.StartsWith("botocore.", StringComparison.Ordinal) && resolved.EndsWith(".create_client", StringComparison.Ordinal) => AwsClient,
        "redis.Redis" or "redis.StrictRedis" or "redis.client.Redis" or "redis.client.StrictRedis" => Redis,
        "pg.DB" or "pg.connect" => PyGreSql,
        "jwt.encode" or "jwt.decode" or "jose.jwt.encode" or "jose.jwt.decode" => JwtKey,
        "pylast.LastFMNetwork" or "pylast.LibreFMNetwork" => LastFm,
        _ => AwsKeywords,
    };
}
