using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.People;

namespace CounselConnect.Application.Intake;

/// <param name="NextHearingTimeZone">
/// The court's IANA time zone of the next hearing (from its hearing record), to show <paramref name="NextHearingAtUtc"/>
/// in the court's local time; null when no scheduled hearing record holds that time (cases recorded before hearings were).
/// </param>
/// <param name="ErasedAtUtc">
/// When the retention purge erased the client's personal data (destroyed the case's key), from its
/// <c>retention.purge</c> audit entry; null while the data is there.
/// </param>
public sealed record IntakeDto(
    Guid Id,
    string Reference,
    CaseStatus Status,
    CustodyStatus Custody,
    string CourtCode,
    string? HearingLocation,
    DateTime? NextHearingAtUtc,
    string? NextHearingTimeZone,
    HearingType? NextHearingType,
    IReadOnlyList<ReliefType> ReliefSought,
    string PrimaryLanguage,
    IReadOnlyList<LanguageSkill> Languages,
    bool InterpreterNeeded,
    PartyDto Person,
    IReadOnlyList<PartyDto> RelatedParties,
    ConflictCheckDto? ConflictCheck,
    bool CanAccept,
    string? DeclineReason,
    DateTime CreatedAtUtc,
    DateTime? ErasedAtUtc = null);

public sealed record PartyDto(
    Guid Id,
    string Role,
    string GivenNames,
    IReadOnlyList<string> FamilyNames,
    IReadOnlyList<string> Aliases,
    string? DateOfBirth,
    string? ANumber);

public sealed record ConflictCheckDto(Guid Id, MatchLevel Outcome, DateTime PerformedAtUtc, IReadOnlyList<ConflictMatchDto> Matches);

public sealed record ConflictMatchDto(
    Guid Id,
    Guid PartyId,
    string? ExternalId,
    string? CaseReference,
    string Role,
    string MatchedFor,
    double Score,
    MatchLevel Level,
    IReadOnlyList<string> Reasons,
    PartyDto? MatchedParty,
    MatchDecision Decision,
    string? DecisionReason,
    string? DecidedBy,
    DateTime? DecidedAtUtc);

internal static class PartyDtoMapping
{
    public static PartyDto ToDto(this Party p) =>
        new(p.Id, p.Role, p.GivenNames, p.FamilyNames, p.Aliases, p.DateOfBirth?.ToString(), p.ANumber?.ToString());
}
