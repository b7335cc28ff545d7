namespace PrReviewBot.GitHub;

/// <summary>The App's identity and how to reach GitHub; bound from the <c>GitHub</c> configuration section.</summary>
public sealed class GitHubAppOptions
{
    public const string SectionName = "GitHub";

    /// <summary>The App id from the App's settings page.</summary>
    public long AppId { get; set; }

    /// <summary>The App's private key as PEM text (<c>GitHub__PrivateKey</c>).</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A file holding the App's private key (<c>GitHub__PrivateKeyPath</c>); used when <see cref="PrivateKey"/> is empty.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The secret GitHub signs webhook deliveries with.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary><c>https://api.github.com/</c>, or <c>https://HOST/api/v3/</c> for GitHub Enterprise Server.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.github.com/");

    /// <summary>Retries of one request on 5xx, network errors and short rate limits.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest rate-limit wait spent inside one request; longer waits fail the request so the job retries later.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The PEM text of the private key, from <see cref="PrivateKey"/> or the file at <see cref="PrivateKeyPath"/>.</summary>
    public string ReadPrivateKey()
    {
        if (!string.IsNullOrWhiteSpace(PrivateKey))
        {
            // Environment variables and secret stores often flatten newlines to "\n".
            return PrivateKey.Replace("\\n", "\n", StringComparison.Ordinal);
        }

        if (string.IsNullOrWhiteSpace(PrivateKeyPath))
        {
            throw new InvalidOperationException("GitHub:PrivateKey or GitHub:PrivateKeyPath must be set to the App's private key (PEM).");
        }

        if (!File.Exists(PrivateKeyPath))
        {
            throw new InvalidOperationException($"GitHub:PrivateKeyPath names '{PrivateKeyPath}', which does not exist.");
        }

        return File.ReadAllText(PrivateKeyPath);
    }

    /// <summary>What is wrong with these settings, phrased for the operator; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (AppId <= 0)
        {
            problems.Add("GitHub:AppId must be set to the App's numeric id.");
        }

        if (string.IsNullOrWhiteSpace(WebhookSecret))
        {
            problems.Add("GitHub:WebhookSecret must be set to the App's webhook secret.");
        }

        if (!ApiBaseUrl.IsAbsoluteUri || (ApiBaseUrl.Scheme != Uri.UriSchemeHttps && ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("GitHub:ApiBaseUrl must be an absolute http(s) URL such as https://api.github.com/.");
        }

        try
        {
            using var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportFromPem(ReadPrivateKey());
        }
        catch (InvalidOperationException exception)
        {
            problems.Add(exception.Message);
        }
        catch (ArgumentException)
        {
            problems.Add("GitHub:PrivateKey is not an RSA private key in PEM format (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----).");
        }
        catch (IOException exception)
        {
            problems.Add($"GitHub:PrivateKeyPath could not be read: {exception.Message}");
        }

        return problems;
    }
}
