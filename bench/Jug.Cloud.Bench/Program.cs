using System.Globalization;
using Jug.Cloud.Bench;

// Numbers print the same whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

return await BenchCommand.Create().Parse(args).InvokeAsync();
