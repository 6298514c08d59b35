using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// A dispatcher's reports to its run's supervisor (the cluster's run grain), for keys of the form
/// <see cref="RunKey"/>; an unsupervised (embedded) run has none and these do nothing.
/// </summary>
internal sealed class SupervisorLink
{
    private readonly IRunSupervisorGrain? _supervisor;
    private readonly int _epoch;
    private bool _lostReported;

    public SupervisorLink(IGrainFactory grains, string dispatcherKey)
    {
        if (RunKey.TryParse(dispatcherKey, out var runId, out var epoch))
        {
            _supervisor = grains.GetGrain<IRunSupervisorGrain>(runId);
            _epoch = epoch;
        }
    }

    /// <summary>The run has a supervisor, so it can lose its state and be submitted again.</summary>
    public bool Supervised => _supervisor is not null;

    /// <summary>
    /// Tells the supervisor once that this epoch is lost, retrying until it answers: it may itself be
    /// reactivating after the same silo's death, and nobody else might ask it.
    /// </summary>
    public void Lost(string reason)
    {
        if (_lostReported || _supervisor is null)
        {
            return;
        }

        _lostReported = true;
        _ = LostAsync(_supervisor, _epoch, reason);
    }

    /// <summary>Tells the supervisor the epoch finished (one-way: the supervisor also asks).</summary>
    public void Finished(RunProgress progress) => _ = _supervisor?.Finished(_epoch, progress);

    private static async Task LostAsync(IRunSupervisorGrain supervisor, int epoch, string reason)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                await supervisor.Lost(epoch, reason);
                return;
            }
#pragma warning disable CA1031 // Any failure is retried: the supervisor's silo may be the one that died.
            catch (Exception)
#pragma warning restore CA1031
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }
}
