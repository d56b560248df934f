using System.Text.RegularExpressions;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Outcomes;

/// <summary>What a closing records, as entered by the attorney or program manager.</summary>
public sealed record ClosingDetails(
    CourtOutcome Outcome,
    ReliefType? ReliefGranted,
    bool InAbsentia,
    LscClosingCode? ClosingCode,
    IReadOnlyList<string> FundingSources,
    RepresentativeType? RepresentativeType,
    Guid? AttorneyId,
    string? Nationality,
    DateOnly? CounselAssignedDate,
    DateOnly? FirstHearingWithCounselDate,
    DateOnly? DecisionDate);

/// <summary>
/// The outcome of one case (one per case, keyed by the case id), with the dates that matter and the reporting
/// dimensions copied from the case when recorded, so that statistics read one table and never a person's record.
/// Holds no identifying field.
/// </summary>
public sealed partial class CaseClosing : Entity
{
    private readonly List<ClosingFundingSource> _fundingSources = [];

    private CaseClosing()
    {
        CourtCode = string.Empty;
        PrimaryLanguage = string.Empty;
        RecordedBy = string.Empty;
    }

    public CaseClosing(Case @case, ClosingDetails details, string recordedBy, DateTime nowUtc)
        : this()
    {
        CheckRule(@case.Status is CaseStatus.Intake or CaseStatus.Declined, "CaseNotAccepted",
            "Only an accepted case can be closed: accept the intake first.");
        CaseId = @case.Id;
        OrganisationId = @case.OrganisationId;
        OfficeId = @case.OfficeId;
        IntakeDate = DateOnly.FromDateTime(@case.CreatedAtUtc);
        Apply(@case, details, recordedBy, nowUtc);
    }

    public Guid CaseId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public Guid? OfficeId { get; private set; }

    /// <summary>Copied from the case (the day the intake was recorded).</summary>
    public DateOnly IntakeDate { get; private set; }

    public DateOnly? CounselAssignedDate { get; private set; }

    public DateOnly? FirstHearingWithCounselDate { get; private set; }

    public DateOnly? DecisionDate { get; private set; }

    /// <summary>Days from intake to counsel assigned (stored so the percentile report groups on one column).</summary>
    public int? DaysToCounsel { get; private set; }

    public CourtOutcome Outcome { get; private set; }

    /// <summary>TRAC group of <see cref="Outcome"/> (stored so reports group on one column).</summary>
    public OutcomeGroup OutcomeGroup { get; private set; }

    /// <summary>The relief granted, when the outcome is relief granted.</summary>
    public ReliefType? ReliefGranted { get; private set; }

    /// <summary>Removal ordered in absentia (only with removal ordered).</summary>
    public bool InAbsentia { get; private set; }

    /// <summary>LSC closing code, for programs that report to LSC; a separate field from the court outcome.</summary>
    public LscClosingCode? ClosingCode { get; private set; }

    /// <summary>Null when no counsel was found for the case.</summary>
    public RepresentativeType? RepresentativeType { get; private set; }

    /// <summary>The user id of the attorney or representative (no name).</summary>
    public Guid? AttorneyId { get; private set; }

    /// <summary>ISO 3166-1 alpha-2 or alpha-3 code, upper case.</summary>
    public string? Nationality { get; private set; }

    /// <summary>Copied from the case.</summary>
    public CustodyStatus Custody { get; private set; }

    /// <summary>Copied from the case.</summary>
    public string CourtCode { get; private set; }

    /// <summary>Copied from the case (ISO 639-3).</summary>
    public string PrimaryLanguage { get; private set; }

    /// <summary>The first relief the case sought (copied from the case), the "relief" dimension of the reports.</summary>
    public ReliefType? PrimaryReliefSought { get; private set; }

    public IReadOnlyList<ClosingFundingSource> FundingSources => _fundingSources;

    public string RecordedBy { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }

    public bool IsRepresented => RepresentativeType.HasValue;

    /// <summary>Records the outcome again (a pending case decided later, a correction).</summary>
    public void Update(Case @case, ClosingDetails details, string recordedBy, DateTime nowUtc)
    {
        CheckRule(@case.Id != CaseId, "ClosingBelongsToCase", "This closing belongs to another case.");
        Apply(@case, details, recordedBy, nowUtc);
    }

