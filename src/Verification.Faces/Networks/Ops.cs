using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Verification.Faces.Networks;

/// <summary>The TensorFlow operations face-api's networks use, with TensorFlow's padding and rounding rules.</summary>
internal static class Ops
{
    /// <summary>Output size and leading padding of a window, as TensorFlow computes them for "same" and "valid".</summary>
    public static (int Out, int PadBefore) Window(int size, int kernel, int stride, bool same)
    {
        if (!same)
        {
            return (size < kernel ? 0 : (size - kernel) / stride + 1, 0);
        }

        var output = (size + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + kernel - size, 0);
        return (output, total / 2);
    }

    /// <summary><c>tf.conv2d</c> with filters [kh, kw, in, out] (plus an optional bias added afterwards).</summary>
    public static Tensor Conv2D(Tensor x, float[] filters, int kernel, int outChannels, int stride, bool same, float[]? bias = null)
    {
        if (Vector256.IsHardwareAccelerated && outChannels % 8 == 0)
        {
            return FastKernels.Conv2D(x, filters, kernel, outChannels, stride, same, bias);
        }

        return Conv2DPortable(x, filters, kernel, outChannels, stride, same, bias);
    }

    /// <summary>The plain loop <see cref="Conv2D"/> falls back to without 256-bit vectors.</summary>
    internal static Tensor Conv2DPortable(Tensor x, float[] filters, int kernel, int outChannels, int stride, bool same, float[]? bias)
    {
        var (outH, padTop) = Window(x.Height, kernel, stride, same);
        var (outW, padLeft) = Window(x.Width, kernel, stride, same);
        var inC = x.Channels;
        if (filters.Length != kernel * kernel * inC * outChannels)
        {
            throw new InvalidOperationException($"Filters hold {filters.Length} values, expected {kernel}x{kernel}x{inC}x{outChannels}.");
        }

        var result = new Tensor(outH, outW, outChannels);
        var input = x.Data;
        var output = result.Data;
        for (var oy = 0; oy < outH; oy++)
        {
            for (var ox = 0; ox < outW; ox++)
            {
                var acc = output.AsSpan((oy * outW + ox) * outChannels, outChannels);
                for (var ky = 0; ky < kernel; ky++)
                {
                    var iy = oy * stride - padTop + ky;
                    if ((uint)iy >= (uint)x.Height)
                    {
                        continue;
                    }

                    for (var kx = 0; kx < kernel; kx++)
                    {
                        var ix = ox * stride - padLeft + kx;
                        if ((uint)ix >= (uint)x.Width)
                        {
                            continue;
                        }

                        var inBase = (iy * x.Width + ix) * inC;
                        var wBase = (ky * kernel + kx) * inC * outChannels;
                        for (var c = 0; c < inC; c++)
                        {
                            var v = input[inBase + c];
                            if (v != 0f)
                            {
                                Axpy(v, filters.AsSpan(wBase + c * outChannels, outChannels), acc);
                            }
                        }
                    }
                }

                if (bias is not null)
                {
                    Add(acc, bias);
                }
            }
        }

        return result;
    }

    /// <summary><c>tf.depthwiseConv2d</c> with a channel multiplier of one: filters [k, k, c, 1].</summary>
    public static Tensor Depthwise(Tensor x, float[] filters, int kernel, int stride, bool same)
    {
        if (Vector256.IsHardwareAccelerated && x.Channels % 8 == 0)
        {
            return FastKernels.Depthwise(x, filters, kernel, stride, same);
        }

        return DepthwisePortable(x, filters, kernel, stride, same);
    }

    /// <summary>The plain loop <see cref="Depthwise"/> falls back to without 256-bit vectors.</summary>
    internal static Tensor DepthwisePortable(Tensor x, float[] filters, int kernel, int stride, bool same)
    {
        var (outH, padTop) = Window(x.Height, kernel, stride, same);
        var (outW, padLeft) = Window(x.Width, kernel, stride, same);
        var c = x.Channels;
        var result = new Tensor(outH, outW, c);
        var input = x.Data;
        var output = result.Data;
        for (var oy = 0; oy < outH; oy++)
        {
            for (var ox = 0; ox < outW; ox++)
            {
                var acc = output.AsSpan((oy * outW + ox) * c, c);
                for (var ky = 0; ky < kernel; ky++)
                {
                    var iy = oy * stride - padTop + ky;
                    if ((uint)iy >= (uint)x.Height)
                    {
                        continue;
                    }

                    for (var kx = 0; kx < kernel; kx++)
                    {
                        var ix = ox * stride - padLeft + kx;
                        if ((uint)ix >= (uint)x.Width)
                        {
                            continue;
                        }

                        MultiplyAdd(input.AsSpan((iy * x.Width + ix) * c, c), filters.AsSpan((ky * kernel + kx) * c, c), acc);
                    }
                }
            }
        }

        return result;
    }

    /// <summary><c>tf.separableConv2d</c>: a depthwise 3x3 then a pointwise 1x1, plus the bias.</summary>
    public static Tensor SeparableConv(Tensor x, float[] depthwise, float[] pointwise, float[] bias, int stride, bool same)
    {
        var d = Depthwise(x, depthwise, 3, stride, same);
        return Conv2D(d, pointwise, 1, bias.Length, 1, same: false, bias);
    }

