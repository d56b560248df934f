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
            foreach (var deadline in Memoised(hearing.DeadlineTrigger, hearingDate, today, options))
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

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(DeadlineTrigger, DateOnly, DateOnly, DocketKind), IReadOnlyList<ComputedDeadline>> Memo = new();

    /// <summary>Bounds the memo: far more than the (trigger, hearing date, today, docket) combinations one planning pass meets.</summary>
    private const int MemoCapacity = 50_000;

    /// <summary>
    /// The engine's result for one (trigger, hearing date, today, docket). The engine is pure and its rules are fixed for the
    /// process, and many hearings share a date (100,000 hearings fall on about 1,000 dates), so planning computes each once.
    /// The results are immutable and shared.
    /// </summary>
    private static IReadOnlyList<ComputedDeadline> Memoised(DeadlineTrigger trigger, DateOnly hearingDate, DateOnly today, DeadlineOptions options)
    {
        var key = (trigger, hearingDate, today, options.Docket);
        if (Memo.TryGetValue(key, out var known))
        {
            return known;
        }

        if (Memo.Count >= MemoCapacity)
        {
            Memo.Clear();
        }

        return Memo.GetOrAdd(key, _ => Calculator.Compute(trigger, hearingDate, today, options));
    }

    /// <summary>True when the case's hearings get their deadlines from the judge (detained docket, bond hearings).</summary>
    public static bool SetByJudge(Case @case, Hearing hearing) =>
        DeadlineCalculator.IsSetByJudge(hearing.DeadlineTrigger, @case.Custody == CustodyStatus.Detained ? DocketKind.Detained : DocketKind.NonDetained);
}
