using System.Reflection;
using Jug.Cloud.Graph;

namespace Jug.Cloud.Client;

/// <summary>What running a jugfile's code declared.</summary>
/// <param name="Graph">The tasks declared.</param>
/// <param name="StoppedAtBarrier">True if the code stopped at a barrier whose tasks were not all done: more tasks may follow it.</param>
/// <param name="BarriersPassed">How many barriers the code passed.</param>
/// <param name="Assembly">The jugfile's compiled assembly, when loaded by <see cref="JugfileLoader"/>.</param>
public sealed record LoadedJugfile(TaskGraph Graph, bool StoppedAtBarrier, int BarriersPassed, Assembly? Assembly);
