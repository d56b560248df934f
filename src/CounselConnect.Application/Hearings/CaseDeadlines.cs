using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;

namespace CounselConnect.Application.Hearings;

/// <summary>One deadline of a case: computed from a hearing by a rule, or set by the judge and entered by a user.</summary>
/// <param name="TargetKey">Stable key of the deadline for reminders (carries the hearing's version).</param>
public sealed record CaseDeadline(string TargetKey, Guid? HearingId, int? HearingVersion, Guid? JudgeSetDeadlineId, string TimeZone, ComputedDeadline Deadline);

/// <summary>The deadlines of a case, from the deadline engine (<see cref="DeadlineCalculator"/>); no rule is repeated here.</summary>
public static class CaseDeadlines
{
    private static readonly DeadlineCalculator Calculator = new();

    /// <param name="defaultTimeZone">Zone for judge-set deadlines not tied to a hearing.</param>
    public static IReadOnlyList<CaseDeadline> Compute(Case @case, IEnumerable<Hearing> hearings, IEnumerable<JudgeSetDeadline> judgeSet,
        DateTime nowUtc, string defaultTimeZone)
    {
        var today = DateOnly.FromDateTime(nowUtc);
        var options = new DeadlineOptions(@case.Custody == CustodyStatus.Detained ? DocketKind.Detained : DocketKind.NonDetained);
        var result = new List<CaseDeadline>();
        foreach (var hearing in hearings.Where(h => h.Status == HearingStatus.Scheduled).OrderBy(h => h.ScheduledAtUtc))
        {
            var hearingDate = DateOnly.FromDateTime(hearing.LocalTime);
            foreach (var deadline in Calculator.Compute(hearing.DeadlineTrigger, hearingDate, today, options))
            {
                result.Add(new CaseDeadline($"deadline:{deadline.RuleId}:{hearing.Id}:v{hearing.Version}", hearing.Id, hearing.Version, null,
                    hearing.TimeZoneId, deadline));
            }
        }

        foreach (var entered in judgeSet)
        {
            result.Add(new CaseDeadline($"deadline:{JudgeSetDeadline.RuleId}:{entered.Id}", null, null, entered.Id, defaultTimeZone, entered.Resolve()));
        }

        return [.. result.OrderBy(d => d.Deadline.DueDate).ThenBy(d => d.TargetKey, StringComparer.Ordinal)];
    }

    /// <summary>True when the case's hearings get their deadlines from the judge (detained docket, bond hearings).</summary>
    public static bool SetByJudge(Case @case, Hearing hearing) =>
        DeadlineCalculator.IsSetByJudge(hearing.DeadlineTrigger, @case.Custody == CustodyStatus.Detained ? DocketKind.Detained : DocketKind.NonDetained);
}
