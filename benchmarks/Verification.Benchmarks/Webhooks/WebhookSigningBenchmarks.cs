using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Verification.Core.Webhooks;

namespace Verification.Benchmarks.Webhooks;

/// <summary>
/// Signing a 1 KiB webhook body against a bare HMAC-SHA256 of the same bytes (target: at most 1.3 times).
/// The inputs match benchmarks/peers-webhooks/sign-bench.js, which runs the npm standardwebhooks package.
/// dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*Webhook*'
/// </summary>
[MemoryDiagnoser]
public class WebhookSigningBenchmarks
{
    // Inputs live in fields set up outside the measured methods, never literals the JIT could fold.
    private string _messageId = string.Empty;
    private long _timestamp;
    private byte[] _key = null!;
    private byte[] _payload = null!;
    private WebhookSecret _secret = null!;
    private WebhookSecret _previous = null!;
    private WebhookSigner _signer = null!;
    private WebhookSigningSecrets _secrets = null!;

    [GlobalSetup]
    public void Setup()
    {
        _messageId = "msg_01JD5V2Q9Z3X4Y5W6V7T8S9R0Q";
        _timestamp = 1_800_000_000;
        _key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        _payload = Enumerable.Range(0, 1024).Select(i => (byte)('a' + (i % 26))).ToArray();
        _secret = WebhookSecret.Parse("whsec_" + Convert.ToBase64String(_key)).Value;
        _previous = WebhookSecret.Generate();
        _signer = new WebhookSigner(TimeProvider.System);
        _secrets = new WebhookSigningSecrets(_secret);

        // Same answer as the npm package for the same inputs (see sign-bench.js).
        var signature = WebhookSigner.ComputeSignatureHeader(_messageId, _timestamp, _payload, _secret);
        if (signature != "v1,WZV9uHLKc2th2ebMyPxRI//Wy6XoAfg5fNjjgxR0A1M=")
        {
            throw new InvalidOperationException("The benchmark signature differs from standardwebhooks': " + signature);
        }
    }

    [Benchmark(Baseline = true, Description = "Bare HMACSHA256.HashData(1 KiB)")]
    public byte[] BareHmacSha256() => HMACSHA256.HashData(_key, _payload);

    [Benchmark(Description = "Webhook signature header (1 KiB)")]
    public string WebhookSignatureHeader() => WebhookSigner.ComputeSignatureHeader(_messageId, _timestamp, _payload, _secret);

    [Benchmark(Description = "Webhook three headers with the clock (1 KiB)")]
    public WebhookHeaders WebhookSignHeaders() => _signer.Sign(_messageId, _payload, _secrets);

    [Benchmark(Description = "Webhook signature header, two secrets (rotation)")]
    public string WebhookSignatureHeaderTwoSecrets() => WebhookSigner.ComputeSignatureHeader(_messageId, _timestamp, _payload, _secret, _previous);
}
