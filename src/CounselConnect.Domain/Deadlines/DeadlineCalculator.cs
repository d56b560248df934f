using System.Globalization;
using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Deadlines;

/// <summary>
/// Computes deadlines from rules-as-data. Pure: the calculation date is passed in, never read from a clock.
/// Counting: the trigger day is day 0; a backward deadline of N days is the hearing date minus N days, a
/// forward one the event date plus N days (or the anniversary for years); then the rule's roll policy moves a
/// date that is not a business day.
/// </summary>
public sealed class DeadlineCalculator
{
    private readonly IReadOnlyList<DeadlineRule> _rules;
    private readonly BusinessDayCalendar _calendar;

    /// <param name="rules">Rule versions; defaults to <see cref="EoirDeadlineRules.All"/>.</param>
    /// <param name="calendar">Business days; defaults to <see cref="BusinessDayCalendar.Federal"/>.</param>
    public DeadlineCalculator(IEnumerable<DeadlineRule>? rules = null, BusinessDayCalendar? calendar = null)
    {
        _rules = [.. rules ?? EoirDeadlineRules.All];
        _calendar = calendar ?? BusinessDayCalendar.Federal;
        foreach (var rule in _rules)
        {
            rule.Validate();
        }

        foreach (var group in _rules.GroupBy(r => r.Id, StringComparer.Ordinal))
        {
            var versions = group.OrderBy(r => r.EffectiveFrom).ToList();
            for (var i = 1; i < versions.Count; i++)
            {
                var previousEnd = versions[i - 1].EffectiveTo;
                if (previousEnd is null || previousEnd.Value >= versions[i].EffectiveFrom)
                {
                    throw new ArgumentException($"Versions of deadline rule '{group.Key}' overlap.", nameof(rules));
                }
            }
        }
    }

    public IReadOnlyList<DeadlineRule> Rules => _rules;

    public BusinessDayCalendar Calendar => _calendar;

    /// <summary>
    /// True when no rule computes the deadlines for this trigger and docket: a bond hearing, or any hearing on
    /// the detained docket. Record a <see cref="JudgeSetDeadline"/> instead.
    /// </summary>
    public static bool IsSetByJudge(DeadlineTrigger trigger, DocketKind docket) =>
        trigger == DeadlineTrigger.BondHearing
        || (docket == DocketKind.Detained
            && trigger is DeadlineTrigger.MasterCalendarHearing or DeadlineTrigger.IndividualHearing or DeadlineTrigger.FilingReceived);

    /// <summary>The version of <paramref name="ruleId"/> in force on <paramref name="date"/>, if any.</summary>
    public DeadlineRule? VersionInForce(string ruleId, DateOnly date) =>
        _rules.FirstOrDefault(r => string.Equals(r.Id, ruleId, StringComparison.Ordinal) && r.IsInForceOn(date));

    /// <summary>Every deadline the rules give for <paramref name="trigger"/> on <paramref name="triggerDate"/>.</summary>
    /// <param name="calculationDate">Today for the caller; used to choose rule versions under the default basis.</param>
    public IReadOnlyList<ComputedDeadline> Compute(
        DeadlineTrigger trigger,
        DateOnly triggerDate,
        DateOnly calculationDate,
        DeadlineOptions? options = null)
    {
        options ??= DeadlineOptions.Default;
        var ids = _rules.Where(r => r.Trigger == trigger).Select(r => r.Id).Distinct(StringComparer.Ordinal);
        var results = new List<ComputedDeadline>();
        foreach (var id in ids)
        {
            var computed = Compute(id, triggerDate, calculationDate, options);
            if (computed is not null)
            {
                results.Add(computed);
            }
        }

        return results;
    }

