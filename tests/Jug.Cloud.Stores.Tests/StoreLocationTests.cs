using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Stores.Tests;

[Trait("Category", "Unit")]
public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("run.jugdata", "/base", "/base/run.jugdata")]
    [InlineData("data/../run.jugdata", "/base", "/base/run.jugdata")]
    [InlineData("/abs/run.jugdata", "/base", "/abs/run.jugdata")]
    [InlineData("./s3:/x", "/base", "/base/s3:/x")]
    [InlineData("file:///abs/dir", "/base", "/abs/dir")]
    [InlineData("file:///with%20space", "/base", "/with space")]
    [InlineData("file://localhost/abs/dir", "/base", "/abs/dir")]
    [InlineData("file:/abs/dir", "/base", "/abs/dir")]
    [InlineData("FILE:///abs/dir", "/base", "/abs/dir")]
    public void Paths_and_file_uris_are_file_locations(string text, string baseDirectory, string path)
    {
        var location = StoreLocation.Parse(text, baseDirectory);
        Assert.Equal(("file", path), (location.Scheme, location.Path));
        Assert.Null(location.Uri);
        Assert.Empty(location.Query);
        Assert.Equal(text, location.ToString());
    }

    [Fact]
    public void A_relative_path_without_a_base_resolves_against_the_current_directory() =>
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "x.jugdata"), StoreLocation.Parse("x.jugdata").Path);

    [Theory]
    [InlineData("memory:", null)]
    [InlineData("MEMORY:", null)]
    [InlineData("memory:run.bin", "/base/run.bin")]
    [InlineData("memory:sub/run.bin", "/base/sub/run.bin")]
    [InlineData("memory:/abs/run.bin", "/abs/run.bin")]
    public void Memory_locations_take_an_optional_file(string text, string? path)
    {
        var location = StoreLocation.Parse(text, "/base");
        Assert.Equal(("memory", path), (location.Scheme, location.Path));
        Assert.Null(location.Uri);
    }

    [Fact]
    public void Server_uris_keep_host_port_path_user_and_query()
    {
        var location = StoreLocation.Parse("redis://user:p%40ss:word@cache.local:6380/2?ssl=true&Timeout=5");
        Assert.Equal("redis", location.Scheme);
        Assert.Null(location.Path);
        Assert.Equal(("cache.local", 6380), (location.Host, location.Port));
        Assert.Equal(("user", "p@ss:word"), (location.UserName, location.Password));
        Assert.Equal("/2", location.Uri!.AbsolutePath);
        Assert.Equal("true", location.Query["ssl"]);
        Assert.Equal("5", location.Query["timeout"]);
    }

    [Fact]
    public void A_uri_without_a_port_or_user_leaves_them_null()
    {
        var location = StoreLocation.Parse("Redis://cache.local");
        Assert.Equal("redis", location.Scheme);
        Assert.Null(location.Port);
        Assert.Null(location.UserName);
        Assert.Null(location.Password);
        Assert.Empty(location.Query);
    }

    [Fact]
    public void S3_uris_keep_bucket_prefix_and_escaped_query_values()
    {
        var location = StoreLocation.Parse("s3://bucket/some/prefix?endpoint=http%3A%2F%2F127.0.0.1%3A4568&region=us-east-1&path-style");
        Assert.Equal("bucket", location.Host);
        Assert.Equal("/some/prefix", location.Uri!.AbsolutePath);
        Assert.Equal("http://127.0.0.1:4568", location.Query["endpoint"]);
        Assert.Equal("us-east-1", location.Query["region"]);
        Assert.Equal("", location.Query["path-style"]);
    }

    [Theory]
    [InlineData("redis://user:secret@localhost:6379/0", "redis://user:***@localhost:6379/0")]
    [InlineData("redis://:secret@localhost", "redis://:***@localhost")]
    [InlineData("redis://user:se@cr/et@localhost:6379", "redis://user:***@localhost:6379")]
    [InlineData("azblob://container/prefix?sv=2024&sig=secret&account=x", "azblob://container/prefix?sv=2024&sig=***&account=x")]
    [InlineData("s3://bucket/p?endpoint=http://minio:9000&secretKey=secret", "s3://bucket/p?endpoint=http://minio:9000&secretKey=***")]
    [InlineData("redis://user@localhost", "redis://user@localhost")]
    [InlineData("redis:user:secret@localhost", "redis:user:***@localhost")]
    [InlineData("redis:localhost?password=secret", "redis:localhost?password=***")]
    public void Passwords_and_secrets_never_show(string text, string redacted)
    {
        string shown;
        try
        {
            var location = StoreLocation.Parse(text);
            Assert.Equal(location.Redacted, location.ToString());
            shown = location.ToString();
        }
        catch (JugStoreException e)
        {
            shown = e.Message;
        }

        Assert.DoesNotContain("secret", shown.Replace("secretKey", ""));
        Assert.Contains(redacted, shown);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("redis://")]
    [InlineData("redis://:6379")]
    [InlineData("s3:/x")]
    [InlineData("s3:bucket")]
    [InlineData("redis://host:notaport")]
    [InlineData("file://server/share")]
    [InlineData("memory://x")]
    [InlineData("redis://host?db=1&db=2")]
    [InlineData("redis://host?=1")]
    [InlineData("redis://ho\nst")]
    public void Malformed_locations_fail_with_one_line_naming_the_input(string text)
    {
        var error = Assert.Throws<JugStoreException>(() => StoreLocation.Parse(text, "/base"));
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.Contains($"'{text.Replace("\n", "\\u000a")}'", error.Message);
    }

    [Fact]
    public void A_malformed_uri_with_a_password_does_not_show_it_in_the_error()
    {
        var error = Assert.Throws<JugStoreException>(() => StoreLocation.Parse("redis://user:hunter2@host:notaport"));
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Contains("redis://user:***@host:notaport", error.Message);
    }
}

