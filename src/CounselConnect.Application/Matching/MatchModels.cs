using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;

namespace CounselConnect.Application.Matching;

/// <summary>What matching needs to know about a case (no personal data).</summary>
public sealed record MatchCase(
    Guid Id,
    string CourtCode,
    CustodyStatus Custody,
    string PrimaryLanguage,
    IReadOnlyList<ReliefType> ReliefSought,
    DateTime? NextHearingUtc);

/// <summary>What matching needs to know about a representative, with their current load.</summary>
public sealed record MatchRepresentative(
    Guid Id,
    bool MayPractise,
    IReadOnlySet<string> Courts,
    bool Remote,
    bool DetainedDocket,
    bool NonDetainedDocket,
    IReadOnlyDictionary<string, RepresentativeLanguage> Languages,
    IReadOnlyDictionary<ReliefType, ExperienceLevel> Relief,
    int MaxActiveCases,
    int ActiveCases,
    IReadOnlyList<UnavailablePeriod> Unavailability)
{
    public int CapacityLeft => Math.Max(0, MaxActiveCases - ActiveCases);

    public static MatchRepresentative From(RepresentativeProfile p, int activeCases, DateOnly today) => new(
        p.Id,
        p.MayPractise(today),
        p.Courts.ToHashSet(StringComparer.OrdinalIgnoreCase),
        p.Remote,
        p.DetainedDocket,
        p.NonDetainedDocket,
        p.Languages.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase),
        p.ReliefExperience.ToDictionary(r => r.Relief, r => r.Level),
        p.MaxActiveCases,
        activeCases,
        p.Unavailability);
}

/// <summary>Why a representative is, or is not, a fit for a case.</summary>
public sealed record FitResult(bool Feasible, int Score, IReadOnlyList<string> Reasons, IReadOnlyList<string> Warnings, IReadOnlyList<string> Blocks);
