using System.CommandLine;
using System.Net;
using Jug.Cloud.Cluster.Security;

namespace Jug.Cloud.Cli.Commands;

/// <summary>
/// <c>cert create-ca</c> and <c>cert create</c>: the fleet's certificate authority and one certificate
/// per machine, for mutual TLS between silos and clients (<c>--tls-cert</c>, <c>--tls-ca</c>).
/// Private keys are written with mode 0600 and never printed.
/// </summary>
internal static class CertCommand
{
    public static Command Create() =>
        new("cert", "Certificates for mutual TLS: a fleet CA, and one certificate per machine (silo or client) issued by it.")
        {
            CreateAuthority(),
            CreateMember(),
        };

    private static Command CreateAuthority()
    {
        var output = new Option<string?>("--out") { Description = $"The directory to write {FleetCertificates.AuthorityCertificateName} (public: every machine's --tls-ca) and {FleetCertificates.AuthorityKeyName} (secret: keep it off the fleet) to." };
        var name = new Option<string>("--name") { Description = "The CA's name (its certificate's common name).", DefaultValueFactory = _ => "Jug.Cloud fleet CA" };
        var days = Days(3650);
        var command = new Command("create-ca", "Create the fleet's certificate authority: DIR/ca.crt and DIR/ca.key.") { output, name, days };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, () =>
        {
            var directory = OutputDirectory(parse.GetValue(output), "cert create-ca");
            using var authority = FleetCertificates.CreateAuthority(parse.GetValue(name)!, Validity(parse.GetValue(days)));
            var certificate = Path.Combine(directory, FleetCertificates.AuthorityCertificateName);
            Write(authority, certificate, Path.Combine(directory, FleetCertificates.AuthorityKeyName));
            Console.WriteLine($"Wrote the fleet CA {certificate} (give it to every silo and client as --tls-ca) and its private key {Path.Combine(directory, FleetCertificates.AuthorityKeyName)} (keep it secret; only cert create needs it).");
            return Task.FromResult(ExitCodes.Success);
        }, cancellationToken));
        return command;
    }

    private static Command CreateMember()
    {
        var authority = new Option<string?>("--ca") { Description = "The fleet CA's directory (cert create-ca --out)." };
        var name = new Option<string?>("--name") { Description = "The machine's name: the certificate's common name and its files' names (NAME.crt, NAME.key)." };
        var dns = new Option<string[]>("--dns") { Description = "A DNS name the machine is reached by (repeat, or separate with commas).", DefaultValueFactory = _ => [] };
        var ip = new Option<string[]>("--ip") { Description = "An IP address the machine is reached at (repeat, or separate with commas).", DefaultValueFactory = _ => [] };
        var output = new Option<string?>("--out") { Description = "The directory to write NAME.crt and NAME.key (the private key, mode 0600) to." };
        var days = Days(825);
        var command = new Command("create", "Create a certificate for one machine, issued by the fleet CA: DIR/NAME.crt and DIR/NAME.key, for --tls-cert DIR/NAME.crt.")
        {
            authority, name, dns, ip, output, days,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, () =>
        {
            var caDirectory = parse.GetValue(authority) ?? throw new ArgumentException("cert create needs --ca DIR: the fleet CA's directory (cert create-ca).");
            var machine = parse.GetValue(name) ?? throw new ArgumentException("cert create needs --name NAME: the machine the certificate is for.");
            if (machine.IndexOfAny(['/', '\\']) >= 0 || machine is "." or "..")
            {
                throw new ArgumentException($"--name '{machine}' names the certificate's files, so it cannot hold a path.");
            }

            var addresses = Split(parse.GetValue(ip)).Select(text => IPAddress.TryParse(text, out var address)
                ? address
                : throw new ArgumentException($"--ip '{text}' is not an IP address.")).ToArray();
            var directory = OutputDirectory(parse.GetValue(output), "cert create");
            using var ca = FleetCertificates.LoadAuthority(caDirectory);
            using var certificate = FleetCertificates.CreateMember(ca, machine, Split(parse.GetValue(dns)), addresses, Validity(parse.GetValue(days)));
            var certificatePath = Path.Combine(directory, machine + ".crt");
            Write(certificate, certificatePath, Path.Combine(directory, machine + ".key"));
            Console.WriteLine($"Wrote {certificatePath} and its private key {Path.Combine(directory, machine + ".key")} for '{machine}' (give --tls-cert {certificatePath} --tls-ca {Path.Combine(Path.GetFullPath(caDirectory), FleetCertificates.AuthorityCertificateName)}).");
            return Task.FromResult(ExitCodes.Success);
        }, cancellationToken));
        return command;
    }

    private static Option<int> Days(int days) =>
        new("--days") { Description = "How many days the certificate is valid.", DefaultValueFactory = _ => days };

    private static TimeSpan Validity(int days) =>
        days >= 1 ? TimeSpan.FromDays(days) : throw new ArgumentException("--days must be at least 1.");

    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string OutputDirectory(string? directory, string command)
    {
        var full = Path.GetFullPath(directory ?? throw new ArgumentException($"{command} needs --out DIR: where the files go."));
        Directory.CreateDirectory(full);
        return full;
    }

    private static void Write(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        try
        {
            FleetCertificates.WritePem(certificate, certificatePath, keyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException(e.Message, e);
        }
    }
}
