using System.Runtime.InteropServices;

namespace Jug.Cloud.Bench.Output;

/// <summary>One line saying what the numbers were measured on.</summary>
internal static class MachineDescription
{
    public static string Describe()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{Environment.ProcessorCount} cores, {Units.Bytes(memory)} memory, {CpuModel()}, " +
            $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            foreach (var line in File.ReadLines(cpuInfo))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
