using System.Reflection;
using System.Runtime.InteropServices;

namespace Jug.Cloud.Hashing;

/// <summary>Types whose instances have no content that identifies them in another process.</summary>
internal static class UnhashableTypes
{
    private static readonly (Type Type, string Why)[] Known =
    [
        (typeof(Delegate), "it is a delegate (a lambda or method group) and code has no canonical hash; pass the data it would use, or a value that implements IJugHashable"),
        (typeof(MemberInfo), "it is a reflection object; pass the type or member name as a string"),
        (typeof(Assembly), "it is a reflection object; pass the assembly name as a string"),
        (typeof(Module), "it is a reflection object"),
        (typeof(ParameterInfo), "it is a reflection object"),
        (typeof(Pointer), "it is a pointer, meaningful only inside one process"),
        (typeof(IntPtr), "it is a pointer or native handle, meaningful only inside one process"),
        (typeof(UIntPtr), "it is a pointer or native handle, meaningful only inside one process"),
        (typeof(SafeHandle), "it is a native handle, meaningful only inside one process"),
        (typeof(WaitHandle), "it is a synchronisation handle, meaningful only inside one process"),
        (typeof(Thread), "it is a thread, meaningful only inside one process"),
        (typeof(CancellationToken), "it is a cancellation token, meaningful only inside one process"),
        (typeof(CancellationTokenSource), "it is a cancellation source, meaningful only inside one process"),
        (typeof(Stream), "a stream is a position in data, not the data; read it into a byte[] or string first"),
        (typeof(TextReader), "a reader is a position in text, not the text; read it into a string first"),
        (typeof(TextWriter), "a writer is a destination, not a value"),
        (typeof(IAsyncResult), "it is an asynchronous operation, not a value; await it and pass the result"),
        (typeof(ValueTask), "it is an asynchronous operation, not a value; await it and pass the result"),
    ];

    /// <summary>Why <paramref name="type"/> cannot be hashed, or null if nothing rules it out.</summary>
    public static string? Reason(Type type)
    {
        foreach (var (known, why) in Known)
        {
            if (known.IsAssignableFrom(type))
            {
                return why;
            }
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(ValueTask<>))
            {
                return "it is an asynchronous operation, not a value; await it and pass the result";
            }

            if ((definition == typeof(Memory<>) || definition == typeof(ReadOnlyMemory<>)) && !PrimitiveArrays.IsPrimitive(type.GetGenericArguments()[0]))
            {
                return "only memory of primitives is hashed by content; pass an array";
            }
        }

        return type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            ? "it is an asynchronous stream; materialise it into a list first"
            : null;
    }
}
