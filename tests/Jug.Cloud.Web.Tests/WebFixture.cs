using System.Net;
using Jug.Cloud.Client;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;
using Jug.Cloud.Web.Access;
using Jug.Cloud.Web.Hosting;
using Jug.Cloud.Web.Sources;

namespace Jug.Cloud.Web.Tests;

/// <summary>A graph, its store and the page over them on a free loopback port.</summary>
internal sealed class WebFixture : IAsyncDisposable
{
    public static readonly ExecuteOptions Execute = new() { Jobs = 2, KeepGoing = true, RetryDelay = TimeSpan.FromMilliseconds(10) };

    private WebFixture(TaskGraph graph, IJugStore store, JugdirStatusSource source, WebStatusServer server)
    {
        Graph = graph;
        Store = store;
        Source = source;
        Server = server;
        Client = new HttpClient { BaseAddress = server.Address };
    }

    public TaskGraph Graph { get; }

    public IJugStore Store { get; }

    public JugdirStatusSource Source { get; }

    public WebStatusServer Server { get; }

    public HttpClient Client { get; }

    public static TaskGraph Build(Action declare)
    {
        var context = new JugContext();
        using (context.Enter())
        {
            declare();
        }

        return context.Graph;
    }

    public static async Task<WebFixture> StartAsync(TaskGraph graph, IJugStore store, Action<WebStatusOptions>? access = null, IPAddress? address = null)
    {
        var source = new JugdirStatusSource(graph, store, "test jugfile");
        var server = await WebStatusServer.StartAsync(source, new JugdirActions(source), new WebServerSettings { Access = access, Address = address ?? IPAddress.Loopback });
        return new WebFixture(graph, store, source, server);
    }

    public Task<ExecutionSummary> RunAsync(CancellationToken cancellationToken = default) =>
        JugEngine.ExecuteAsync(Graph, Store, Execute, cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Source.Dispose();
        await Store.DisposeAsync();
    }
}
