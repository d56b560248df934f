using System.Globalization;
using CounselConnect.Domain.Deadlines;
using Microsoft.AspNetCore.Mvc.Localization;

namespace CounselConnect.Web.Pages.Attorney;

/// <summary>
/// A deadline's name and explanation in the page's language. The deadline engine writes English (for the API, the
/// calendar feed and reminders); the page translates by the rule's id and rebuilds the explanation from the deadline's
/// parts (period, trigger, dates, closure), so the domain's English stays the one source of the rules. Legal sources
/// are citations and stay as written. In a language without these texts (English), the engine's own sentences show.
/// </summary>
public static class CaseDeadlineText
{
    /// <summary>The rule's name; a judge-set deadline's description is the user's own words.</summary>
    public static string Name(ComputedDeadline deadline, IViewLocalizer localizer)
    {
        if (deadline.RuleId == JudgeSetDeadline.RuleId)
        {
            return deadline.RuleName;
        }

        var translated = localizer.GetString(deadline.RuleId);
        return translated.ResourceNotFound ? deadline.RuleName : translated.Value;
    }

    /// <summary>Where the rule comes from: a citation, or the court's order for a judge-set deadline.</summary>
    public static string Source(ComputedDeadline deadline, IViewLocalizer localizer) =>
        deadline.RuleId == JudgeSetDeadline.RuleId ? Text(localizer, deadline.Source) : deadline.Source;

    /// <summary>How the date was reached.</summary>
    public static string Explanation(ComputedDeadline deadline, IViewLocalizer localizer)
    {
        if (localizer.GetString(CalculatedBefore).ResourceNotFound)
        {
            return deadline.Explanation;
        }

        var closure = deadline.ClosureReason is null ? null : Closure(deadline.UnrolledDate, deadline.ClosureReason, localizer);
        if (deadline.RuleId == JudgeSetDeadline.RuleId || deadline.Amount is null || deadline.Unit is null || deadline.TriggerDate is null)
        {
            return closure is null
                ? Format(localizer, "Set by the court for {0}, a business day.", Long(deadline.DueDate))
                : Format(localizer, "Set by the court for {0}, which is {1}, so it moves to the next business day, {2} ({3}).",
                    Long(deadline.UnrolledDate), closure, Long(deadline.DueDate), deadline.RollSource);
        }

        var amount = deadline.Amount.Value;
        var period = deadline.Unit == PeriodUnit.Years
            ? (amount == 1 ? Text(localizer, "1 year") : Format(localizer, "{0} years", amount))
            : (amount == 1 ? Text(localizer, "1 calendar day") : Format(localizer, "{0} calendar days", amount));
        var counting = Format(localizer, deadline.Direction == CountDirection.Before ? CalculatedBefore : CalculatedAfter,
            period, Trigger(deadline.Trigger, localizer), Long(deadline.TriggerDate.Value), Long(deadline.UnrolledDate));

        string roll;
        if (closure is null)
        {
            roll = Text(localizer, "That is a business day.");
        }
        else if (deadline.DueDate == deadline.UnrolledDate)
        {
            roll = Format(localizer, "That day is {0}; the rule does not move it.", closure);
        }
        else
        {
            roll = Format(localizer,
                deadline.RollPolicy == RollPolicy.PreviousBusinessDay
                    ? "That day is {0}, so the deadline moves to the previous business day, {1} ({2})."
                    : "That day is {0}, so the deadline moves to the next business day, {1} ({2}).",
                closure, Long(deadline.DueDate), deadline.RollSource);
        }

        var version = deadline.RuleEffectiveFrom is not { } from || deadline.VersionDate is not { } on
            ? string.Empty
            : Format(localizer,
                deadline.VersionBasis == RuleVersionBasis.TriggerDate
                    ? "Rule version in force {0} to {1}, chosen by the trigger date {2}."
                    : "Rule version in force {0} to {1}, chosen by the calculation date {2}.",
                Iso(from), deadline.RuleEffectiveTo is { } to ? Iso(to) : Text(localizer, "now"), Iso(on));
        return string.Join(" ", new[] { counting, roll, version }.Where(s => s.Length > 0));
    }

    private const string CalculatedBefore = "{0} before the {1} on {2} (the hearing day is day 0) is {3}.";

    private const string CalculatedAfter = "{0} after the {1} on {2} (that day is day 0) is {3}.";

    /// <summary>The trigger's name in the engine's English (<see cref="DeadlineCalculator.TriggerText"/>), translated.</summary>
    private static string Trigger(DeadlineTrigger? trigger, IViewLocalizer localizer) =>
        Text(localizer, trigger is { } t ? DeadlineCalculator.TriggerText(t) : "event");

    /// <summary>Why a day is closed: a weekday's name, a federal holiday's (translated when known), or a declared closure.</summary>
    private static string Closure(DateOnly date, string reason, IViewLocalizer localizer)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return Format(localizer, "a {0}", date.ToString("dddd", CultureInfo.CurrentCulture));
        }

        const string observed = " (observed)";
        return reason.EndsWith(observed, StringComparison.Ordinal)
            ? Format(localizer, "{0} (observed)", Text(localizer, reason[..^observed.Length]))
            : Text(localizer, reason);
    }

    private static string Long(DateOnly date) => date.ToString("D", CultureInfo.CurrentCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(IViewLocalizer localizer, string english) => localizer.GetString(english).Value;

    private static string Format(IViewLocalizer localizer, string english, params object[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, localizer.GetString(english).Value, arguments);
}
