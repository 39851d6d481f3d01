namespace Verification.Core.Verifications;

/// <summary>
/// Personal attributes read from a document. Identity documents fill the identity members, bank-details
/// sheets the bank members. These are personal data: they are never logged, are filtered by the reader's
/// scope, and are erased when a verification is archived.
/// </summary>
public sealed record ExtractedFields
{
    /// <summary>Document number.</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>Surname(s), as on the document.</summary>
    public string? LastName { get; init; }

    /// <summary>Given names, space separated, as on the document.</summary>
    public string? FirstName { get; init; }

    /// <summary>Date of birth.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>Expiry date, where the document has one.</summary>
    public DateOnly? ExpiryDate { get; init; }

    /// <summary><c>M</c>, <c>F</c> or <c>X</c>.</summary>
    public string? Sex { get; init; }

    /// <summary>Nationality, ICAO code as printed.</summary>
    public string? Nationality { get; init; }

    /// <summary>Issuing state, ICAO code as printed.</summary>
    public string? IssuingCountry { get; init; }

    /// <summary>The machine-readable zone, one string a line.</summary>
    public IReadOnlyList<string>? Mrz { get; init; }

    /// <summary>IBAN, upper case without spaces.</summary>
    public string? Iban { get; init; }

    /// <summary>BIC.</summary>
    public string? Bic { get; init; }

    /// <summary>Account holder name.</summary>
    public string? HolderName { get; init; }

    /// <summary>Bank name.</summary>
    public string? BankName { get; init; }

    /// <summary>No field at all.</summary>
    public static ExtractedFields Empty { get; } = new();

    /// <inheritdoc />
    public bool Equals(ExtractedFields? other) =>
        other is not null
        && DocumentNumber == other.DocumentNumber && LastName == other.LastName && FirstName == other.FirstName
        && BirthDate == other.BirthDate && ExpiryDate == other.ExpiryDate && Sex == other.Sex
        && Nationality == other.Nationality && IssuingCountry == other.IssuingCountry
        && (Mrz ?? []).SequenceEqual(other.Mrz ?? [])
        && Iban == other.Iban && Bic == other.Bic && HolderName == other.HolderName && BankName == other.BankName;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DocumentNumber, LastName, FirstName, BirthDate, Iban);
}
