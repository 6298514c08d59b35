using Jug.Cloud.Web.Access;
using Microsoft.AspNetCore.Http;

namespace Jug.Cloud.Web.Api;

/// <summary>
/// Lets a request through if its role allows it (401 without a valid token, 403 for an action without
/// the write permission or the page's own header), and lets allowed origins read the answer.
/// </summary>
internal static class AccessFilter
{
    public const string RoleItem = "jugcloud.role";

    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext factory, EndpointFilterDelegate next, WebRole needed) => async context =>
    {
        var http = context.HttpContext;
        var access = (WebAccess)http.RequestServices.GetService(typeof(WebAccess))!;
        AllowOrigin(http, access.Options);
        var role = access.RoleOf(http);
        if (role == WebRole.None)
        {
            return ApiErrors.Error(StatusCodes.Status401Unauthorized, "A token is needed: Authorization: Bearer TOKEN, the X-JugCloud-Token header, or ?token=TOKEN.");
        }

        if (needed == WebRole.Write)
        {
            if (role != WebRole.Write)
            {
                return ApiErrors.Error(StatusCodes.Status403Forbidden, access.Options.ReadOnly ? "This page is read-only." : "Actions need the write token.");
            }

            if (!http.Request.Headers.ContainsKey(WebAccess.ActionHeader) || IsCrossOrigin(http))
            {
                return ApiErrors.Error(StatusCodes.Status403Forbidden, $"Actions are posted by the page itself, with the {WebAccess.ActionHeader} header.");
            }
        }

        http.Items[RoleItem] = role;
        return await next(context);
    };

    /// <summary>Adds the CORS answer for an origin the operator listed; others get none, so browsers keep the answer from them.</summary>
    public static void AllowOrigin(HttpContext http, WebStatusOptions options)
    {
        if (http.Request.Headers.Origin.ToString() is { Length: > 0 } origin
            && options.AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase))
        {
            http.Response.Headers.AccessControlAllowOrigin = origin;
            http.Response.Headers.AccessControlAllowHeaders = $"Authorization, {WebAccess.TokenHeader}";
            http.Response.Headers.AccessControlAllowMethods = "GET";
            http.Response.Headers.Vary = "Origin";
        }
    }

    private static bool IsCrossOrigin(HttpContext http) =>
        http.Request.Headers.Origin.ToString() is { Length: > 0 } origin
        && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase));
}
