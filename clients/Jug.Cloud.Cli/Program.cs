using System.Globalization;
using Jug.Cloud.Cli;

// The same results on every worker, whatever its locale; user code may still create other cultures.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

return await JugCloudCli.RunAsync(args);
