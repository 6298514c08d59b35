using Jug.Cloud.Web.Access;
using Jug.Cloud.Web.Actions;
using Jug.Cloud.Web.Api;
using Jug.Cloud.Web.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jug.Cloud.Web.Hosting;

/// <summary>Registers and maps the web status page in an ASP.NET Core app.</summary>
public static class JugCloudWebExtensions
{
    /// <summary>
    /// Adds the page's services: <paramref name="source"/> for its figures, <paramref name="actions"/>
    /// for its actions (none: the page is read-only), and the access options.
    /// </summary>
    public static IServiceCollection AddJugCloudWeb(this IServiceCollection services, IStatusSource source, IStatusActions? actions, Action<WebStatusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(source);
        services.AddSingleton(source);
        services.AddSingleton(actions ?? new NoActions());
        return services.AddWebAccess(actions is null, configure);
    }

    /// <summary>
    /// Adds the page's services with a source and actions made from the host's services (a cluster's
    /// source needs the host's grain factory); the container disposes what they make.
    /// </summary>
    public static IServiceCollection AddJugCloudWeb(this IServiceCollection services, Func<IServiceProvider, IStatusSource> source, Func<IServiceProvider, IStatusActions>? actions, Action<WebStatusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(source);
        services.AddSingleton(source);
        services.AddSingleton(actions ?? (_ => new NoActions()));
        return services.AddWebAccess(actions is null, configure);
    }

    private static IServiceCollection AddWebAccess(this IServiceCollection services, bool readOnly, Action<WebStatusOptions>? configure)
    {
        var options = new WebStatusOptions();
        configure?.Invoke(options);
        if (readOnly)
        {
            options.ReadOnly = true;
        }

        services.AddSingleton(options);
        services.AddSingleton<WebAccess>();
        services.TryAddSingleton<ActionLog>();
        return services;
    }

    /// <summary>
    /// Maps the page under <paramref name="prefix"/>: <c>/</c> (the page), <c>/api/...</c> (JSON and
    /// <c>/api/events</c>), <c>POST /api/actions/...</c>, <c>/widget.js</c> and <c>/healthz</c>. Returns the group, so the
    /// host can add its own authorization (<c>.RequireAuthorization(...)</c>) over the page's tokens.
    /// </summary>
    public static RouteGroupBuilder MapJugCloudWeb(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var root = endpoints.MapGroup(prefix);
        root.AddEndpointFilter(ApiErrors.Guard);

        var open = root.MapGroup("");
        var readable = root.MapGroup("");
        readable.AddEndpointFilterFactory((factory, next) => AccessFilter.Create(factory, next, WebRole.Read));
        var api = readable.MapGroup("/api");
        var actions = root.MapGroup("/api/actions");
        actions.AddEndpointFilterFactory((factory, next) => AccessFilter.Create(factory, next, WebRole.Write));

        PageAssets.Map(readable, open);
        // For container health checks and load balancers: no token, and nothing in it but that the page answers.
        open.MapGet("/healthz", () => Results.Text("ok"));
        ReadEndpoints.Map(api);
        ActionEndpoints.Map(api, actions);

        // A browser asks before a cross-origin read with a token header; listed origins get a yes, others nothing.
        open.MapMethods("/api/{**path}", [HttpMethods.Options], (HttpContext http, WebAccess access) =>
        {
            AccessFilter.AllowOrigin(http, access.Options);
            return Results.NoContent();
        });
        return root;
    }

    /// <summary>Actions of a page that has none.</summary>
    private sealed class NoActions : IStatusActions
    {
        private static Task<ActionOutcome> None() => throw new InvalidOperationException("This page has no actions.");

        public Task<ActionOutcome> RetryAsync(ActionTarget target, CancellationToken cancellationToken) => None();

        public Task<ActionOutcome> PreviewInvalidateAsync(ActionTarget target, CancellationToken cancellationToken) => None();

        public Task<ActionOutcome> InvalidateAsync(ActionTarget target, CancellationToken cancellationToken) => None();

        public Task<ActionOutcome> RemoveStaleLocksAsync(CancellationToken cancellationToken) => None();

        public Task<ActionOutcome> CancelRunAsync(string? runId, CancellationToken cancellationToken) => None();

        public Task<ActionOutcome> DrainWorkerAsync(string worker, CancellationToken cancellationToken) => None();
    }
}
