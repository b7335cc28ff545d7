using Microsoft.Extensions.Options;

namespace PrReviewBot.Server;

/// <summary>Start failures that are the operator's settings, told as one message naming the setting.</summary>
public static class ServerStartFailure
{
    private static readonly string[] Sections = ["GitHub:", "Storage:", "Queue:", "Webhook:", "Review:"];

    public static bool IsConfiguration(Exception exception) => exception switch
    {
        OptionsValidationException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsConfiguration),
        _ => Sections.Any(section => exception.Message.Contains(section, StringComparison.Ordinal)),
    };

    public static string Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        AggregateException aggregate => string.Join(" ", aggregate.InnerExceptions.Select(Describe)),
        _ => exception.Message,
    };
}
