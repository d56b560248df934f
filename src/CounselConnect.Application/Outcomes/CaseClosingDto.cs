using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Outcomes;

namespace CounselConnect.Application.Outcomes;

/// <summary>A case's closing as stored (no personal data).</summary>
public sealed record CaseClosingDto(
    Guid CaseId,
    CourtOutcome Outcome,
    OutcomeGroup OutcomeGroup,
    ReliefType? ReliefGranted,
    bool InAbsentia,
    LscClosingCode? ClosingCode,
    IReadOnlyList<string> FundingSources,
    RepresentativeType? RepresentativeType,
    Guid? AttorneyId,
    string? Nationality,
    DateOnly IntakeDate,
    DateOnly? CounselAssignedDate,
    DateOnly? FirstHearingWithCounselDate,
    DateOnly? DecisionDate,
    int? DaysToCounsel,
    string RecordedBy,
    DateTime RecordedAtUtc)
{
    public static CaseClosingDto From(CaseClosing c) => new(c.CaseId, c.Outcome, c.OutcomeGroup, c.ReliefGranted, c.InAbsentia,
        c.ClosingCode, [.. c.FundingSources.Select(f => f.Tag).Order(StringComparer.Ordinal)], c.RepresentativeType, c.AttorneyId,
        c.Nationality, c.IntakeDate, c.CounselAssignedDate, c.FirstHearingWithCounselDate, c.DecisionDate, c.DaysToCounsel,
        c.RecordedBy, c.RecordedAtUtc);
}
