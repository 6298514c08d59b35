using System.CommandLine;
using Jug.Cloud.Packaging.Trust;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>key create</c>: a fleet signing key, for <c>submit --sign-key</c> and <c>silo --trust-key</c>.</summary>
internal static class KeyCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "The private key file to write (PEM); the public key goes beside it with the extension .pub." };
        var create = new Command("create", "Create a fleet signing key: FILE (private, for submit --sign-key) and FILE.pub (public, for silo --trust-key).")
        {
            output,
        };
        create.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, () =>
        {
            var privateKey = Path.GetFullPath(parse.GetValue(output) ?? throw new ArgumentException("key create needs --out FILE: where the private key goes."));
            var publicKey = PublicKeyPath(privateKey);
            try
            {
                FleetKey.Create(privateKey, publicKey);
            }
            catch (IOException e)
            {
                throw new ArgumentException(e.Message, e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new ArgumentException(e.Message, e);
            }

            Console.WriteLine($"Wrote the private key {privateKey} (give it to submit --sign-key; keep it secret) and the public key {publicKey} (give it to silo --trust-key).");
            return Task.FromResult(ExitCodes.Success);
        }, cancellationToken));
        return new Command("key", "Fleet signing keys: silos given the public key run only code signed with the private one.") { create };
    }

    /// <summary>A key file named on the command line, which must exist.</summary>
    public static string Existing(string path, string option) =>
        File.Exists(path) ? Path.GetFullPath(path) : throw new ArgumentException($"{option} {path}: no such file.");

    private static string PublicKeyPath(string privateKey) =>
        string.Equals(Path.GetExtension(privateKey), ".key", StringComparison.OrdinalIgnoreCase)
            ? Path.ChangeExtension(privateKey, ".pub")
            : privateKey + ".pub";
}
