using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Outcomes;

namespace CounselConnect.SyntheticData;

/// <summary>
/// Distributions of the synthetic program. Shapes are informed by the published figures in the domain reference
/// (EOIR completions by language FY2023; Eagly and Shafer; American Immigration Council 2016; Vera's NYIFUP
/// evaluation; SAFE Network year one): they make the statistics look plausible, they are not targets.
/// </summary>
internal static class ProgramModel
{
    /// <summary>Intakes fall in these years; decisions later than <see cref="DataCutoff"/> are still pending.</summary>
    public static readonly DateOnly FirstIntake = new(2019, 1, 1);

    public static readonly DateOnly LastIntake = new(2025, 12, 31);

    public static readonly DateOnly DataCutoff = new(2026, 6, 30);

    public static readonly (CustodyStatus Value, double Weight)[] Custody =
        [(CustodyStatus.Detained, 35), (CustodyStatus.Released, 25), (CustodyStatus.NeverDetained, 40)];

    public static readonly (string Value, double Weight)[] Courts =
    [
        ("NYC", 14), ("NWK", 6), ("ELZ", 4), ("LOS", 11), ("SFR", 7), ("HOU", 8), ("MIA", 9), ("CHI", 6), ("ATL", 5),
        ("DAL", 5), ("SEA", 3), ("BOS", 4), ("DEN", 3), ("PHO", 3), ("SNA", 4), ("ORL", 3), ("ADL", 2), ("OKD", 1), ("YOR", 1), ("BTV", 1),
    ];

    /// <summary>EOIR case completions by language, FY2023 (the "other" 45,031 spread over a few languages).</summary>
    public static readonly (string Value, double Weight)[] Languages =
    [
        ("spa", 427_868), ("eng", 21_287), ("por", 16_021), ("hat", 12_692), ("cmn", 7_677), ("pan", 5_208),
        ("mam", 9_000), ("quc", 6_000), ("kjb", 4_000), ("rus", 6_000), ("ukr", 3_000), ("ara", 4_000), ("fra", 4_000),
        ("vie", 2_000), ("tur", 3_000), ("wol", 1_500), ("ben", 2_531),
    ];

    /// <summary>Nationality (ISO 3166-1 alpha-2) given the language.</summary>
    public static readonly Dictionary<string, (string Value, double Weight)[]> NationalityByLanguage = new(StringComparer.Ordinal)
    {
        ["spa"] = [("MX", 25), ("GT", 16), ("HN", 16), ("SV", 10), ("VE", 10), ("CO", 8), ("EC", 7), ("NI", 4), ("CU", 3), ("PE", 1)],
        ["eng"] = [("JM", 30), ("NG", 25), ("GH", 20), ("IN", 10), ("GY", 15)],
        ["por"] = [("BR", 95), ("AO", 5)],
        ["hat"] = [("HT", 100)],
        ["cmn"] = [("CN", 100)],
        ["pan"] = [("IN", 100)],
        ["mam"] = [("GT", 100)],
        ["quc"] = [("GT", 100)],
        ["kjb"] = [("GT", 100)],
        ["rus"] = [("RU", 60), ("KZ", 20), ("UZ", 20)],
        ["ukr"] = [("UA", 100)],
        ["ara"] = [("EG", 25), ("SY", 20), ("YE", 15), ("MR", 25), ("SD", 15)],
        ["fra"] = [("SN", 30), ("CM", 30), ("CD", 25), ("GN", 15)],
        ["vie"] = [("VN", 100)],
        ["tur"] = [("TR", 100)],
        ["wol"] = [("SN", 100)],
        ["ben"] = [("BD", 100)],
    };

    public static readonly (ReliefType Value, double Weight)[] Relief =
    [
        (ReliefType.Asylum, 58), (ReliefType.WithholdingOfRemoval, 8), (ReliefType.ConventionAgainstTorture, 4),
        (ReliefType.CancellationNonPermanentResident, 9), (ReliefType.CancellationPermanentResident, 3),
        (ReliefType.SpecialImmigrantJuvenile, 5), (ReliefType.AdjustmentOfStatus, 4), (ReliefType.UVisa, 3), (ReliefType.TVisa, 1),
        (ReliefType.TemporaryProtectedStatus, 3), (ReliefType.VawaCancellation, 2),
    ];

    public static readonly (RepresentativeType Value, double Weight)[] Representatives =
        [(RepresentativeType.Staff, 55), (RepresentativeType.ProBono, 30), (RepresentativeType.Accredited, 15)];

    /// <summary>Share of the program's cases for which counsel is found (the rest could not be placed).</summary>
    public static double PlacementRate(CustodyStatus custody) => custody switch
    {
        CustodyStatus.Detained => 0.78,
        CustodyStatus.Released => 0.86,
        _ => 0.90,
    };

    /// <summary>Median days from intake to counsel (log-normal around it).</summary>
    public static double MedianDaysToCounsel(CustodyStatus custody) => custody == CustodyStatus.Detained ? 6 : 21;

    /// <summary>Median days from intake to decision: the detained docket moves fast.</summary>
    public static double MedianDaysToDecision(CustodyStatus custody) => custody == CustodyStatus.Detained ? 110 : 620;

    /// <summary>
    /// Among decided cases in TRAC's two groups, the share allowed to stay. With counsel: about 48% detained
    /// (Vera), 63% never detained (AIC); without: 4% detained (Vera), 13% never detained (AIC).
    /// </summary>
    public static double SuccessShare(CustodyStatus custody, bool represented) => (custody, represented) switch
    {
        (CustodyStatus.Detained, true) => 0.48,
        (CustodyStatus.Released, true) => 0.56,
        (_, true) => 0.63,
        (CustodyStatus.Detained, false) => 0.04,
        (CustodyStatus.Released, false) => 0.10,
        _ => 0.13,
    };

    /// <summary>Share of decisions that fall in neither TRAC group (dismissed, administratively closed, other closure).</summary>
    public const double OtherDecidedShare = 0.14;

    public static readonly (LscClosingCode Value, double Weight)[] RepresentedCodes =
        [(LscClosingCode.IB, 50), (LscClosingCode.IA, 20), (LscClosingCode.L, 12), (LscClosingCode.H, 6), (LscClosingCode.B, 8), (LscClosingCode.K, 2), (LscClosingCode.IC, 2)];

    public static readonly (LscClosingCode Value, double Weight)[] UnrepresentedCodes =
        [(LscClosingCode.A, 65), (LscClosingCode.B, 35)];

    /// <summary>Funding sources and the chance each applies to a case; LSC only for relief its rules permit (45 CFR 1626).</summary>
    public static readonly (string Tag, double Chance)[] Funders =
        [("city", 0.55), ("state", 0.30), ("vera-safe", 0.12), ("foundation", 0.15), ("lsc", 0.25)];

    public static bool LscEligible(ReliefType relief) => relief is ReliefType.Asylum or ReliefType.WithholdingOfRemoval
        or ReliefType.UVisa or ReliefType.TVisa or ReliefType.VawaCancellation or ReliefType.VawaSelfPetition;
}
