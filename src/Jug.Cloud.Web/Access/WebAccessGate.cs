using Jug.Cloud.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Jug.Cloud.Web.Access;

/// <summary>
/// Puts the page's read permission in front of paths that are not the page's own endpoints
/// (<c>/metrics</c>, Orleans' dashboard under <c>/orleans</c>): without a valid token where one is
/// configured, 401 as on the page. Endpoint filters cannot do it there, since those paths are not
/// minimal-API handlers.
/// </summary>
public static class WebAccessGate
{
    /// <summary>The cookie that keeps a gated path's token for the browser app under it.</summary>
    public const string CookieName = "jugcloud-token";

    /// <summary>Answers 401 to requests under <paramref name="paths"/> that may not read the page.</summary>
    public static IApplicationBuilder UseJugCloudWebAccess(this IApplicationBuilder app, params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(paths);
        var gated = Array.ConvertAll(paths, p => new PathString(p));
        return app.Use(async (http, next) =>
        {
            if (gated.FirstOrDefault(p => http.Request.Path.StartsWithSegments(p)) is { HasValue: true } path)
            {
                // A browser app under the path (the dashboard) fetches its data without the token: the
                // first load's ?token= is kept in a cookie sent back to that path only.
                if (http.Request.Cookies[CookieName] is { Length: > 0 } kept && !http.Request.Headers.ContainsKey(WebAccess.TokenHeader))
                {
                    http.Request.Headers[WebAccess.TokenHeader] = kept;
                }

                if (http.RequestServices.GetRequiredService<WebAccess>().RoleOf(http) == WebRole.None)
                {
                    await ApiErrors.Error(StatusCodes.Status401Unauthorized, "A token is needed: Authorization: Bearer TOKEN, the X-JugCloud-Token header, or ?token=TOKEN.").ExecuteAsync(http);
                    return;
                }

                if (http.Request.Query["token"].ToString() is { Length: > 0 } token)
                {
                    http.Response.Cookies.Append(CookieName, token, new CookieOptions { Path = path, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps });
                }
            }

            await next(http);
        });
    }
}
