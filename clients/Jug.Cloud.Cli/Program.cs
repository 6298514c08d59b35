using Jug.Cloud.Cli;

return await JugCloudCli.RunAsync(args);
