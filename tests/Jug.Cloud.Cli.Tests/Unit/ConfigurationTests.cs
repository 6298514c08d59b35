using System.CommandLine;
using Jug.Cloud.Cli.Configuration;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("jugcloud-config-");

    private string Repo => Path.Combine(_root.FullName, "repo");

    private string Here => Path.Combine(Repo, "a", "b");

    private string UserFile => Path.Combine(_root.FullName, "xdg", "jugcloud", "config.json");

    public ConfigurationTests()
    {
        Directory.CreateDirectory(Here);
        Directory.CreateDirectory(Path.Combine(Repo, ".git"));
        Directory.CreateDirectory(Path.GetDirectoryName(UserFile)!);
    }

    [Fact]
    public void Flags_beat_variables_beat_the_project_file_beat_the_user_file()
    {
        Write(UserFile, """{ "jobs": 2, "keep-going": true, "jugdir": "memory:user" }""");
        Write(Path.Combine(Repo, ".jugcloud.json"), """{ "jobs": 3, "jugdir": "memory:project" }""");
        var variables = new Dictionary<string, string> { ["JUGCLOUD_JUGDIR"] = "memory:env" };

        var root = Configured(variables);

        Assert.Equal(3, Value<int>(root, "execute", "--jobs"));
        Assert.True(Value<bool>(root, "execute", "--keep-going"));
        Assert.Equal("memory:env", Value<string>(root, "status", "--jugdir"));
        Assert.Equal(5, Value<int>(root, "execute", "--jobs", "-j", "5"));
        Assert.Equal("memory:flag", Value<string>(root, "status", "--jugdir", "--jugdir", "memory:flag"));
    }

    [Fact]
    public void The_project_file_is_searched_upward_but_not_past_the_git_root()
    {
        Write(Path.Combine(_root.FullName, ".jugcloud.json"), """{ "jobs": 9 }""");
        Assert.Equal(Environment.ProcessorCount, Value<int>(Configured(), "execute", "--jobs"));

        Write(Path.Combine(Repo, "a", ".jugcloud.json"), """{ "jobs": 4 }""");
        Assert.Equal(4, Value<int>(Configured(), "execute", "--jobs"));
    }

    [Fact]
    public void Keys_may_be_snake_or_camel_case_and_a_command_section_applies_to_that_command_only()
    {
        Write(Path.Combine(Repo, ".jugcloud.json"), """
            {
              // Comments and trailing commas are fine.
              "keep_going": true,
              "waitCycleTime": 0.5,
              "jugdir": "memory:all",
              "execute": { "jugdir": "memory:execute", "jobs": 6 },
            }
            """);

        var root = Configured();

        Assert.True(Value<bool>(root, "execute", "--keep-going"));
        Assert.Equal(0.5, Value<double>(root, "sleep-until", "--wait-cycle-time"));
        Assert.Equal(6, Value<int>(root, "execute", "--jobs"));
        Assert.Equal("memory:execute", Value<string>(root, "execute", "--jugdir"));
        Assert.Equal("memory:all", Value<string>(root, "status", "--jugdir"));
    }

    [Fact]
    public void Options_added_later_are_configurable_without_code_of_their_own()
    {
        Write(Path.Combine(Repo, ".jugcloud.json"), """{ "aggressive-unload": true, "nr-wait-cycles": 7 }""");
        var root = JugCloudCli.CreateRootCommand();
        var later = new Command("later") { new Option<bool>("--aggressive-unload"), new Option<int>("--nr-wait-cycles") };
        root.Subcommands.Add(later);

        ConfigDefaults.Apply(root, Load());

        Assert.True(Value<bool>(root, "later", "--aggressive-unload"));
        Assert.Equal(7, Value<int>(root, "later", "--nr-wait-cycles"));
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_source_and_the_key()
    {
        Write(UserFile, """{ "jobs": "four" }""");
        var error = Assert.Throws<ConfigurationException>(() => Configured());
        Assert.Equal($"{UserFile}: 'jobs' must be an integer, not \"four\".", error.Message);

        File.Delete(UserFile);
        var fromVariable = Assert.Throws<ConfigurationException>(() => Configured(new Dictionary<string, string> { ["JUGCLOUD_KEEP_GOING"] = "maybe" }));
        Assert.Equal("JUGCLOUD_KEEP_GOING: 'keep-going' must be true or false, not maybe.", fromVariable.Message);
    }

    [Fact]
    public void A_file_that_is_not_json_is_one_line_naming_it()
    {
        Write(Path.Combine(Repo, ".jugcloud.json"), "{ \"jobs\": ");

        var error = Assert.Throws<ConfigurationException>(() => Load());

        Assert.StartsWith(Path.Combine(Repo, ".jugcloud.json") + " is not valid JSON", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Applying_again_without_a_value_restores_the_built_in_default()
    {
        Write(Path.Combine(Repo, ".jugcloud.json"), """{ "jugdir": "memory:x" }""");
        Assert.Equal("memory:x", Value<string>(Configured(), "status", "--jugdir"));

        File.Delete(Path.Combine(Repo, ".jugcloud.json"));
        Assert.Null(Value<string>(Configured(), "status", "--jugdir"));
    }

    public void Dispose() => _root.Delete(recursive: true);

    private JugConfiguration Load(Dictionary<string, string>? variables = null)
    {
        var environment = new Dictionary<string, string>(variables ?? []) { ["XDG_CONFIG_HOME"] = Path.Combine(_root.FullName, "xdg") };
        return JugConfiguration.Load(new ConfigEnvironment(Here, environment), JugCloudCli.CreateRootCommand().Subcommands.Select(c => c.Name));
    }

    private RootCommand Configured(Dictionary<string, string>? variables = null)
    {
        var root = JugCloudCli.CreateRootCommand();
        ConfigDefaults.Apply(root, Load(variables));
        return root;
    }

    private static T? Value<T>(RootCommand root, string command, string option, params string[] flags) =>
        root.Parse([command, .. flags]).GetValue<T>(option);

    private static void Write(string path, string text) => File.WriteAllText(path, text);
}
