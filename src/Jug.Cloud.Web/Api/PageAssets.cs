using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Jug.Cloud.Web.Api;

/// <summary>The page (one HTML file, its script and style) and the widget script, served from the assembly's embedded resources.</summary>
internal static class PageAssets
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type)> Files = Load();

    /// <summary>Maps the page (read access) into <paramref name="page"/> and its script, style and the widget script (no access needed: they hold nothing) into <paramref name="open"/>.</summary>
    public static void Map(RouteGroupBuilder page, RouteGroupBuilder open)
    {
        page.MapGet("/", () => Serve("index.html"));
        // The script and style hold no data (that is behind /api), and a browser fetches them without
        // the ?token= the page was opened with.
        open.MapGet("/app.js", () => Serve("app.js"));
        open.MapGet("/app.css", () => Serve("app.css"));
        open.MapGet("/widget.js", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return Serve("widget.js");
        });
    }

    private static IResult Serve(string name) =>
        Files.TryGetValue(name, out var file) ? Results.Bytes(file.Bytes, file.Type) : Results.NotFound();

    private static FrozenDictionary<string, (byte[] Bytes, string Type)> Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource["wwwroot/".Length..];
            files[name] = (copy.ToArray(), TypeOf(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string TypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };
}
