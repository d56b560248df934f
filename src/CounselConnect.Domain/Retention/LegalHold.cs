using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Retention;

/// <summary>
/// A legal hold on a case: while it is in force the case is never purged, whatever the retention period says.
/// Released holds are kept as history. The reason is a short note for the organisation (a matter number, "subpoena
/// challenge"), not a place for personal data.
/// </summary>
public sealed class LegalHold : Entity
{
    public const int ReasonMaxLength = 200;

    private LegalHold()
    {
        Reason = string.Empty;
        PlacedBy = string.Empty;
    }

    public LegalHold(Guid caseId, Guid organisationId, string reason, string placedBy, DateTime nowUtc)
    {
        CheckRule(string.IsNullOrWhiteSpace(reason), "LegalHoldReasonRequired", "Say why the case is on hold.");
        CheckRule(reason.Trim().Length > ReasonMaxLength, "LegalHoldReasonLength", $"The reason is at most {ReasonMaxLength} characters.");
        CaseId = caseId;
        OrganisationId = organisationId;
        Reason = reason.Trim();
        PlacedBy = placedBy;
        PlacedAtUtc = nowUtc;
    }

    public Guid CaseId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public string Reason { get; private set; }

    public string PlacedBy { get; private set; }

    public DateTime PlacedAtUtc { get; private set; }

    public string? ReleasedBy { get; private set; }

    public DateTime? ReleasedAtUtc { get; private set; }

    public bool InForce => ReleasedAtUtc is null;

    public void Release(string releasedBy, DateTime nowUtc)
    {
        CheckRule(!InForce, "LegalHoldAlreadyReleased", "This legal hold has already been released.");
        ReleasedBy = releasedBy;
        ReleasedAtUtc = nowUtc;
    }
}
