namespace CounselConnect.Application.Representatives;

/// <summary>
/// Checks on a representative profile's codes that the validator makes (API and page alike), so that a bar state, a
/// court code or an EOIR ID that cannot be one is a 400 at its field. Court codes follow the hearings' and intake's rule
/// (<see cref="Hearings.HearingInputRules.CourtCodePattern"/>).
/// </summary>
public static class ProfileInputRules
{
    /// <summary>
    /// USPS codes of the 50 states, the District of Columbia and the five inhabited territories, each of which admits
    /// attorneys to its own bar (8 CFR 1001.1(f): "the highest court of any State, possession, territory, or Commonwealth
    /// of the United States, or of the District of Columbia").
    /// </summary>
    public static readonly IReadOnlySet<string> BarJurisdictions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
        "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
        "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
        "DC", "PR", "GU", "VI", "AS", "MP",
    };

    public const string BarStateMessage = "Use the two-letter code of a US state, DC or a US territory (e.g. NY, DC, PR).";

    /// <summary>
    /// An EOIR ID as EOIR's eRegistry issues it is short and made of letters and digits (e.g. AB123456). The exact format
    /// is not published in a form this project could cite, so the rule is loose on length and strict on characters.
    /// </summary>
    public const string EoirIdPattern = "^[A-Za-z0-9]{6,12}$";

    public const string EoirIdMessage = "An EOIR ID is 6 to 12 letters or digits, without spaces (e.g. AB123456).";

    public static bool IsBarJurisdiction(string? code) => code is not null && BarJurisdictions.Contains(code.Trim());
}
