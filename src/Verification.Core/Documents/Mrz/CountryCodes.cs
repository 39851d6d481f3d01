using System.Collections.Frozen;

namespace Verification.Core.Documents.Mrz;

/// <summary>
/// Country codes as ICAO 9303 Part 3 uses them in machine-readable zones: the ISO 3166-1 alpha-3 codes,
/// <c>D</c> for Germany, the British nationality codes (<c>GBD</c>, <c>GBN</c>, <c>GBO</c>, <c>GBP</c>,
/// <c>GBS</c>), the United Nations and European Union codes, the <c>X..</c> codes of international
/// organisations, the <c>XXA</c>/<c>XXB</c>/<c>XXC</c>/<c>XXX</c> codes for stateless persons, refugees and
/// unspecified nationality, <c>RKS</c> (Kosovo, as some issuers print it) and <c>UTO</c>, the fictional
/// state of the ICAO specimens. Also the ISO 3166-1 alpha-2 codes (with Kosovo's <c>XK</c>) for BICs.
/// </summary>
public static class CountryCodes
{
    private const string Alpha3 =
        "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS " +
        "BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV " +
        "CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM " +
        "GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN " +
        "IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE " +
        "LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS " +
        "MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK " +
        "PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR " +
        "SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY " +
        "USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE";

    private const string IcaoSpecial =
        "D GBD GBN GBO GBP GBS UNO UNA UNK EUE XBA XIM XCC XCE XCO XEC XPO XOM XDC XES XMP XXA XXB XXC XXX RKS UTO";

    private const string Alpha2 =
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW " +
        "BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI " +
        "FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN " +
        "IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME " +
        "MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF " +
        "PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV " +
        "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE " +
        "YT ZA ZM ZW XK";

    private static readonly FrozenSet<string> Icao = (Alpha3 + " " + IcaoSpecial)
        .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Iso2 = Alpha2
        .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    // Two upper-case letters index a 26 x 26 table: a BIC's country is found without hashing.
    private static readonly string?[] Iso2Table = BuildIso2Table();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> IcaoBySpan = Icao.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Every ICAO code this library knows (ISO alpha-3 and the special codes).</summary>
    public static IReadOnlySet<string> AllIcao => Icao;

    /// <summary>
    /// Every ICAO code this library knows as a machine-readable zone prints it: three characters, filled with fillers
    /// (<c>D&lt;&lt;</c>), in ordinal order. What readers choose among when a code read is not one of them.
    /// </summary>
    public static IReadOnlyList<string> AllIcaoAsPrinted { get; } = [.. Icao.Select(c => c.PadRight(3, '<')).Order(StringComparer.Ordinal)];

    /// <summary>Every ISO 3166-1 alpha-2 code, with <c>XK</c>.</summary>
    public static IReadOnlySet<string> AllIso2 => Iso2;

    /// <summary>Whether <paramref name="code"/> (fillers already removed, e.g. <c>D</c>, <c>UTO</c>) is a known ICAO code.</summary>
    public static bool IsKnownIcao(ReadOnlySpan<char> code) => IcaoBySpan.Contains(code);

    /// <summary>Finds a known ICAO code (see <see cref="IsKnownIcao"/>) without allocating; the shared string on success.</summary>
    public static bool TryGetKnownIcao(ReadOnlySpan<char> code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? known) =>
        IcaoBySpan.TryGetValue(code, out known);

    /// <summary>Whether <paramref name="code"/> is an ISO 3166-1 alpha-2 code (or <c>XK</c>).</summary>
    public static bool IsIso3166Alpha2(string code) => Iso2.Contains(code);

    /// <summary>Finds an ISO 3166-1 alpha-2 code (or <c>XK</c>) without allocating; the shared string on success.</summary>
    public static bool TryGetIso3166Alpha2(ReadOnlySpan<char> code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? country) =>
        (country = code.Length == 2 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1])
            ? Iso2Table[((code[0] - 'A') * 26) + (code[1] - 'A')]
            : null) is not null;

    private static string?[] BuildIso2Table()
    {
        var table = new string?[26 * 26];
        foreach (var code in Iso2)
        {
            table[((code[0] - 'A') * 26) + (code[1] - 'A')] = code;
        }

        return table;
    }
}