    private void Apply(Case @case, ClosingDetails d, string recordedBy, DateTime nowUtc)
    {
        CheckRule(d.InAbsentia && d.Outcome != CourtOutcome.RemovalOrdered, "InAbsentiaOnlyWithRemoval",
            "The in-absentia flag applies only to a removal order.");
        CheckRule(d.Outcome == CourtOutcome.ReliefGranted && d.ReliefGranted is null, "ReliefTypeRequired",
            "Say which relief was granted.");
        CheckRule(d.Outcome != CourtOutcome.ReliefGranted && d.ReliefGranted is not null, "ReliefTypeOnlyWithGrant",
            "A relief type is recorded only when relief was granted.");
        CheckRule(d.Outcome != CourtOutcome.Pending && d.DecisionDate is null, "DecisionDateRequired",
            "A decided case needs its decision date.");
        CheckRule(d.Outcome == CourtOutcome.Pending && d.DecisionDate is not null, "PendingHasNoDecision",
            "A pending case has no decision date.");
        CheckRule(d.DecisionDate < IntakeDate, "DecisionNotBeforeIntake", "The decision date cannot be before the intake date.");
        CheckRule(d.CounselAssignedDate < IntakeDate, "CounselNotBeforeIntake", "Counsel cannot be assigned before the intake date.");
        CheckRule(d.RepresentativeType.HasValue != d.CounselAssignedDate.HasValue, "RepresentationNeedsTypeAndDate",
            "A represented case needs both the representative type and the date counsel was assigned.");
        CheckRule(d.AttorneyId.HasValue && !d.RepresentativeType.HasValue, "AttorneyOnlyWhenRepresented",
            "An attorney is recorded only for a represented case.");
        CheckRule(d.FirstHearingWithCounselDate.HasValue && !d.CounselAssignedDate.HasValue, "HearingWithCounselNeedsCounsel",
            "A first hearing with counsel needs the date counsel was assigned.");
        CheckRule(d.FirstHearingWithCounselDate < d.CounselAssignedDate, "HearingWithCounselAfterAssignment",
            "The first hearing with counsel cannot be before counsel was assigned.");
        CheckRule(d.Nationality is not null && !NationalityFormat().IsMatch(d.Nationality), "NationalityFormat",
            "Nationality is an ISO 3166-1 alpha-2 or alpha-3 code.");

        Outcome = d.Outcome;
        OutcomeGroup = CourtOutcomes.GroupOf(d.Outcome);
        ReliefGranted = d.ReliefGranted;
        InAbsentia = d.InAbsentia;
        ClosingCode = d.ClosingCode;
        RepresentativeType = d.RepresentativeType;
        AttorneyId = d.AttorneyId;
        Nationality = d.Nationality?.ToUpperInvariant();
        CounselAssignedDate = d.CounselAssignedDate;
        FirstHearingWithCounselDate = d.FirstHearingWithCounselDate;
        DecisionDate = d.DecisionDate;
        DaysToCounsel = d.CounselAssignedDate is { } assigned ? assigned.DayNumber - IntakeDate.DayNumber : null;
        Custody = @case.Custody;
        CourtCode = @case.CourtCode;
        PrimaryLanguage = @case.PrimaryLanguage;
        PrimaryReliefSought = @case.ReliefSought.Count > 0 ? @case.ReliefSought[0] : null;
        var tags = d.FundingSources.Select(ClosingFundingSource.Normalise).Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal).ToList();
        _fundingSources.RemoveAll(f => !tags.Contains(f.Tag, StringComparer.Ordinal));
        foreach (var kept in _fundingSources)
        {
            kept.Follow(this);
        }

        foreach (var tag in tags.Where(t => !_fundingSources.Exists(f => f.Tag == t)))
        {
            _fundingSources.Add(new ClosingFundingSource(this, tag));
        }

        RecordedBy = recordedBy;
        RecordedAtUtc = nowUtc;
    }

    [GeneratedRegex("^[A-Za-z]{2,3}$")]
    private static partial Regex NationalityFormat();
}

/// <summary>
/// One funding-source tag of a closed case (e.g. lsc, city-council, vera-safe). It carries copies of the closing's
/// organisation, closing code and decision date, kept in step by <see cref="CaseClosing"/> on every recording, so
/// the per-funder report reads one covering index of this table and never joins the closings.
/// </summary>
public sealed class ClosingFundingSource
{
    private ClosingFundingSource() { Tag = string.Empty; }

    public ClosingFundingSource(CaseClosing closing, string tag)
    {
        ArgumentNullException.ThrowIfNull(closing);
        CaseId = closing.CaseId;
        Tag = tag;
        Follow(closing);
    }

    public Guid CaseId { get; private set; }

    public string Tag { get; private set; }

    /// <summary>Copy of <see cref="CaseClosing.OrganisationId"/>.</summary>
    public Guid OrganisationId { get; private set; }

    /// <summary>Copy of <see cref="CaseClosing.ClosingCode"/>.</summary>
    public LscClosingCode? ClosingCode { get; private set; }

    /// <summary>Copy of <see cref="CaseClosing.DecisionDate"/>.</summary>
    public DateOnly? DecisionDate { get; private set; }

    public static string Normalise(string tag) => tag.Trim().ToLowerInvariant();

    /// <summary>Takes the closing's current organisation, closing code and decision date.</summary>
    internal void Follow(CaseClosing closing)
    {
        OrganisationId = closing.OrganisationId;
        ClosingCode = closing.ClosingCode;
        DecisionDate = closing.DecisionDate;
    }
}
