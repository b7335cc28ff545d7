using System.Globalization;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// The integer an expression always has when the code is written: literals in every base
/// (<c>0o777</c>, <c>0x1ff</c>, <c>10_000</c>), shifts, powers and bit operations of them,
/// <c>stat.S_I*</c> permission bits, and names assigned such a value once. Cost parameters and
/// file modes are written this way, and a rule can only judge a value it knows.
/// </summary>
internal static class ConstantIntegers
{
    private const int MaxDepth = 8;

    private static readonly Dictionary<string, long> StatBits = new(StringComparer.Ordinal)
    {
        ["S_ISUID"] = 0x800, ["S_ISGID"] = 0x400, ["S_ISVTX"] = 0x200,
        ["S_IRWXU"] = 0x1C0, ["S_IRUSR"] = 0x100, ["S_IWUSR"] = 0x80, ["S_IXUSR"] = 0x40,
        ["S_IRWXG"] = 0x38, ["S_IRGRP"] = 0x20, ["S_IWGRP"] = 0x10, ["S_IXGRP"] = 0x8,
        ["S_IRWXO"] = 0x7, ["S_IROTH"] = 0x4, ["S_IWOTH"] = 0x2, ["S_IXOTH"] = 0x1,
        ["S_IREAD"] = 0x100, ["S_IWRITE"] = 0x80, ["S_IEXEC"] = 0x40,
    };

    public static long? Of(PythonModule module, PyExpr? expression, PythonDefinition? scope) => Of(module, expression, scope, 0);

    /// <summary>
    /// The permission bits an expression surely sets: for <c>st.st_mode | stat.S_IXOTH</c> the
    /// known operands of a bitwise or, even when another operand is not known.
    /// </summary>
    public static long? BitsSet(PythonModule module, PyExpr? expression, PythonDefinition? scope)
    {
        if (expression is PyBinary { Operator: "|" } union)
        {
            var left = BitsSet(module, union.Left, scope);
            var right = BitsSet(module, union.Right, scope);
            return left is null && right is null ? null : (left ?? 0) | (right ?? 0);
        }

        return Of(module, expression, scope);
    }

    private static long? Of(PythonModule module, PyExpr? expression, PythonDefinition? scope, int depth)
    {
        if (expression is null || depth > MaxDepth)
        {
            return null;
        }

        switch (expression)
        {
            case PyConstant constant:
                return Literal(constant.Text);
            case PyUnary { Operator: "-" } negative:
                return -Of(module, negative.Operand, scope, depth + 1);
            case PyUnary { Operator: "+" } positive:
                return Of(module, positive.Operand, scope, depth + 1);
            case PyBinary binary:
                var left = Of(module, binary.Left, scope, depth + 1);
                var right = Of(module, binary.Right, scope, depth + 1);
                return left is { } a && right is { } b ? Combine(binary.Operator, a, b) : null;
            case PyMember member when member.DottedName is { } dotted && StatBits.TryGetValue(member.Name, out var bits)
                && module.Values.Resolve(dotted, scope, member.Line).StartsWith("stat.", StringComparison.Ordinal):
                return bits;
            case PyName name:
                if (StatBits.TryGetValue(name.Id, out var imported) && module.Values.Resolve(name.Id, scope, name.Line) == "stat." + name.Id)
                {
                    return imported;
                }

                var assignments = module.Values.AssignmentsVisible(name.Id, scope, name.Line);
                if (assignments.Count != 1 || assignments[0].IsAugmented || assignments[0].Targets.Count != 1)
                {
                    return null;
                }

                return Of(module, module.Values.Of(assignments[0]), assignments[0].Scope, depth + 1);
            default:
                return null;
        }
    }

    private static long? Combine(string op, long a, long b)
    {
        try
        {
            return op switch
            {
                "<<" when b is >= 0 and < 62 => checked(a << (int)b),
                ">>" when b is >= 0 and < 64 => a >> (int)b,
                "**" when b is >= 0 and < 63 => checked((long)Math.Pow(a, b)),
                "*" => checked(a * b),
                "+" => checked(a + b),
                "-" => checked(a - b),
                "|" => a | b,
                "&" => a & b,
                "^" => a ^ b,
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>A Python integer literal in any base; Python 2's <c>0770</c> is octal too.</summary>
    private static long? Literal(string text)
    {
        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        if (digits.EndsWith('l'))
        {
            digits = digits[..^1];
        }

        var (body, radix) = digits switch
        {
            _ when digits.StartsWith("0o", StringComparison.Ordinal) => (digits[2..], 8),
            _ when digits.StartsWith("0x", StringComparison.Ordinal) => (digits[2..], 16),
            _ when digits.StartsWith("0b", StringComparison.Ordinal) => (digits[2..], 2),
            _ when digits.Length > 1 && digits[0] == '0' => (digits[1..], 8),
            _ => (digits, 10),
        };

        if (body.Length == 0 || body.Length > 18)
        {
            return null;
        }

        if (radix == 10)
        {
            return long.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }

        try
        {
            return Convert.ToInt64(body, radix);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