    /// <summary>Zero padding of one pixel on every side (<c>tf.pad</c> with [[0,0],[1,1],[1,1],[0,0]]).</summary>
    public static Tensor PadOne(Tensor x)
    {
        var result = new Tensor(x.Height + 2, x.Width + 2, x.Channels);
        var row = x.Width * x.Channels;
        for (var y = 0; y < x.Height; y++)
        {
            x.Data.AsSpan(y * row, row).CopyTo(result.Data.AsSpan(((y + 1) * result.Width + 1) * x.Channels, row));
        }

        return result;
    }

    /// <summary>Zero padding: <paramref name="top"/>/<paramref name="left"/> before, to a <paramref name="height"/> x <paramref name="width"/> result.</summary>
    public static Tensor Pad(Tensor x, int top, int left, int height, int width)
    {
        if (top == 0 && left == 0 && height == x.Height && width == x.Width)
        {
            return x;
        }

        var result = new Tensor(height, width, x.Channels);
        var row = x.Width * x.Channels;
        for (var y = 0; y < x.Height; y++)
        {
            x.Data.AsSpan(y * row, row).CopyTo(result.Data.AsSpan(((y + top) * width + left) * x.Channels, row));
        }

        return result;
    }

    /// <summary><c>tf.maxPool</c>; padded positions never win, as in TensorFlow.</summary>
    public static Tensor MaxPool(Tensor x, int kernel, int stride, bool same)
    {
        var (outH, padTop) = Window(x.Height, kernel, stride, same);
        var (outW, padLeft) = Window(x.Width, kernel, stride, same);
        var c = x.Channels;
        var result = new Tensor(outH, outW, c);
        for (var oy = 0; oy < outH; oy++)
        {
            for (var ox = 0; ox < outW; ox++)
            {
                var acc = result.Pixel(oy, ox);
                acc.Fill(float.NegativeInfinity);
                for (var ky = 0; ky < kernel; ky++)
                {
                    var iy = oy * stride - padTop + ky;
                    if ((uint)iy >= (uint)x.Height)
                    {
                        continue;
                    }

                    for (var kx = 0; kx < kernel; kx++)
                    {
                        var ix = ox * stride - padLeft + kx;
                        if ((uint)ix >= (uint)x.Width)
                        {
                            continue;
                        }

                        var v = x.Pixel(iy, ix);
                        for (var i = 0; i < c; i++)
                        {
                            acc[i] = MathF.Max(acc[i], v[i]);
                        }
                    }
                }
            }
        }

        return result;
    }

    /// <summary><c>tf.avgPool</c> with "valid" padding.</summary>
    public static Tensor AvgPoolValid(Tensor x, int kernel, int stride)
    {
        var (outH, _) = Window(x.Height, kernel, stride, same: false);
        var (outW, _) = Window(x.Width, kernel, stride, same: false);
        var c = x.Channels;
        var result = new Tensor(outH, outW, c);
        var count = (float)(kernel * kernel);
        for (var oy = 0; oy < outH; oy++)
        {
            for (var ox = 0; ox < outW; ox++)
            {
                var acc = result.Pixel(oy, ox);
                for (var ky = 0; ky < kernel; ky++)
                {
                    for (var kx = 0; kx < kernel; kx++)
                    {
                        Add(acc, x.Pixel(oy * stride + ky, ox * stride + kx));
                    }
                }

                for (var i = 0; i < c; i++)
                {
                    acc[i] /= count;
                }
            }
        }

        return result;
    }

    public static void Relu(Tensor x)
    {
        var d = x.Data;
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = MathF.Max(d[i], 0f);
        }
    }

    /// <summary>face-api's leaky ReLU, computed as it does: <c>relu(x - 0.1x) + 0.1x</c>.</summary>
    public static void Leaky(Tensor x)
    {
        var d = x.Data;
        for (var i = 0; i < d.Length; i++)
        {
            var min = d[i] * 0.10000000149011612f;
            d[i] = MathF.Max(d[i] - min, 0f) + min;
        }
    }

    /// <summary>Adds <paramref name="y"/> into <paramref name="x"/> element by element.</summary>
    public static void AddInPlace(Tensor x, Tensor y)
    {
        if (x.Data.Length != y.Data.Length)
        {
            throw new InvalidOperationException("Tensors of different sizes.");
        }

        Add(x.Data, y.Data);
    }

    /// <summary>acc += a * w, over spans of equal length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float a, ReadOnlySpan<float> w, Span<float> acc)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && acc.Length >= Vector<float>.Count)
        {
            var va = new Vector<float>(a);
            var wv = MemoryMarshal.Cast<float, Vector<float>>(w);
            var av = MemoryMarshal.Cast<float, Vector<float>>(acc);
            for (var j = 0; j < av.Length; j++)
            {
                av[j] += va * wv[j];
            }

            i = av.Length * Vector<float>.Count;
        }

        for (; i < acc.Length; i++)
        {
            acc[i] += a * w[i];
        }
    }

    /// <summary>acc += x * w, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> acc)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && acc.Length >= Vector<float>.Count)
        {
            var xv = MemoryMarshal.Cast<float, Vector<float>>(x);
            var wv = MemoryMarshal.Cast<float, Vector<float>>(w);
            var av = MemoryMarshal.Cast<float, Vector<float>>(acc);
            for (var j = 0; j < av.Length; j++)
            {
                av[j] += xv[j] * wv[j];
            }

            i = av.Length * Vector<float>.Count;
        }

        for (; i < acc.Length; i++)
        {
            acc[i] += x[i] * w[i];
        }
    }

    /// <summary>acc += y, element by element.</summary>
    public static void Add(Span<float> acc, ReadOnlySpan<float> y)
    {
        for (var i = 0; i < acc.Length; i++)
        {
            acc[i] += y[i];
        }
    }
}
