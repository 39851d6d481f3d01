namespace Verification.Core.Verifications;

/// <summary>The document types of the API contract (<c>docs/api.md</c>).</summary>
public static class DocumentTypes
{
    /// <summary>A passport (TD3).</summary>
    public const string Passport = "passport";

    /// <summary>An identity card (TD1 or TD2).</summary>
    public const string IdCard = "id_card";

    /// <summary>The French identity card of 1988-2021 (2 x 36 MRZ).</summary>
    public const string FrenchIdLegacy = "fr_id_legacy";

    /// <summary>A residence permit.</summary>
    public const string ResidencePermit = "residence_permit";

    /// <summary>A visa (MRV-A or MRV-B).</summary>
    public const string Visa = "visa";

    /// <summary>A bank-details sheet (IBAN, BIC).</summary>
    public const string BankDetails = "bank_details";

    /// <summary>A document that was not recognised, or is stored for manual review.</summary>
    public const string Unknown = "unknown";

    /// <summary>A selfie sent on its own (<c>ingest</c> with the category <c>selfie</c>), compared with the faces of its verification.</summary>
    public const string Selfie = "selfie";

    /// <summary>Whether <paramref name="type"/> is an identity document type.</summary>
    public static bool IsIdentity(string type) =>
        type is Passport or IdCard or FrenchIdLegacy or ResidencePermit or Visa;
}
