using System.Reflection;
using Jug.Cloud.Client;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Jug.Cloud.Cli.Shell;

/// <summary>
/// Runs C# submissions one after another, each seeing what the ones before declared, as a REPL
/// does: a submission ending in an expression prints its value; an error prints one line and leaves
/// the state as it was.
/// </summary>
internal sealed class ShellSession(ShellGlobals globals, Assembly jugfile, TextWriter output, TextWriter error)
{
    private static readonly CSharpParseOptions ScriptParsing = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script);

    private readonly ScriptOptions _options = ScriptOptions.Default
        .AddReferences(typeof(Enumerable).Assembly, typeof(TaskNode).Assembly, typeof(IJugStore).Assembly, typeof(Jug).Assembly, typeof(GraphStatus).Assembly, jugfile)
        .AddImports(["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Threading.Tasks", "Jug.Cloud", "Jug.Cloud.Graph", "Jug.Cloud.Storage", "Jug.Cloud.Client", .. NamespacesOf(jugfile)]);

    private ScriptState<object?>? _state;

    /// <summary>True if <paramref name="code"/> is a whole submission (no open brace, string or statement).</summary>
    public static bool IsComplete(string code) => SyntaxFactory.IsCompleteSubmission(SyntaxFactory.ParseSyntaxTree(code, ScriptParsing));

    /// <summary>Runs one submission; false if it did not compile or threw.</summary>
    public async Task<bool> RunAsync(string code, CancellationToken cancellationToken)
    {
        ScriptState<object?> state;
        try
        {
            state = _state is null
                ? await CSharpScript.Create<object?>(code, _options, typeof(ShellGlobals)).RunAsync(globals, _ => true, cancellationToken)
                : await _state.ContinueWithAsync<object?>(code, _options, _ => true, cancellationToken);
        }
        catch (CompilationErrorException e)
        {
            var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            var more = errors.Length > 1 ? $" (and {errors.Length - 1} more errors)" : "";
            await error.WriteLineAsync($"{Describe(errors.Length > 0 ? errors[0] : e.Diagnostics[0])}{more}");
            return false;
        }

        if (state.Exception is { } thrown)
        {
            var inner = thrown is TargetInvocationException { InnerException: { } cause } ? cause : thrown;
            await error.WriteLineAsync($"{inner.GetType().Name}: {inner.Message.ReplaceLineEndings(" ")}");
            return false;
        }

        _state = state;
        if (HasValue(state.Script))
        {
            await output.WriteLineAsync(ResultFormatter.Format(state.ReturnValue));
        }

        return true;
    }

    // The id and the message only: a position would point into the few lines just typed.
    private static string Describe(Diagnostic diagnostic) =>
        $"error {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>True if the submission ends in an expression with no semicolon whose type is not void.</summary>
    private static bool HasValue(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Single();
        if (tree.GetRoot() is not CompilationUnitSyntax { Members: [.., GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement }] })
        {
            return false;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private static IEnumerable<string> NamespacesOf(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        return types
            .Where(t => t is { IsPublic: true, Namespace: { Length: > 0 } })
            .Select(t => t!.Namespace!)
            .Distinct(StringComparer.Ordinal);
    }
}
