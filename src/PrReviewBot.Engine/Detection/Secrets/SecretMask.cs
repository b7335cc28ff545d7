namespace PrReviewBot.Engine.Detection.Secrets;

/// <summary>The one way a secret is shown in a message: a few leading characters and an ellipsis.</summary>
public static class SecretMask
{
    /// <summary>
    /// The first <paramref name="keep"/> characters (never more than four, nor more than a third of
    /// the value) and an ellipsis; the rest, and the length, stay hidden.
    /// </summary>
    public static string Of(string value, int keep = 1)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = Math.Min(Math.Min(keep, 4), value.Length / 3);
        while (shown > 0 && char.IsControl(value[shown - 1]))
        {
            shown--;
        }

        return string.Concat(value.AsSpan(0, shown), "…");
    }
}
