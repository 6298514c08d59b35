namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>What a run still waits for, as the dispatcher counts it when it asks whether the run is over.</summary>
/// <param name="Queued">Ready tasks queued (stale entries included).</param>
/// <param name="Retrying">Failed tasks waiting for their backoff.</param>
/// <param name="HeldElsewhere">Tasks parked while another process holds their claim.</param>
/// <param name="Leased">Tasks handed to workers and not reported yet.</param>
/// <param name="ReportsInFlight">Reports whose completions are still being passed to the shards.</param>
/// <param name="InputsMissing">Tasks that found inputs missing from the store.</param>
internal readonly record struct OutstandingWork(int Queued, int Retrying, int HeldElsewhere, int Leased, int ReportsInFlight, int InputsMissing);
