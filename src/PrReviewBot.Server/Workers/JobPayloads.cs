using System.Text.Json;

namespace PrReviewBot.Server.Workers;

/// <summary>What a <c>/review</c> job remembers of the comment that asked for it.</summary>
/// <param name="Command">The comment's first line (<c>/review</c>, <c>/prreviewbot pause</c>, …); payloads stored before commands had it mean <c>/review</c>.</param>
public sealed record ReviewCommandPayload(long CommentId, string Author, string? AuthorAssociation, string? Command = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReviewCommandPayload FromJson(string json) =>
        JsonSerializer.Deserialize<ReviewCommandPayload>(json, Json) ?? throw new InvalidDataException("The /review job has no payload.");
}
