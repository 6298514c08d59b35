using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Jug.Cloud.Hashing;

namespace Jug.Cloud;

/// <summary>
/// A digest of a method's compiled body (<c>[JugTask(HashCode = true)]</c>): its IL with every
/// metadata token replaced by what it names (so recompiling other code does not change it), its
/// local variable types and exception clauses, and — because they are part of the method as written —
/// the bodies of lambdas and local functions it uses. Methods it calls are seen by name and
/// signature only, not by body.
/// </summary>
internal static class MethodBodyHash
{
    private static readonly ConcurrentDictionary<MethodBase, TaskHash> Cache = new();
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static TaskHash Of(MethodBase method) => Cache.GetOrAdd(method, static m => Compute(m, []));

    private static TaskHash Compute(MethodBase method, HashSet<MethodBase> visiting)
    {
        visiting.Add(method);
        var writer = HashWriter.Rent();
        try
        {
            writer.Write(method.ToString());
            var body = method.GetMethodBody();
            if (body is null)
            {
                return writer.Finish();
            }

            foreach (var local in body.LocalVariables)
            {
                writer.Write(local.LocalType.FullName ?? local.LocalType.Name);
            }

            foreach (var clause in body.ExceptionHandlingClauses)
            {
                writer.Write((int)clause.Flags);
                writer.Write(clause.TryOffset);
                writer.Write(clause.HandlerOffset);
                writer.Write(clause.Flags == ExceptionHandlingClauseOptions.Clause ? clause.CatchType?.FullName : null);
            }

            WriteInstructions(writer, method, body.GetILAsByteArray() ?? [], visiting);
            return writer.Finish();
        }
        finally
        {
            HashWriter.Return(writer);
        }
    }

    private static void WriteInstructions(HashWriter writer, MethodBase method, byte[] il, HashSet<MethodBase> visiting)
    {
        var module = method.Module;
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[position++]));
            }

            if (!OpCodesByValue.TryGetValue(value, out var opCode))
            {
                writer.Write((int)value);
                continue;
            }

            writer.Write((int)opCode.Value);
            switch (opCode.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    writer.Write(il[position]);
                    position += 1;
                    break;
                case OperandType.InlineVar:
                    writer.Write(BitConverter.ToInt16(il, position));
                    position += 2;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR:
                    writer.Write(BitConverter.ToInt32(il, position));
                    position += 4;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    writer.Write(BitConverter.ToInt64(il, position));
                    position += 8;
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, position);
                    position += 4;
                    writer.Write(count);
                    for (var i = 0; i < count; i++, position += 4)
                    {
                        writer.Write(BitConverter.ToInt32(il, position));
                    }

                    break;
                case OperandType.InlineString:
                    writer.Write(module.ResolveString(BitConverter.ToInt32(il, position)));
                    position += 4;
                    break;
                case OperandType.InlineSig:
                    writer.Write(module.ResolveSignature(BitConverter.ToInt32(il, position)));
                    position += 4;
                    break;
                default: // InlineField, InlineMethod, InlineType, InlineTok
                    WriteMember(writer, module.ResolveMember(BitConverter.ToInt32(il, position), typeArguments, methodArguments), visiting);
                    position += 4;
                    break;
            }
        }
    }

    private static void WriteMember(HashWriter writer, MemberInfo? member, HashSet<MethodBase> visiting)
    {
        switch (member)
        {
            case null:
                writer.Write((string?)null);
                break;
            case Type type:
                writer.Write(type.FullName ?? type.Name);
                break;
            case MethodBase callee when IsCompilerGenerated(callee) && !visiting.Contains(callee):
                // A lambda or local function is part of this method's source: follow its body.
                writer.Write(Compute(callee, visiting));
                break;
            default:
                writer.Write($"{member.DeclaringType?.FullName}::{member}");
                break;
        }
    }

    private static bool IsCompilerGenerated(MethodBase method) =>
        method.Name.Contains('<', StringComparison.Ordinal)
        || method.DeclaringType?.IsDefined(typeof(CompilerGeneratedAttribute)) == true;
}
