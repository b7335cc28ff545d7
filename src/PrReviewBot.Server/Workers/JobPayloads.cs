using System.Text.Json;

namespace PrReviewBot.Server.Workers;

/// <summary>What a <c>/review</c> job remembers of the comment that asked for it.</summary>
public sealed record ReviewCommandPayload(long CommentId, string Author, string? AuthorAssociation)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReviewCommandPayload FromJson(string json) =>
        JsonSerializer.Deserialize<ReviewCommandPayload>(json, Json) ?? throw new InvalidDataException("The /review job has no payload.");
}
