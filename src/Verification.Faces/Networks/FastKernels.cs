using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Verification.Faces.Networks;

/// <summary>
/// The convolutions with 256-bit vectors: the input is zero-padded once (adding a zero product leaves a sum unchanged,
/// so the result equals TensorFlow's skipped taps), then four output pixels by eight output channels accumulate in
/// registers over every tap and input channel.
/// </summary>
internal static class FastKernels
{
    public static Tensor Conv2D(Tensor x, float[] filters, int kernel, int cout, int stride, bool same, float[]? bias)
    {
        var (outH, padTop) = Ops.Window(x.Height, kernel, stride, same);
        var (outW, padLeft) = Ops.Window(x.Width, kernel, stride, same);
        var cin = x.Channels;
        if (filters.Length != kernel * kernel * cin * cout)
        {
            throw new InvalidOperationException($"Filters hold {filters.Length} values, expected {kernel}x{kernel}x{cin}x{cout}.");
        }

        var padded = Ops.Pad(x, padTop, padLeft, Math.Max(x.Height + padTop, (outH - 1) * stride + kernel), Math.Max(x.Width + padLeft, (outW - 1) * stride + kernel));
        var result = new Tensor(outH, outW, cout);
        ref var input = ref MemoryMarshal.GetArrayDataReference(padded.Data);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(filters);
        ref var output = ref MemoryMarshal.GetArrayDataReference(result.Data);
        var wp = padded.Width;
        var pixelStep = (nuint)(stride * cin);
        for (var oy = 0; oy < outH; oy++)
        {
            var ox = 0;
            for (; ox + 4 <= outW; ox += 4)
            {
                for (var co = 0; co < cout; co += 8)
                {
                    var a0 = Vector256<float>.Zero;
                    var a1 = Vector256<float>.Zero;
                    var a2 = Vector256<float>.Zero;
                    var a3 = Vector256<float>.Zero;
                    for (var ky = 0; ky < kernel; ky++)
                    {
                        for (var kx = 0; kx < kernel; kx++)
                        {
                            var p = (nuint)((((oy * stride + ky) * wp) + ox * stride + kx) * cin);
                            var w = (nuint)((ky * kernel + kx) * cin * cout + co);
                            for (var c = 0; c < cin; c++)
                            {
                                var wv = Vector256.LoadUnsafe(ref weights, w);
                                a0 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref input, p)), wv, a0);
                                a1 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref input, p + pixelStep)), wv, a1);
                                a2 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref input, p + 2 * pixelStep)), wv, a2);
                                a3 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref input, p + 3 * pixelStep)), wv, a3);
                                p++;
                                w += (nuint)cout;
                            }
                        }
                    }

                    var o = (nuint)((oy * outW + ox) * cout + co);
                    if (bias is not null)
                    {
                        var b = Vector256.Create(bias, co);
                        (a0, a1, a2, a3) = (a0 + b, a1 + b, a2 + b, a3 + b);
                    }

                    a0.StoreUnsafe(ref output, o);
                    a1.StoreUnsafe(ref output, o + (nuint)cout);
                    a2.StoreUnsafe(ref output, o + (nuint)(2 * cout));
                    a3.StoreUnsafe(ref output, o + (nuint)(3 * cout));
                }
            }

            for (; ox < outW; ox++)
            {
                for (var co = 0; co < cout; co += 8)
                {
                    var a0 = Vector256<float>.Zero;
                    for (var ky = 0; ky < kernel; ky++)
                    {
                        for (var kx = 0; kx < kernel; kx++)
                        {
                            var p = (nuint)((((oy * stride + ky) * wp) + ox * stride + kx) * cin);
                            var w = (nuint)((ky * kernel + kx) * cin * cout + co);
                            for (var c = 0; c < cin; c++)
                            {
                                a0 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref input, p)), Vector256.LoadUnsafe(ref weights, w), a0);
                                p++;
                                w += (nuint)cout;
                            }
                        }
                    }

                    if (bias is not null)
                    {
                        a0 += Vector256.Create(bias, co);
                    }

                    a0.StoreUnsafe(ref output, (nuint)((oy * outW + ox) * cout + co));
                }
            }
        }

        return result;
    }

    public static Tensor Depthwise(Tensor x, float[] filters, int kernel, int stride, bool same)
    {
        var (outH, padTop) = Ops.Window(x.Height, kernel, stride, same);
        var (outW, padLeft) = Ops.Window(x.Width, kernel, stride, same);
        var c = x.Channels;
        var padded = Ops.Pad(x, padTop, padLeft, Math.Max(x.Height + padTop, (outH - 1) * stride + kernel), Math.Max(x.Width + padLeft, (outW - 1) * stride + kernel));
        var result = new Tensor(outH, outW, c);
        ref var input = ref MemoryMarshal.GetArrayDataReference(padded.Data);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(filters);
        ref var output = ref MemoryMarshal.GetArrayDataReference(result.Data);
        var wp = padded.Width;
        for (var oy = 0; oy < outH; oy++)
        {
            for (var ox = 0; ox < outW; ox++)
            {
                for (var ch = 0; ch < c; ch += 8)
                {
                    var a = Vector256<float>.Zero;
                    for (var ky = 0; ky < kernel; ky++)
                    {
                        for (var kx = 0; kx < kernel; kx++)
                        {
                            var p = (nuint)((((oy * stride + ky) * wp) + ox * stride + kx) * c + ch);
                            var w = (nuint)((ky * kernel + kx) * c + ch);
                            a = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref input, p), Vector256.LoadUnsafe(ref weights, w), a);
                        }
                    }

                    a.StoreUnsafe(ref output, (nuint)((oy * outW + ox) * c + ch));
                }
            }
        }

        return result;
    }
}
