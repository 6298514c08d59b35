using System.Text.Json;
using Jug.Cloud.Deploy.Tests.Docker;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Deploy.Tests;

/// <summary>The terraform on the PATH, run offline: providers cannot be downloaded here, but fmt and the console's functions need none.</summary>
public static class Terraform
{
    public static string ModulesRoot => Path.Combine(TestServices.RepositoryRoot, "terraform");

    public static Task<CommandResult> RunAsync(string workingDirectory, params string[] arguments) =>
        Commands.RunAsync("terraform", arguments, TimeSpan.FromMinutes(3), workingDirectory);

    /// <summary>
    /// Renders a module's start-up script with terraform's own <c>templatefile</c> (through
    /// <c>terraform console</c>, base64 so that the console prints it without escapes).
    /// </summary>
    public static async Task<string> RenderAsync(string module, IReadOnlyDictionary<string, object> values)
    {
        var template = Path.Combine(ModulesRoot, module, "startup.sh.tftpl");
        var variables = string.Join(", ", values.Select(v => $"{v.Key} = {JsonSerializer.Serialize(v.Value)}"));
        var expression = $"base64encode(templatefile({JsonSerializer.Serialize(template)}, {{ {variables} }}))";
        var empty = Directory.CreateTempSubdirectory("jugcloud-terraform-console-");
        try
        {
            var result = await Commands.RunAsync("terraform", ["console"], TimeSpan.FromMinutes(3), empty.FullName, expression + "\n");
            Assert.True(result.ExitCode == 0, result.ToString());
            var encoded = result.Output.Trim().Trim('"');
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
