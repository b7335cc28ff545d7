namespace PrReviewBot.Engine.Configuration;

/// <summary>A configuration file could not be used; the message names the file, line and key.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException()
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
