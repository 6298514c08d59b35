using System.CommandLine;
using System.Net;
using Jug.Cloud.Web.Hosting;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Cli.Commands;

/// <summary>The web page's flags, shared by <c>webstatus</c> and <c>silo --web</c>: where it listens and who may use it.</summary>
internal sealed class WebOptions
{
    public WebOptions(string addressName, Option<int> port)
    {
        Address = new Option<string?>(addressName) { Description = "The address the page listens on (default: loopback; any other needs --web-token)." };
        Port = port;
    }

    public Option<string?> Address { get; }

    public Option<int> Port { get; }

    public Option<string?> Token { get; } = new("--web-token") { Description = "The token a request needs to read the page (or JUGCLOUD_WEB_TOKEN); never printed." };

    public Option<string?> WriteToken { get; } = new("--web-write-token") { Description = "The token a request needs to act: retry, invalidate, remove locks, cancel (or JUGCLOUD_WEB_WRITE_TOKEN); never printed." };

    public Option<bool> ReadOnly { get; } = new("--read-only") { Description = "Offer no actions." };

    public Option<string?> Origins { get; } = new("--allowed-origins") { Description = "Comma-separated origins whose pages may embed the widget (default: none)." };

    public IEnumerable<Option> All => [Address, Port, Token, WriteToken, ReadOnly, Origins];

    /// <summary>The settings the flags give, checked closed (one line, exit 2, before anything starts).</summary>
    public WebServerSettings Settings(ParseResult parse)
    {
        var settings = new WebServerSettings
        {
            Address = parse.GetValue(Address) is { } text
                ? IPAddress.TryParse(text, out var ip) ? ip : throw new ArgumentException($"{Address.Name} '{text}' is not an IP address.")
                : IPAddress.Loopback,
            Port = parse.GetValue(Port) is var p and >= 0 and <= 65535 ? p : throw new ArgumentException($"{Port.Name} must be from 0 to 65535."),
            Access = o =>
            {
                o.ReadToken = parse.GetValue(Token);
                o.WriteToken = parse.GetValue(WriteToken);
                o.ReadOnly = parse.GetValue(ReadOnly);
                foreach (var origin in (parse.GetValue(Origins) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    o.AllowedOrigins.Add(origin.TrimEnd('/'));
                }
            },
            LogLevel = parse.GetValue(CommonOptions.Verbose) ? LogLevel.Information : LogLevel.Warning,
        };
        settings.CheckClosed();
        return settings;
    }
}