[Trait("Category", "Unit")]
public sealed class StoreRegistryTests
{
    [Fact]
    public void An_unknown_scheme_names_itself_the_input_and_the_supported_ones()
    {
        var registry = new StoreRegistry().AddFileStore().AddMemoryStore();
        var error = Assert.Throws<JugStoreException>(() => registry.Open("foo://x"));
        Assert.Equal("unknown store scheme 'foo' in 'foo://x' (supported: file, memory)", error.Message);
    }

    [Fact]
    public void The_unknown_scheme_error_hides_passwords()
    {
        var error = Assert.Throws<JugStoreException>(() => new StoreRegistry().Open("redis://u:hunter2@host"));
        Assert.Equal("unknown store scheme 'redis' in 'redis://u:***@host' (supported: none registered)", error.Message);
    }

    [Fact]
    public void Providers_are_chosen_by_scheme_and_a_later_one_replaces_an_earlier()
    {
        var registry = new StoreRegistry().AddFileStore().AddMemoryStore();
        Assert.Equal(["file", "memory"], registry.Schemes.Order(StringComparer.Ordinal));
        Assert.IsType<MemoryJugStore>(registry.Open("memory:"));
        Assert.IsType<FileJugStore>(registry.Open("some/dir", "/tmp"));

        var recording = new RecordingProvider();
        registry.Register(recording);
        registry.Open("memory:x", "/base");
        Assert.Equal("/base/x", Assert.Single(recording.Opened).Path);
    }

    [Fact]
    public void Registries_are_independent()
    {
        var recording = new RecordingProvider();
        var first = new StoreRegistry().Register(recording);
        var second = new StoreRegistry().AddMemoryStore();

        // A provider added to one registry is neither used nor seen by another.
        Assert.IsType<MemoryJugStore>(second.Open("memory:"));
        Assert.Empty(recording.Opened);
        Assert.Throws<JugStoreException>(() => new StoreRegistry().Open("memory:"));
        first.Open("memory:");
        Assert.Single(recording.Opened);
    }

    private sealed class RecordingProvider : IStoreProvider
    {
        public List<StoreLocation> Opened { get; } = [];

        public IReadOnlyCollection<string> Schemes { get; } = ["MEMORY"];

        public IJugStore Open(StoreLocation location)
        {
            Opened.Add(location);
            return new MemoryJugStore();
        }
    }
}
