using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Inbox;

/// <summary>
/// A note in a representative's inbox: a case that matches their profile has become open to counsel. It carries the
/// anonymised facts of disclosure step 1 only (as <c>GET /api/v1/opportunities</c>): no names, A-numbers, birth dates
/// or case references.
/// </summary>
public sealed class InboxItem : Entity
{
    private InboxItem()
    {
        CourtCode = string.Empty;
        PrimaryLanguage = string.Empty;
    }

    public InboxItem(Guid organisationId, Guid representativeId, Guid caseId, DateTime caseOpenedAtUtc, IReadOnlyList<ReliefType> reliefSought,
        string courtCode, string? hearingLocation, CustodyStatus custody, string primaryLanguage, bool interpreterNeeded, DateTime? nextHearingAtUtc,
        HearingType? nextHearingType, int estimatedHours, int urgency, int score, DateTime nowUtc)
    {
        OrganisationId = organisationId;
        RepresentativeId = representativeId;
        CaseId = caseId;
        CaseOpenedAtUtc = caseOpenedAtUtc;
        ReliefSought = [.. reliefSought];
        CourtCode = courtCode;
        HearingLocation = hearingLocation;
        Custody = custody;
        PrimaryLanguage = primaryLanguage;
        InterpreterNeeded = interpreterNeeded;
        NextHearingAtUtc = nextHearingAtUtc;
        NextHearingType = nextHearingType;
        EstimatedHours = estimatedHours;
        Urgency = urgency;
        Score = score;
        CreatedAtUtc = nowUtc;
    }

    public Guid OrganisationId { get; private set; }

    /// <summary>The recipient's representative profile.</summary>
    public Guid RepresentativeId { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>When the case became open to counsel (a case reopened after a withdrawal notifies again).</summary>
    public DateTime CaseOpenedAtUtc { get; private set; }

    public List<ReliefType> ReliefSought { get; private set; } = [];

    public string CourtCode { get; private set; }

    public string? HearingLocation { get; private set; }

    public CustodyStatus Custody { get; private set; }

    public string PrimaryLanguage { get; private set; }

    public bool InterpreterNeeded { get; private set; }

    public DateTime? NextHearingAtUtc { get; private set; }

    public HearingType? NextHearingType { get; private set; }

    public int EstimatedHours { get; private set; }

    public int Urgency { get; private set; }

    /// <summary>The fit score of the ranking when the item was made.</summary>
    public int Score { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? ReadAtUtc { get; private set; }

    /// <summary>Marks the item read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;
}
