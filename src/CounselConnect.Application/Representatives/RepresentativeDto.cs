using CounselConnect.Domain.Representatives;

namespace CounselConnect.Application.Representatives;

public sealed record RepresentativeDto(
    Guid Id,
    string DisplayName,
    RepresentativeKind Kind,
    IReadOnlyList<BarAdmission> BarAdmissions,
    string? RecognisedOrganisation,
    DateOnly? AccreditationExpiresOn,
    string? EoirId,
    IReadOnlyList<RepresentativeLanguage> Languages,
    IReadOnlyList<string> Courts,
    bool Remote,
    bool DetainedDocket,
    bool NonDetainedDocket,
    IReadOnlyList<ReliefExperience> ReliefExperience,
    int MaxActiveCases,
    int HoursPerMonth,
    IReadOnlyList<UnavailablePeriod> Unavailability,
    Guid? MentorProfileId,
    int ActiveCases,
    DateTime UpdatedAtUtc,
    int Revision);

public static class RepresentativeMapping
{
    public static RepresentativeDto ToDto(this RepresentativeProfile p, int activeCases) => new(
        p.Id, p.DisplayName, p.Kind, p.BarAdmissions, p.RecognisedOrganisation, p.AccreditationExpiresOn, p.EoirId, p.Languages,
        p.Courts, p.Remote, p.DetainedDocket, p.NonDetainedDocket, p.ReliefExperience, p.MaxActiveCases, p.HoursPerMonth,
        p.Unavailability, p.MentorProfileId, activeCases, p.UpdatedAtUtc, p.Revision);
}
