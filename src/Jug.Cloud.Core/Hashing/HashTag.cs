namespace Jug.Cloud.Hashing;

/// <summary>The type tag written before every value, so values of different types never collide.</summary>
/// <remarks>
/// The numbers are part of every stored hash: never renumber, only add. The primitive tags double as
/// the element-type codes of raw arrays (hashing and the result codec share one table).
/// </remarks>
internal enum HashTag : byte
{
    Null = 1,
    Boolean = 2,
    Byte = 3,
    SByte = 4,
    Int16 = 5,
    UInt16 = 6,
    Int32 = 7,
    UInt32 = 8,
    Int64 = 9,
    UInt64 = 10,
    Char = 11,
    Single = 12,
    Double = 13,
    Half = 14,
    Decimal = 15,
    String = 16,
    Enum = 17,
    DateTime = 18,
    DateTimeOffset = 19,
    TimeSpan = 20,
    Guid = 21,
    TaskHash = 22,
    Sequence = 23,
    Map = 24,
    Set = 25,
    Tuple = 26,
    Object = 27,
    Custom = 28,
    Int128 = 29,
    UInt128 = 30,
    DateOnly = 31,
    TimeOnly = 32,
    MultiArray = 33,
    Task = 40,
    ValueArgument = 41,
    ReferenceArgument = 42,
    ReferenceListArgument = 43,
    Tasklet = 44,
    PathIndex = 45,
    PathMember = 46,
    ValueDigestArgument = 47,
    ReferenceList = 48,
    CodeDigest = 49,
}
