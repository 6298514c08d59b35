using System.Linq.Expressions;
using Jug.Cloud.Graph;

namespace Jug.Cloud;

/// <summary>Turns <c>r =&gt; r.A.B[2]</c> into path steps.</summary>
internal static class MemberPath
{
    public static IReadOnlyList<ResultPathStep> Parse(LambdaExpression selector)
    {
        var steps = new List<ResultPathStep>();
        var node = selector.Body;
        while (node != selector.Parameters[0])
        {
            switch (node)
            {
                case MemberExpression member when member.Expression is not null:
                    steps.Add(ResultPathStep.Field(member.Member.Name));
                    node = member.Expression;
                    break;
                case BinaryExpression { NodeType: ExpressionType.ArrayIndex } index:
                    steps.Add(ResultPathStep.At(ConstantIndex(index.Right, selector)));
                    node = index.Left;
                    break;
                case MethodCallExpression { Method.Name: "get_Item", Arguments.Count: 1 } call when call.Object is not null:
                    steps.Add(ResultPathStep.At(ConstantIndex(call.Arguments[0], selector)));
                    node = call.Object;
                    break;
                case UnaryExpression { NodeType: ExpressionType.Convert } convert:
                    node = convert.Operand;
                    break;
                default:
                    throw new ArgumentException(
                        $"A tasklet selector may only read members and constant indexes of its parameter; '{selector}' does more.",
                        nameof(selector));
            }
        }

        steps.Reverse();
        if (steps.Count == 0)
        {
            throw new ArgumentException($"The selector '{selector}' selects the whole result; use the handle itself.", nameof(selector));
        }

        return steps;
    }

    private static int ConstantIndex(Expression expression, LambdaExpression selector)
    {
        if (expression is ConstantExpression { Value: int constant })
        {
            return constant;
        }

        if (expression is MemberExpression { Expression: ConstantExpression closure } captured)
        {
            var value = captured.Member switch
            {
                System.Reflection.FieldInfo field => field.GetValue(closure.Value),
                System.Reflection.PropertyInfo property => property.GetValue(closure.Value),
                _ => null,
            };
            if (value is int index)
            {
                return index;
            }
        }

        throw new ArgumentException($"Indexes in a tasklet selector must be int constants or captured ints; '{selector}' is not.", nameof(selector));
    }
}
