using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Tests;

/// <summary>Free text quoting addresses (messages, configuration values, help) shows no password or secret query value.</summary>
[Trait("Category", "Unit")]
public sealed class SecretTextTests
{
    [Theory]
    [InlineData("Jugfile 'redis://jug:pw-S3cret@127.0.0.1:1' not found.", "Jugfile 'redis://jug:***@127.0.0.1:1' not found.")]
    [InlineData("'short' must be true or false, not \"redis:jug:pw-S3cret@127.0.0.1\".", "'short' must be true or false, not \"redis:jug:***@127.0.0.1\".")]
    [InlineData("not [\"redis://u:pw-S3cret@h:1/x?cluster=a\", 1].", "not [\"redis://u:***@h:1/x?cluster=a\", 1].")]
    [InlineData("a redis://:pw-S3cret@a and rediss://u:pw-S3cret@b,c:2 too", "a redis://:***@a and rediss://u:***@b,c:2 too")]
    [InlineData("redis://u:pw@S3cret/x@host:1", "redis://u:***@host:1")]
    [InlineData("[default: s3://b/p?endpoint=http://x:1&secretKey=pw-S3cret]", "[default: s3://b/p?endpoint=http://x:1&secretKey=***]")]
    [InlineData("{ \"jugdir\": \"s3://b/p?endpoint=http://x:1\\u0026secretKey=pw-S3cret\" }", "{ \"jugdir\": \"s3://b/p?endpoint=http://x:1\\u0026secretKey=***\" }")]
    [InlineData("azblob://c?sig=pw-S3cret&sv=1 (SAS)", "azblob://c?sig=***&sv=1 (SAS)")]
    public void Passwords_and_secret_values_are_hidden_wherever_they_stand(string text, string redacted)
    {
        var shown = SecretText.Redact(text);

        Assert.DoesNotContain("S3cret", shown, StringComparison.Ordinal);
        Assert.Equal(redacted, shown);
    }

    [Theory]
    [InlineData("jugcloud: Redis at redis://127.0.0.1:6379?cluster=prod is not reachable (Connection refused).")]
    [InlineData("mail me at user@example.org, see http://docs/x?page=3 later")]
    [InlineData("redis://user@localhost:6379 and 12:30@noon")]
    public void Text_without_secrets_is_unchanged(string text)
    {
        var shown = SecretText.Redact(text);

        Assert.Equal(text, shown);
    }
}
