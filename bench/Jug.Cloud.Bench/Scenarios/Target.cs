using Jug.Cloud.Bench.Output;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>Which way a measured value must go to meet its target.</summary>
internal enum TargetKind
{
    /// <summary>The measured value must be at least the target (throughput).</summary>
    AtLeast,

    /// <summary>The measured value must be at most the target (time, memory, ratio).</summary>
    AtMost,
}

/// <summary>A scenario's target: a bound on one measured value, in a unit.</summary>
/// <param name="Kind">Which side of the bound passes.</param>
/// <param name="Value">The bound.</param>
/// <param name="Unit">How the value and the bound are printed.</param>
internal sealed record Target(TargetKind Kind, double Value, Unit Unit)
{
    public static Target AtLeast(double value, Unit unit) => new(TargetKind.AtLeast, value, unit);

    public static Target AtMost(double value, Unit unit) => new(TargetKind.AtMost, value, unit);

    /// <summary>True if <paramref name="measured"/> meets the target.</summary>
    public bool IsMet(double measured) => Kind == TargetKind.AtLeast ? measured >= Value : measured <= Value;

    /// <summary>How far <paramref name="measured"/> is from the bound, as a fraction of it (positive when short).</summary>
    public double Shortfall(double measured) =>
        Kind == TargetKind.AtLeast ? (Value - measured) / Value : (measured - Value) / Value;

    public override string ToString() => (Kind == TargetKind.AtLeast ? "≥ " : "≤ ") + Unit.Format(Value);
}
