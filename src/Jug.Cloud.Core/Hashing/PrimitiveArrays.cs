namespace Jug.Cloud.Hashing;

/// <summary>
/// The one table of primitive element types that are hashed and stored as raw little-endian memory,
/// with the code that names each (shared by hashing and the raw-array result codec).
/// </summary>
internal static class PrimitiveArrays
{
    private static readonly Type[] Primitives =
        [typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
         typeof(long), typeof(ulong), typeof(char), typeof(float), typeof(double), typeof(Half)];

    public static bool IsPrimitive(Type type) => Code(type) != 0;

    /// <summary>The primitive type with element-type code <paramref name="code"/>, or null.</summary>
    public static Type? TypeOf(byte code) => Array.Find(Primitives, t => Code(t) == code);

    /// <summary>The element-type code (the type's <see cref="HashTag"/>); 0 if not primitive.</summary>
    /// <remarks>Enums report their underlying type's code but are not primitives here: their type name is hashed.</remarks>
    public static byte Code(Type type) => type.IsEnum ? (byte)0 : Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => (byte)HashTag.Boolean,
        TypeCode.Byte => (byte)HashTag.Byte,
        TypeCode.SByte => (byte)HashTag.SByte,
        TypeCode.Int16 => (byte)HashTag.Int16,
        TypeCode.UInt16 => (byte)HashTag.UInt16,
        TypeCode.Int32 => (byte)HashTag.Int32,
        TypeCode.UInt32 => (byte)HashTag.UInt32,
        TypeCode.Int64 => (byte)HashTag.Int64,
        TypeCode.UInt64 => (byte)HashTag.UInt64,
        TypeCode.Char => (byte)HashTag.Char,
        TypeCode.Single => (byte)HashTag.Single,
        TypeCode.Double => (byte)HashTag.Double,
        _ when type == typeof(Half) => (byte)HashTag.Half,
        _ => (byte)0,
    };

    /// <summary>Size of one element in bytes.</summary>
    public static int ElementSize(Type element) => Type.GetTypeCode(element) switch
    {
        TypeCode.Boolean or TypeCode.Byte or TypeCode.SByte => 1,
        TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Char => 2,
        TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Single => 4,
        TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Double => 8,
        _ when element == typeof(Half) => 2,
        _ => throw new ArgumentException($"{element.Name} is not a primitive element type.", nameof(element)),
    };
}
