using BenchmarkDotNet.Running;
using Jug.Cloud.Benchmarks;

// dotnet run -c Release --project bench/Jug.Cloud.Benchmarks -- --filter '*'
// BenchmarkDotNet's own options apply (--filter, --job, --list flat, --exporters…).
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
