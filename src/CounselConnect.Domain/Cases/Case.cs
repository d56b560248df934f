using CounselConnect.Domain.Common;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.People;

namespace CounselConnect.Domain.Cases;

/// <summary>A matter: one person in removal proceedings, the people around them, and where the case stands.</summary>
public sealed class Case : Entity
{
    private Case()
    {
        Reference = string.Empty;
        CourtCode = string.Empty;
        PrimaryLanguage = string.Empty;
    }

    public Case(Guid organisationId, Guid? officeId, string reference, CustodyStatus custody, string courtCode,
        string? hearingLocation, DateTime? nextHearingUtc, HearingType? nextHearingType, IReadOnlyList<ReliefType> reliefSought,
        string primaryLanguage, IReadOnlyList<LanguageSkill> languages, bool interpreterNeeded, string createdBy, DateTime nowUtc)
    {
        CheckRule(string.IsNullOrWhiteSpace(reference), "CaseReferenceRequired", "A case needs a reference.");
        CheckRule(nextHearingUtc.HasValue != nextHearingType.HasValue, "NextHearingNeedsType",
            "A next hearing needs both a date and a type.");
        OrganisationId = organisationId;
        OfficeId = officeId;
        Reference = reference;
        Custody = custody;
        CourtCode = courtCode.Trim().ToUpperInvariant();
        HearingLocation = string.IsNullOrWhiteSpace(hearingLocation) ? null : hearingLocation.Trim();
        NextHearingUtc = nextHearingUtc;
        NextHearingType = nextHearingType;
        ReliefSought = [.. reliefSought.Distinct()];
        PrimaryLanguage = primaryLanguage.Trim().ToLowerInvariant();
        Languages = [.. languages];
        InterpreterNeeded = interpreterNeeded;
        Status = CaseStatus.Intake;
        CreatedBy = createdBy;
        CreatedAtUtc = nowUtc;
        StatusChangedAtUtc = nowUtc;
    }

    public Guid OrganisationId { get; private set; }

    public Guid? OfficeId { get; private set; }

    /// <summary>Human-friendly reference such as CC-2026-000123 (no personal data).</summary>
    public string Reference { get; private set; }

    public Guid ClientPartyId { get; private set; }

    public CaseStatus Status { get; private set; }

    public CustodyStatus Custody { get; private set; }

    /// <summary>EOIR immigration court (base city) code, e.g. NYC.</summary>
    public string CourtCode { get; private set; }

    public string? HearingLocation { get; private set; }

    public DateTime? NextHearingUtc { get; private set; }

    public HearingType? NextHearingType { get; private set; }

    public List<ReliefType> ReliefSought { get; private set; } = [];

    /// <summary>ISO 639-3 code of the language the client is most comfortable in.</summary>
    public string PrimaryLanguage { get; private set; }

    public List<LanguageSkill> Languages { get; private set; } = [];

    public bool InterpreterNeeded { get; private set; }

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime StatusChangedAtUtc { get; private set; }

    public string? DeclineReason { get; private set; }

    /// <summary>8 U.S.C. 1367 protection (VAWA, T, U): further restricts who sees the client's names.</summary>
    public CaseProtection Protection { get; private set; }

    public bool IsProtected => Protection != CaseProtection.None;

    /// <summary>
    /// The case's next hearing as the board, opportunities and lawyer matching read it: the earliest scheduled hearing
    /// still to come, or none. Kept in step by every change to the case's hearings.
    /// </summary>
    public void SetNextHearing(DateTime? nextHearingUtc, HearingType? nextHearingType)
    {
        CheckRule(nextHearingUtc.HasValue != nextHearingType.HasValue, "NextHearingNeedsType",
            "A next hearing needs both a date and a type.");
        NextHearingUtc = nextHearingUtc;
        NextHearingType = nextHearingType;
    }

    public void SetProtection(CaseProtection protection)
    {
        CheckRule(!Enum.IsDefined(protection), "ProtectionUnknown", "Unknown protection category.");
        Protection = protection;
    }

    public void SetClient(Party client)
    {
        ClientPartyId = client.Id;
        client.AttachToCase(Id, Reference);
    }

    public void AddRelatedParty(Party party) => party.AttachToCase(Id, Reference);

    /// <summary>
    /// Accepts the intake. A person must have decided every potential match of the conflict check, and none may
    /// be a conflict (a conflict declines the intake instead).
    /// </summary>
    public void AcceptIntake(ConflictCheck check, DateTime nowUtc)
    {
        CheckRule(Status != CaseStatus.Intake, "IntakeAlreadyDecided", "This intake has already been accepted or declined.");
        CheckRule(check.CaseId != Id, "ConflictCheckBelongsToCase", "The conflict check does not belong to this case.");
        CheckRule(check.Matches.Any(m => m.Decision == MatchDecision.Pending), "ConflictDecisionsPending",
            "Every potential conflict must be decided (no conflict, conflict, or waived with a reason) before the intake is accepted.");
        CheckRule(check.Matches.Any(m => m.Decision == MatchDecision.Conflict), "ConflictFound",
            "A match was decided to be a conflict: the intake must be declined.");
        Status = CaseStatus.NeedsCounsel;
        StatusChangedAtUtc = nowUtc;
    }

    /// <summary>Counsel takes the case: a case needing counsel becomes assigned.</summary>
    public void AssignCounsel(DateTime nowUtc)
    {
        CheckRule(Status != CaseStatus.NeedsCounsel, "CaseNotNeedingCounsel", "Only a case that needs counsel can be assigned.");
        Status = CaseStatus.Assigned;
        StatusChangedAtUtc = nowUtc;
    }

    /// <summary>Counsel withdraws: the case needs counsel again.</summary>
    public void WithdrawCounsel(DateTime nowUtc)
    {
        CheckRule(Status != CaseStatus.Assigned, "CaseNotAssigned", "Only an assigned case can lose its counsel.");
        Status = CaseStatus.NeedsCounsel;
        StatusChangedAtUtc = nowUtc;
    }

    public void DeclineIntake(string reason, DateTime nowUtc)
    {
        CheckRule(Status != CaseStatus.Intake, "IntakeAlreadyDecided", "This intake has already been accepted or declined.");
        CheckRule(string.IsNullOrWhiteSpace(reason), "DeclineReasonRequired", "Say why the intake is declined.");
        Status = CaseStatus.Declined;
        DeclineReason = reason.Trim();
        StatusChangedAtUtc = nowUtc;
    }
}