    /// <summary>
    /// The deadline under one rule, or null when no version of it is in force on the version date or it does
    /// not apply to the docket.
    /// </summary>
    public ComputedDeadline? Compute(string ruleId, DateOnly triggerDate, DateOnly calculationDate, DeadlineOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        options ??= DeadlineOptions.Default;
        if (!_rules.Any(r => string.Equals(r.Id, ruleId, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Unknown deadline rule '{ruleId}'.", nameof(ruleId));
        }

        var versionDate = options.VersionBasis == RuleVersionBasis.TriggerDate ? triggerDate : calculationDate;
        var rule = VersionInForce(ruleId, versionDate);
        if (rule is null || (rule.NonDetainedOnly && options.Docket == DocketKind.Detained))
        {
            return null;
        }

        var amount = PeriodFor(rule, options.PeriodGrantedByOrder);
        var unrolled = Count(rule.Direction, rule.Unit, amount, triggerDate);

        var policy = rule.Roll;
        var overridden = false;
        if (rule.Direction == CountDirection.Before && options.BackwardRollOverride is { } forced && forced != rule.Roll)
        {
            policy = forced;
            overridden = true;
        }

        var closure = _calendar.ClosureReason(unrolled);
        var due = closure is null
            ? unrolled
            : policy switch
            {
                RollPolicy.NextBusinessDay => _calendar.OnOrAfter(unrolled),
                RollPolicy.PreviousBusinessDay => _calendar.OnOrBefore(unrolled),
                _ => unrolled,
            };
        var rollSource = overridden ? "Caller's override (cautious office practice), not the rule" : rule.RollSource;

        return new ComputedDeadline
        {
            RuleId = rule.Id,
            RuleName = rule.Name,
            Source = rule.Source,
            Trigger = rule.Trigger,
            TriggerDate = triggerDate,
            Direction = rule.Direction,
            Amount = amount,
            Unit = rule.Unit,
            UnrolledDate = unrolled,
            DueDate = due,
            RollPolicy = policy,
            RollPolicyOverridden = overridden,
            RollSource = rollSource,
            ClosureReason = closure,
            RuleEffectiveFrom = rule.EffectiveFrom,
            RuleEffectiveTo = rule.EffectiveTo,
            VersionBasis = options.VersionBasis,
            VersionDate = versionDate,
            Note = rule.Note,
            Explanation = Explain(rule, amount, triggerDate, unrolled, due, closure, policy, rollSource, options.VersionBasis, versionDate),
        };
    }

    /// <summary>
    /// The unrolled date. A count that would leave the calendar (a trigger date stored near <see cref="DateOnly.MaxValue"/>
    /// or <see cref="DateOnly.MinValue"/>) stops at its end instead of throwing; the input rules keep real dates far from it.
    /// </summary>
    internal static DateOnly Count(CountDirection direction, PeriodUnit unit, int amount, DateOnly triggerDate) =>
        (direction, unit) switch
        {
            (CountDirection.Before, PeriodUnit.CalendarDays) => AddDaysWithinCalendar(triggerDate, -amount),
            (CountDirection.After, PeriodUnit.CalendarDays) => AddDaysWithinCalendar(triggerDate, amount),

            // DateOnly.AddYears maps 29 February to 28 February in a common year.
            (CountDirection.After, PeriodUnit.Years) =>
                triggerDate.Year + amount > DateOnly.MaxValue.Year ? DateOnly.MaxValue : triggerDate.AddYears(amount),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), "Backward periods are counted in days."),
        };

    private static DateOnly AddDaysWithinCalendar(DateOnly date, int days)
    {
        var dayNumber = (long)date.DayNumber + days;
        return dayNumber > DateOnly.MaxValue.DayNumber ? DateOnly.MaxValue
            : dayNumber < DateOnly.MinValue.DayNumber ? DateOnly.MinValue
            : DateOnly.FromDayNumber((int)dayNumber);
    }

    internal static string Describe(DateOnly date) =>
        date.ToString("dddd yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int PeriodFor(DeadlineRule rule, int? granted)
    {
        if (!rule.PeriodSetByOrder || granted is null)
        {
            return rule.Amount;
        }

        if (granted.Value <= 0 || granted.Value > rule.Amount)
        {
            throw new BusinessRuleException(
                "DeadlinePeriodOutOfRange",
                $"The period granted must be between 1 and {rule.Amount} days for '{rule.Name}'.");
        }

        return granted.Value;
    }

    private static string Explain(
        DeadlineRule rule,
        int amount,
        DateOnly triggerDate,
        DateOnly unrolled,
        DateOnly due,
        string? closure,
        RollPolicy policy,
        string rollSource,
        RuleVersionBasis basis,
        DateOnly versionDate)
    {
        var unit = rule.Unit == PeriodUnit.Years
            ? (amount == 1 ? "1 year" : $"{amount} years")
            : (amount == 1 ? "1 calendar day" : $"{amount} calendar days");
        var what = TriggerText(rule.Trigger);
        var counting = rule.Direction == CountDirection.Before
            ? $"{unit} before the {what} on {Iso(triggerDate)} (the hearing day is day 0) is {Describe(unrolled)}."
            : $"{unit} after the {what} on {Iso(triggerDate)} (that day is day 0) is {Describe(unrolled)}.";

        string roll;
        if (closure is null)
        {
            roll = " That is a business day.";
        }
        else if (due == unrolled)
        {
            roll = $" That day is {closure}; the rule does not move it ({policy}).";
        }
        else
        {
            var direction = policy == RollPolicy.PreviousBusinessDay ? "previous" : "next";
            roll = $" That day is {closure}, so the deadline moves to the {direction} business day, {Describe(due)} ({rollSource}).";
        }

        var until = rule.EffectiveTo is { } to ? Iso(to) : "now";
        var basisText = basis == RuleVersionBasis.TriggerDate ? "the trigger date" : "the calculation date";
        var version = $" Rule version in force {Iso(rule.EffectiveFrom)} to {until}, chosen by {basisText} {Iso(versionDate)}. Source: {rule.Source}.";
        return counting + roll + version;
    }

    /// <summary>The trigger's name as the explanations say it (pages translate it by this text).</summary>
    public static string TriggerText(DeadlineTrigger trigger) => trigger switch
    {
        DeadlineTrigger.MasterCalendarHearing => "master calendar hearing",
        DeadlineTrigger.IndividualHearing => "individual hearing",
        DeadlineTrigger.BondHearing => "bond hearing",
        DeadlineTrigger.FilingReceived => "court's receipt of the filing",
        DeadlineTrigger.Decision => "decision",
        DeadlineTrigger.FinalOrder => "final order",
        DeadlineTrigger.InAbsentiaOrder => "in absentia order",
        DeadlineTrigger.AddressChange => "change of address",
        DeadlineTrigger.LastArrival => "last arrival",
        DeadlineTrigger.VoluntaryDepartureBeforeConclusion or DeadlineTrigger.VoluntaryDepartureAtConclusion => "grant of voluntary departure",
        _ => "event",
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
