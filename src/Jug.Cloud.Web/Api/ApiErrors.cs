using System.Text.RegularExpressions;
using Jug.Cloud.Storage;
using Jug.Cloud.Web.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Web.Api;

/// <summary>
/// Turns what a handler throws into a status and a one-line JSON error, with any secret redacted and
/// never a stack trace: bad input 400, an unknown target 404, an action that does not apply 409,
/// anything else 500 (logged with its stack trace on the server).
/// </summary>
internal static partial class ApiErrors
{
    public static IResult Error(int status, string message) =>
        Results.Json(new ErrorBody(OneLine(message)), statusCode: status);

    public static async ValueTask<object?> Guard(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or BadHttpRequestException)
        {
            return Error(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (UnknownTargetException e)
        {
            return Error(StatusCodes.Status404NotFound, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Error(StatusCodes.Status409Conflict, e.Message);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
#pragma warning disable CA1031 // Every other failure is one line to the client and a full entry in the server's log.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Jug.Cloud.Web");
            LogFailed(logger, context.HttpContext.Request.Path, e);
            return Error(StatusCodes.Status500InternalServerError, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>One line, secrets redacted, at most 500 characters.</summary>
    public static string OneLine(string text)
    {
        // SecretText finds every address in the text; the pattern also catches a user:password@ that arrived encoded (%2F for '/').
        var line = Credentials().Replace(SecretText.Redact(StoreLocation.RedactText(text.ReplaceLineEndings(" "))), "${user}:***@");
        return line.Length <= 500 ? line : line[..499] + "…";
    }

    [GeneratedRegex(@"(?<user>[^\s:/@'""]+):(?!\*\*\*@)[^\s@/'""]+@")]
    private static partial Regex Credentials();

    [LoggerMessage(Level = LogLevel.Error, Message = "The web status request {Path} failed")]
    private static partial void LogFailed(ILogger logger, PathString path, Exception error);

    /// <summary>The body of every error answer.</summary>
    /// <param name="Error">What went wrong, on one line.</param>
    internal sealed record ErrorBody(string Error);
}
