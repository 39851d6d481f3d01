using System.Buffers.Binary;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>
/// A small seeded mutation fuzzer: inputs grow from valid seeds by random flips, interesting values, insertions,
/// deletions, duplications, truncations and splices. Each input runs under a watchdog: an exception that
/// escapes, or a parse that does not finish, fails the test with the seed, the iteration and the input.
/// </summary>
public static class Fuzz
{
    public static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(10);

    private static readonly byte[] Interesting8 = [0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)'<', (byte)'\n', (byte)'=', (byte)'%', (byte)'/'];
    private static readonly uint[] Interesting32 = [0, 1, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];

    /// <summary>Runs <paramref name="parse"/> on <paramref name="iterations"/> generated inputs.</summary>
    public static void Run<T>(int seed, int iterations, Func<Random, T> generate, Action<T> parse, Func<T, string> show)
    {
        var random = new Random(seed);
        for (var i = 0; i < iterations; i++)
        {
            var input = generate(random);
            var task = Task.Factory.StartNew(() => parse(input), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
            bool finished;
            try
            {
                finished = task.Wait(Watchdog);
            }
            catch (AggregateException ex)
            {
                throw new Xunit.Sdk.XunitException($"Iteration {i} (seed {seed}) threw {ex.InnerException}\ninput: {show(input)}");
            }

            if (!finished)
            {
                throw new Xunit.Sdk.XunitException($"Iteration {i} (seed {seed}) did not finish within {Watchdog}\ninput: {show(input)}");
            }
        }
    }

    /// <summary>A mutant of one of <paramref name="seeds"/>: 1 to 8 mutations.</summary>
    public static byte[] Mutate(Random random, IReadOnlyList<byte[]> seeds)
    {
        var data = new List<byte>(seeds[random.Next(seeds.Count)]);
        var count = 1 + random.Next(8);
        for (var m = 0; m < count; m++)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(9))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = Interesting8[random.Next(Interesting8.Length)];
                    break;
                case 2 when data.Count >= 4:
                    var value = Interesting32[random.Next(Interesting32.Length)];
                    var bytes = new byte[4];
                    if (random.Next(2) == 0)
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
                    }
                    else
                    {
                        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
                    }

                    var where = random.Next(data.Count - 3);
                    for (var k = 0; k < 4; k++)
                    {
                        data[where + k] = bytes[k];
                    }

                    break;
                case 3:
                    var insert = new byte[1 + random.Next(16)];
                    random.NextBytes(insert);
                    data.InsertRange(at, insert);
                    break;
                case 4 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(32)));
                    break;
                case 5 when data.Count > 0:
                    var length = Math.Min(data.Count - at, 1 + random.Next(64));
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 6 when data.Count > 0:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 7:
                    var other = seeds[random.Next(seeds.Count)];
                    if (other.Length > 0)
                    {
                        var from = random.Next(other.Length);
                        data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(64))).ToArray());
                    }

                    break;
                default:
                    var tail = new byte[random.Next(8)];
                    random.NextBytes(tail);
                    data.AddRange(tail);
                    break;
            }
        }

        return [.. data];
    }

    /// <summary>A mutant string of one of <paramref name="seeds"/>, sometimes with characters from <paramref name="alphabet"/>.</summary>
    public static string MutateText(Random random, IReadOnlyList<string> seeds, string alphabet)
    {
        var text = new System.Text.StringBuilder(seeds[random.Next(seeds.Count)]);
        var count = 1 + random.Next(8);
        for (var m = 0; m < count; m++)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length);
            switch (random.Next(6))
            {
                case 0 when text.Length > 0:
                    text[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                case 1:
                    text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 2 when text.Length > 0:
                    text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(8)));
                    break;
                case 3 when text.Length > 0:
                    text.Length = at;
                    break;
                case 4 when text.Length > 0:
                    var length = Math.Min(text.Length - at, 1 + random.Next(48));
                    text.Insert(random.Next(text.Length), text.ToString(at, length));
                    break;
                default:
                    if (text.Length == 0)
                    {
                        text.Append((char)random.Next(0, 0xFFFF));
                    }
                    else
                    {
                        text[at] = (char)random.Next(0x20, 0x3000);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    public static string Hex(byte[] data) => data.Length <= 512 ? Convert.ToHexString(data) : Convert.ToHexString(data.AsSpan(0, 512)) + $"... ({data.Length} bytes)";

    public static string Escape(string text) => System.Text.Json.JsonSerializer.Serialize(text.Length <= 2000 ? text : text[..2000]);
}
