using Jug.Cloud.Graph;
using Jug.Cloud.Hashing;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>Inputs of a task are not in the store, or were corrupt and have been removed.</summary>
public sealed class InputMissingException : Exception
{
    /// <summary>Creates the exception for the input <paramref name="input"/>.</summary>
    public InputMissingException(TaskHash input, string message, Exception? innerException = null)
        : base(message, innerException) => Inputs = [input];

    /// <summary>Creates the exception.</summary>
    public InputMissingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public InputMissingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InputMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private InputMissingException(IReadOnlyList<TaskHash> inputs, string message, Exception innerException)
        : base(message, innerException) => Inputs = inputs;

    /// <summary>The tasks whose results are missing.</summary>
    public IReadOnlyList<TaskHash> Inputs { get; } = [];

    /// <summary>One exception for every input of <paramref name="task"/> found missing, the first as the inner exception.</summary>
    public static InputMissingException Of(TaskNode task, IReadOnlyList<InputMissingException> missing)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(missing);
        if (missing.Count == 1)
        {
            return missing[0];
        }

        var message = $"{missing.Count} inputs of {task} were missing or corrupt and must run again; the first: {missing[0].Message}";
        return new InputMissingException([.. missing.SelectMany(m => m.Inputs)], message, missing[0]);
    }
}

