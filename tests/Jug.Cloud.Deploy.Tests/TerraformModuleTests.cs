using System.Text.RegularExpressions;
using Jug.Cloud.Deploy.Tests.Docker;

namespace Jug.Cloud.Deploy.Tests;

/// <summary>What can be checked of the terraform modules without a cloud: formatting, and that what they render is a script.</summary>
[Trait("Category", "Deploy")]
public sealed partial class TerraformModuleTests
{
    [Fact]
    public async Task The_modules_are_formatted()
    {
        var fmt = await Terraform.RunAsync(Terraform.ModulesRoot, "fmt", "-check", "-recursive", ".");
        Assert.True(fmt.ExitCode == 0, $"terraform fmt -check -recursive terraform: these need `terraform fmt`:\n{fmt}");
    }

    [Theory]
    [InlineData("gce")]
    [InlineData("ec2")]
    public async Task The_start_up_script_gets_every_value_it_uses_and_renders_to_valid_bash(string module)
    {
        var template = await File.ReadAllTextAsync(Path.Combine(Terraform.ModulesRoot, module, "startup.sh.tftpl"));
        var main = await File.ReadAllTextAsync(Path.Combine(Terraform.ModulesRoot, module, "main.tf"));
        var used = TemplateVariable().Matches(template).Select(m => m.Groups[1].Value).ToHashSet();
        var call = main[main.IndexOf("startup.sh.tftpl", StringComparison.Ordinal)..];
        call = call[..call.IndexOf('}', StringComparison.Ordinal)];
        var passed = PassedVariable().Matches(call).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(used.Order(), passed.Order());

        var script = await Terraform.RenderAsync(module, used.ToDictionary(v => v, v => (object)$"value-of-{v}"));
        Assert.Contains("cluster_uri='value-of-cluster_uri'", script, StringComparison.Ordinal);
        Assert.Contains("\"${silo_args[@]}\"", script, StringComparison.Ordinal);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, script);
            var syntax = await Commands.RunAsync("bash", ["-n", file], TimeSpan.FromMinutes(1));
            Assert.True(syntax.ExitCode == 0, syntax.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    // ${name} but not $${name}, which the template leaves to bash.
    [GeneratedRegex(@"(?<!\$)\$\{([a-z_]+)\}")]
    private static partial Regex TemplateVariable();

    [GeneratedRegex(@"^\s*([a-z_]+)\s*=", RegexOptions.Multiline)]
    private static partial Regex PassedVariable();
}
