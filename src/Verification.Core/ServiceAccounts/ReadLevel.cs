namespace Verification.Core.ServiceAccounts;

/// <summary>How much of a verification a caller may read; each level includes the ones before it.</summary>
public enum ReadLevel
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Status, timestamps, document types and control results; no personal data.</summary>
    Metadata = 1,

    /// <summary>Metadata plus identity attributes (names, dates, numbers, IBAN).</summary>
    Attributes = 2,

    /// <summary>Attributes plus the document images.</summary>
    Pictures = 3,
}
