using Verification.Core;
using Verification.Core.Reading;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>A fall-back reader that reads identity photos and bank-details sheets until it is cancelled.</summary>
internal sealed class EndlessReader : IDocumentReader
{
    public bool Cancelled { get; private set; }

    public ReaderAvailability Availability { get; } = new(true, "endless");

    public async ValueTask<Outcome<IdentityReading>> ReadIdentityAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken)
    {
        await UntilCancelledAsync(cancellationToken);
        return new IdentityReading();
    }

    public async ValueTask<Outcome<BankDetailsReading>> ReadBankDetailsAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken)
    {
        await UntilCancelledAsync(cancellationToken);
        return new BankDetailsReading();
    }

    private async Task UntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled = true;
            throw;
        }
    }
}
