using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Verification.Benchmarks.Documents;

namespace Verification.Benchmarks.Tests;

/// <summary>
/// A measured method must read its inputs from fields set up outside it. A string literal, a constant or a static
/// readonly field is a value the JIT may fold, and the benchmark then measures nothing (bic_validate reported 1.6 ns
/// for validating the literal "BNPAFRPPXXX"). Small integer arguments (limits, counts) are allowed.
/// </summary>
public sealed class BenchmarkInputTests
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static TheoryData<string> BenchmarkMethods()
    {
        var data = new TheoryData<string>();
        foreach (var method in Benchmarks())
        {
            data.Add(Name(method));
        }

        return data;
    }

    [Fact]
    public void FindsTheBenchmarks() =>
        Benchmarks().Select(Name).Should().Contain("IbanBenchmarks.ValidateBic").And.HaveCountGreaterThan(20);

    [Theory]
    [MemberData(nameof(BenchmarkMethods))]
    public void ReadsItsInputsFromFieldsSetUpOutsideTheMeasuredMethod(string name)
    {
        var method = Benchmarks().Single(m => Name(m) == name);
        FoldableLoads(method).Should().BeEmpty($"{name} must take its inputs from instance fields set up in [GlobalSetup]");
    }

    private static IEnumerable<MethodInfo> Benchmarks() =>
        typeof(PeerInputs).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .OrderBy(Name, StringComparer.Ordinal);

    private static string Name(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";

    // The loads in the method's body (or its async state machine's) that the JIT could treat as constants.
    private static List<string> FoldableLoads(MethodInfo method)
    {
        var body = method;
        if (method.GetCustomAttribute<AsyncStateMachineAttribute>() is { } machine)
        {
            body = machine.StateMachineType.GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!;
        }

        var il = body.GetMethodBody()?.GetILAsByteArray() ?? [];
        var found = new List<string>();
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            if (opCode == OpCodes.Ldstr)
            {
                found.Add("string literal \"" + body.Module.ResolveString(BitConverter.ToInt32(il, at)) + "\"");
            }
            else if (opCode == OpCodes.Ldc_I8 || opCode == OpCodes.Ldc_R8 || opCode == OpCodes.Ldc_R4)
            {
                found.Add("constant (" + opCode.Name + ")");
            }
            else if (opCode == OpCodes.Ldsfld)
            {
                var field = body.Module.ResolveField(BitConverter.ToInt32(il, at));
                if (field is { IsInitOnly: true } && field.DeclaringType?.Assembly == typeof(PeerInputs).Assembly)
                {
                    found.Add("static readonly field " + field.Name);
                }
            }

            at += OperandSize(opCode, il, at);
        }

        return found;
    }

    private static int OperandSize(OpCode opCode, byte[] il, int at) => opCode.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
