using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Jug.Cloud.Web.Access;

/// <summary>What a request may do.</summary>
public enum WebRole
{
    /// <summary>Nothing: 401.</summary>
    None,

    /// <summary>Read the page and the API.</summary>
    Read,

    /// <summary>Read, and run actions.</summary>
    Write,
}

/// <summary>
/// Works out a request's role from the token it presents (<c>Authorization: Bearer</c>, the
/// <c>X-JugCloud-Token</c> header, or <c>?token=</c> for the page's first load and its event stream),
/// compared in constant time.
/// </summary>
public sealed class WebAccess(WebStatusOptions options)
{
    /// <summary>The header that carries the token and marks a request as the page's own (actions need it).</summary>
    public const string TokenHeader = "X-JugCloud-Token";

    /// <summary>The header every action request carries: a cross-site form cannot set it without a CORS preflight, which is refused.</summary>
    public const string ActionHeader = "X-JugCloud-Action";

    /// <summary>The options in force.</summary>
    public WebStatusOptions Options { get; } = options;

    /// <summary>The role of <paramref name="context"/>'s request.</summary>
    public WebRole RoleOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = TokenOf(context.Request);
        var canWrite = !Options.ReadOnly;
        if (!Options.HasTokens)
        {
            return canWrite ? WebRole.Write : WebRole.Read;
        }

        if (token is null)
        {
            return WebRole.None;
        }

        if (Matches(token, Options.WriteToken))
        {
            return canWrite ? WebRole.Write : WebRole.Read;
        }

        return Matches(token, Options.ReadToken) ? WebRole.Read : WebRole.None;
    }

    /// <summary>Who acted, for the action log: the host's user if it authenticated one, else the role and address.</summary>
    public static string WhoIs(HttpContext context, WebRole role)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
        {
            return name;
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return role == WebRole.Write ? $"write token from {address}" : address;
    }

    private static string? TokenOf(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() is { Length: > 7 } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization[7..].Trim();
        }

        if (request.Headers[TokenHeader].ToString() is { Length: > 0 } header)
        {
            return header;
        }

        return request.Query["token"].ToString() is { Length: > 0 } query ? query : null;
    }

    private static bool Matches(string presented, string? expected) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(expected));
}
