using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;

namespace CounselConnect.Application.Matching;

/// <summary>
/// Scores one representative for one case. Hard constraints (no conflict, may practise, capacity left, available
/// from today to the next hearing, serves the court or works remotely, docket matches custody) make the pair
/// infeasible. Soft scores add up to at most <see cref="MaxScore"/>: language (30), relief experience (30), free
/// capacity (20) and urgency (20, so that urgent cases win scarce places). Every feasible pair scores at least 1.
/// </summary>
public static class FitScorer
{
    public const int MaxScore = 101;

    /// <summary>When a case has no hearing date, the representative must be free for this many days.</summary>
    public const int AvailabilityWindowWithoutHearingDays = 30;

    public static FitResult Evaluate(MatchCase c, MatchRepresentative r, bool conflicted, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(r);
        var blocks = HardConstraintFailures(c, r, conflicted, nowUtc);
        var reasons = new List<string>();
        var warnings = new List<string>();
        var score = 1;

        if (r.Languages.TryGetValue(c.PrimaryLanguage, out var language) && language.Speaks)
        {
            score += LanguagePoints(language.Proficiency);
            reasons.Add($"Speaks the client's language ({c.PrimaryLanguage}, {language.Proficiency.ToString().ToLowerInvariant()}).");
        }
        else if (!string.Equals(c.PrimaryLanguage, "eng", StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add($"Needs an interpreter for {c.PrimaryLanguage}.");
        }
        else
        {
            score += 30;
            reasons.Add("The client speaks English.");
        }

        if (c.ReliefSought.Count > 0)
        {
            var points = c.ReliefSought.Sum(relief => r.Relief.TryGetValue(relief, out var level) ? (int)level * 10 : 0);
            var relief = Math.Min(30, points / c.ReliefSought.Count);
            score += relief;
            var known = c.ReliefSought.Where(x => r.Relief.TryGetValue(x, out var l) && l > ExperienceLevel.None).ToList();
            reasons.Add(known.Count == 0
                ? "No recorded experience with the relief sought."
                : $"Experience with {string.Join(", ", known.Select(k => k.ToString()))}.");
        }

        if (r.MaxActiveCases > 0)
        {
            var free = 20 * r.CapacityLeft / r.MaxActiveCases;
            score += free;
            reasons.Add($"Carries {r.ActiveCases} of {r.MaxActiveCases} cases.");
        }

        var urgency = Urgency(c, nowUtc);
        score += urgency;
        if (urgency > 0)
        {
            reasons.Add($"Urgent: next hearing in {DaysToHearing(c, nowUtc)} days.");
        }

        return new FitResult(blocks.Count == 0, blocks.Count == 0 ? score : 0, reasons, warnings, blocks);
    }

    /// <summary>The hard constraints alone: an empty list means the pair is feasible.</summary>
    public static List<string> HardConstraintFailures(MatchCase c, MatchRepresentative r, bool conflicted, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(r);
        var blocks = new List<string>();
        if (conflicted)
        {
            blocks.Add("Possible conflict: a party of this case resembles a party of a case the representative has handled.");
        }

        if (!r.MayPractise)
        {
            blocks.Add("Not currently authorised to practise (no bar admission in good standing, or accreditation expired).");
        }

        if (r.CapacityLeft <= 0)
        {
            blocks.Add("No capacity left.");
        }

        if (!r.Remote && !r.Courts.Contains(c.CourtCode))
        {
            blocks.Add($"Does not serve court {c.CourtCode} and does not work remotely.");
        }

        if (c.Custody == CustodyStatus.Detained ? !r.DetainedDocket : !r.NonDetainedDocket)
        {
            blocks.Add(c.Custody == CustodyStatus.Detained ? "Does not take detained cases." : "Does not take non-detained cases.");
        }

        var from = DateOnly.FromDateTime(nowUtc);
        var until = DateOnly.FromDateTime(c.NextHearingUtc ?? nowUtc.AddDays(AvailabilityWindowWithoutHearingDays));
        if (r.Unavailability.Any(p => p.From <= until && p.To >= from))
        {
            blocks.Add("Unavailable before the next hearing.");
        }

        return blocks;
    }

    /// <summary>Points for speaking the client's language: 30 professional or native, 20 conversational, 10 basic.</summary>
    public static int LanguagePoints(LanguageProficiency proficiency) => proficiency switch
    {
        LanguageProficiency.Native or LanguageProficiency.Professional => 30,
        LanguageProficiency.Conversational => 20,
        _ => 10,
    };

    public static int? DaysToHearing(MatchCase c, DateTime nowUtc) =>
        c.NextHearingUtc is { } at ? Math.Max(0, (int)Math.Floor((at - nowUtc).TotalDays)) : null;

    /// <summary>0 to 20: a hearing within 60 days makes a case urgent, today is the most urgent.</summary>
    public static int Urgency(MatchCase c, DateTime nowUtc) =>
        DaysToHearing(c, nowUtc) is { } days && days < 60 ? (60 - days) / 3 : 0;

    /// <summary>A rough estimate of the hours a case takes, from the relief sought and custody (documented in docs/matching.md).</summary>
    public static int EstimatedHours(IReadOnlyList<ReliefType> relief, CustodyStatus custody)
    {
        ArgumentNullException.ThrowIfNull(relief);
        var hours = relief.Select(HoursFor).DefaultIfEmpty(20).OrderByDescending(h => h).ToList();
        var total = hours[0] + (10 * (hours.Count - 1));
        return custody == CustodyStatus.Detained ? total + 10 : total;
    }

    private static int HoursFor(ReliefType relief) => relief switch
    {
        ReliefType.Asylum or ReliefType.WithholdingOfRemoval or ReliefType.ConventionAgainstTorture => 80,
        ReliefType.CancellationNonPermanentResident or ReliefType.CancellationPermanentResident or ReliefType.VawaCancellation => 60,
        ReliefType.SpecialImmigrantJuvenile or ReliefType.UVisa or ReliefType.TVisa or ReliefType.VawaSelfPetition => 40,
        ReliefType.AdjustmentOfStatus => 30,
        ReliefType.Termination => 15,
        ReliefType.Bond or ReliefType.TemporaryProtectedStatus => 10,
        ReliefType.VoluntaryDeparture => 8,
        _ => 20,
    };
}
