using System.Text.Json;
using System.Text.Json.Serialization;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Objects;

/// <summary>A claim object's content: <c>{"Owner":…,"ExpiresAt":…}</c>.</summary>
internal static class ClaimJson
{
    public static byte[] Write(string owner, DateTimeOffset expiresAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new ClaimDocument(owner, expiresAt), ClaimJsonContext.Default.ClaimDocument);

    /// <summary>Null for an absent object or one that is not a claim (which takers treat as expired).</summary>
    public static ClaimInfo? Read(TaskHash key, byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            var claim = JsonSerializer.Deserialize(bytes, ClaimJsonContext.Default.ClaimDocument);
            return claim?.Owner is null ? null : new ClaimInfo(key, claim.Owner, claim.ExpiresAt);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The claim's JSON form.</summary>
internal sealed record ClaimDocument(string Owner, DateTimeOffset ExpiresAt);

/// <summary>Source-generated JSON for claims: no reflection, so trimmed and file-based apps can use the store.</summary>
[JsonSerializable(typeof(ClaimDocument))]
internal sealed partial class ClaimJsonContext : JsonSerializerContext;
