using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Representatives;

/// <summary>
/// A pro bono attorney or DOJ-accredited representative who can take cases: who they are allowed to represent,
/// where and in which languages they work, what they know, and how much they can take on.
/// </summary>
public sealed class RepresentativeProfile : Entity
{
    public const int MaxCasesCeiling = 200;

    private RepresentativeProfile()
    {
        UserSubject = string.Empty;
        DisplayName = string.Empty;
    }

    public RepresentativeProfile(Guid organisationId, string userSubject, DateTime nowUtc)
    {
        CheckRule(string.IsNullOrWhiteSpace(userSubject), "ProfileNeedsUser", "A representative profile belongs to a user.");
        OrganisationId = organisationId;
        UserSubject = userSubject;
        DisplayName = string.Empty;
        CreatedAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>
    /// Bumped by every <see cref="Update"/>: the optimistic concurrency token of the profile (a stale edit is refused) and,
    /// summed over an organisation with the profile count, the stamp that tells the matching facts cache to reload.
    /// </summary>
    public int Revision { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>The subject of the user's tokens (the ApplicationUser id).</summary>
    public string UserSubject { get; private set; }

    public string DisplayName { get; private set; }

    public RepresentativeKind Kind { get; private set; }

    public List<BarAdmission> BarAdmissions { get; private set; } = [];

    /// <summary>For accredited representatives: the recognised organisation they act for.</summary>
    public string? RecognisedOrganisation { get; private set; }

    public DateOnly? AccreditationExpiresOn { get; private set; }

    /// <summary>EOIR registration id (needed to file an EOIR-28).</summary>
    public string? EoirId { get; private set; }

    public List<RepresentativeLanguage> Languages { get; private set; } = [];

    /// <summary>EOIR court codes served in person.</summary>
    public List<string> Courts { get; private set; } = [];

    /// <summary>Takes cases at any court remotely (internet-based hearings).</summary>
    public bool Remote { get; private set; }

    public bool DetainedDocket { get; private set; }

    public bool NonDetainedDocket { get; private set; }

    public List<ReliefExperience> ReliefExperience { get; private set; } = [];

    public int MaxActiveCases { get; private set; }

    public int HoursPerMonth { get; private set; }

    public List<UnavailablePeriod> Unavailability { get; private set; } = [];

    /// <summary>A supervising or mentor attorney for a new volunteer.</summary>
    public Guid? MentorProfileId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Replaces the profile's content, checking the rules of each kind of representative.</summary>
    public void Update(RepresentativeDetails d, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(d);
        CheckRule(d.Kind == RepresentativeKind.Attorney && d.BarAdmissions.Count == 0, "AttorneyNeedsBarAdmission",
            "An attorney needs at least one bar admission.");
        CheckRule(d.Kind == RepresentativeKind.AccreditedRepresentative
            && (string.IsNullOrWhiteSpace(d.RecognisedOrganisation) || d.AccreditationExpiresOn is null), "AccreditationIncomplete",
            "An accredited representative needs the recognised organisation and the accreditation's expiry date.");
        CheckRule(!d.DetainedDocket && !d.NonDetainedDocket, "DocketRequired", "Choose the detained docket, the non-detained docket, or both.");
        CheckRule(d.MaxActiveCases is < 0 or > MaxCasesCeiling, "MaxActiveCasesRange", $"Maximum active cases must be between 0 and {MaxCasesCeiling}.");
        CheckRule(d.HoursPerMonth is < 0 or > 400, "HoursPerMonthRange", "Hours per month must be between 0 and 400.");
        CheckRule(d.Unavailability.Any(p => p.To < p.From), "UnavailabilityOrder", "An unavailability period must end on or after its start.");
        CheckRule(d.MentorProfileId == Id, "MentorIsSelf", "A representative cannot mentor themselves.");
        DisplayName = d.DisplayName.Trim();
        Kind = d.Kind;
        BarAdmissions = d.Kind == RepresentativeKind.Attorney ? [.. d.BarAdmissions] : [];
        RecognisedOrganisation = d.Kind == RepresentativeKind.AccreditedRepresentative ? d.RecognisedOrganisation?.Trim() : null;
        AccreditationExpiresOn = d.Kind == RepresentativeKind.AccreditedRepresentative ? d.AccreditationExpiresOn : null;
        EoirId = string.IsNullOrWhiteSpace(d.EoirId) ? null : d.EoirId.Trim().ToUpperInvariant();
        Languages = [.. d.Languages.GroupBy(l => l.Code.Trim().ToLowerInvariant()).Select(g => g.First() with { Code = g.Key })];
        Courts = [.. d.Courts.Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct()];
        Remote = d.Remote;
        DetainedDocket = d.DetainedDocket;
        NonDetainedDocket = d.NonDetainedDocket;
        ReliefExperience = [.. d.ReliefExperience.GroupBy(r => r.Relief).Select(g => g.OrderByDescending(r => r.Level).First())];
        MaxActiveCases = d.MaxActiveCases;
        HoursPerMonth = d.HoursPerMonth;
        Unavailability = [.. d.Unavailability.OrderBy(p => p.From)];
        MentorProfileId = d.MentorProfileId;
        UpdatedAtUtc = nowUtc;
        Revision++;
    }

    /// <summary>Whether the representative may appear at all on <paramref name="today"/>.</summary>
    public bool MayPractise(DateOnly today) => Kind switch
    {
        RepresentativeKind.Attorney => BarAdmissions.Any(b => b.GoodStanding),
        RepresentativeKind.AccreditedRepresentative => AccreditationExpiresOn is { } expiry && expiry >= today,
        _ => false,
    };
}

public enum RepresentativeKind
{
    Attorney,

    /// <summary>A DOJ-accredited representative of a recognised organisation (8 CFR 1292).</summary>
    AccreditedRepresentative,
}

public enum LanguageProficiency
{
    Basic,
    Conversational,
    Professional,
    Native,
}

public enum ExperienceLevel
{
    None,
    Some,
    Experienced,
    Expert,
}

public sealed record BarAdmission(string State, string Number, bool GoodStanding);

/// <summary>A language as an ISO 639-3 code, speaking and reading apart, with a proficiency.</summary>
public sealed record RepresentativeLanguage(string Code, bool Speaks, bool Reads, LanguageProficiency Proficiency);

public sealed record ReliefExperience(ReliefType Relief, ExperienceLevel Level);

/// <summary>Days (inclusive) on which the representative takes on nothing new and cannot appear.</summary>
public sealed record UnavailablePeriod(DateOnly From, DateOnly To, string? Note);

public sealed record RepresentativeDetails(
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
    Guid? MentorProfileId);
