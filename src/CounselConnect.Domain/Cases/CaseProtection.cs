namespace CounselConnect.Domain.Cases;

/// <summary>
/// Confidentiality under 8 U.S.C. 1367: information about a VAWA self-petitioner or cancellation applicant, a T visa
/// or a U visa applicant may not be disclosed (source: 8 U.S.C. 1367(a)(2), in force since 1996, extended to T and U
/// by the VTVPA 2000). A protected client's names are withheld from step-2 disclosure, match details of ad-hoc
/// conflict checks and exports; audit entries about the case carry a distinct category.
/// </summary>
public enum CaseProtection
{
    None,
    Vawa,
    TVisa,
    UVisa,
}
