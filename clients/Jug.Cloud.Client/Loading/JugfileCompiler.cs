using System.Security.Cryptography;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Jug.Cloud.Client;

/// <summary>
/// Compiles a plain jugfile (no <c>#:</c> directives) in process with Roslyn against the SDK this
/// process carries, with the defaults of a file-based app: implicit usings, nullable on, optimized,
/// warnings not errors. No MSBuild file of the folders above it applies, so a jugfile in a repository
/// with strict build settings compiles as it would in an empty folder.
/// </summary>
internal static class JugfileCompiler
{
    /// <summary>Bump when what the compilation depends on changes, so older caches are not trusted.</summary>
    private const string FormatVersion = "jugcloud-compile-1";

    /// <summary>
    /// The implicit usings of <c>Microsoft.NET.Sdk</c>, as <c>dotnet run jugfile.cs</c> has them, and the
    /// SDK's namespace, whose extension methods (<c>At</c>, <c>Get</c>, map/reduce) a jugfile would
    /// otherwise have to import beside <c>using static Jug.Cloud.Jug;</c>.
    /// </summary>
    private static readonly string ImplicitUsings = string.Join('\n',
        "global using global::System;",
        "global using global::System.Collections.Generic;",
        "global using global::System.IO;",
        "global using global::System.Linq;",
        "global using global::System.Net.Http;",
        "global using global::System.Threading;",
        "global using global::System.Threading.Tasks;",
        "global using global::Jug.Cloud;");

    /// <summary>A hex digest of the jugfile's bytes, the SDK it compiles against and this compiler.</summary>
    public static string Fingerprint(JugfileSource source)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(FormatVersion + "\n" + source.Path + "\n"));
        hash.AppendData(File.ReadAllBytes(source.Path));
        foreach (var assembly in CompilerReferences.SdkAssemblies())
        {
            hash.AppendData(assembly.ManifestModule.ModuleVersionId.ToByteArray());
        }

        hash.AppendData(typeof(CSharpCompilation).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Compiles <paramref name="source"/> into <paramref name="outputDirectory"/>; returns the assembly's file name.</summary>
    /// <exception cref="JugfileException">It does not compile: the message counts the errors, <see cref="JugfileException.Details"/> lists them with file, line and column.</exception>
    public static string Compile(JugfileSource source, string outputDirectory, CancellationToken cancellationToken)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest)
            .WithFeatures([new KeyValuePair<string, string>("FileBasedProgram", "true")]);
        var text = File.ReadAllText(source.Path);
        SyntaxTree[] trees =
        [
            CSharpSyntaxTree.ParseText(text, parseOptions, source.Path, System.Text.Encoding.UTF8, cancellationToken),
            CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, "", System.Text.Encoding.UTF8, cancellationToken),
        ];
        var options = new CSharpCompilationOptions(
                OutputKind.ConsoleApplication,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                deterministic: true)
            .WithSpecificDiagnosticOptions([new KeyValuePair<string, ReportDiagnostic>("CS1701", ReportDiagnostic.Suppress), new KeyValuePair<string, ReportDiagnostic>("CS1702", ReportDiagnostic.Suppress)]);
        // Most jugfiles need only the framework assemblies the SDK and the implicit usings need; reading
        // the other 150 costs more than the rest of the compile. Only a jugfile that does not compile
        // against those few is compiled again against all of them (and its errors come from that).
        var image = Emit(CSharpCompilation.Create(source.Name, trees, CompilerReferences.Common, options), cancellationToken, out _)
            ?? Emit(CSharpCompilation.Create(source.Name, trees, CompilerReferences.All, options), cancellationToken, out var errors)
            ?? throw new JugfileException(
                $"Building {Path.GetFileName(source.Path)} failed ({errors.Count} error{(errors.Count == 1 ? "" : "s")}).",
                string.Join('\n', errors));

        var assemblyFile = source.Name + ".dll";
        Directory.CreateDirectory(outputDirectory);
        File.WriteAllBytes(Path.Combine(outputDirectory, assemblyFile), image);
        return assemblyFile;
    }

    /// <summary>The assembly's bytes, or null with the compiler's errors.</summary>
    private static byte[]? Emit(CSharpCompilation compilation, CancellationToken cancellationToken, out IReadOnlyList<string> errors)
    {
        using var output = new MemoryStream();
        // An embedded PDB gives the jugfile's file and line in the stack traces of failed tasks.
        var result = compilation.Emit(output, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded), cancellationToken: cancellationToken);
        errors = result.Success
            ? []
            : result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).Distinct(StringComparer.Ordinal).ToArray();
        return result.Success ? output.ToArray() : null;
    }
}
