using System.Globalization;
using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Deadlines;

/// <summary>
/// A deadline set by the immigration judge or court (detained dockets, bond hearings, scheduling orders) and
/// entered by a user. The engine never computes these; it only applies the manual's rule for deadlines on
/// specific dates when showing them (a date on a weekend or legal holiday moves to the next business day).
/// </summary>
public sealed class JudgeSetDeadline : Entity
{
    public const string RuleId = "judge-set";
    public const int DescriptionMaxLength = 200;

    private const string SpecificDateRollSource =
        "EOIR Policy Manual, Part II, Ch. 3.1(c)(2) (deadlines on specific dates: a Saturday, Sunday or legal holiday moves to the next business day)";

    private JudgeSetDeadline()
    {
        Description = string.Empty;
    }

    private JudgeSetDeadline(Guid caseId, DateOnly dueDate, string description, Guid enteredBy, DateTimeOffset enteredAt, DateOnly? hearingDate)
    {
        CaseId = caseId;
        DueDate = dueDate;
        Description = description;
        EnteredBy = enteredBy;
        EnteredAt = enteredAt;
        HearingDate = hearingDate;
    }

    public Guid CaseId { get; private set; }

    /// <summary>The date exactly as the judge set it.</summary>
    public DateOnly DueDate { get; private set; }

    /// <summary>What is due, e.g. "Pre-hearing brief and evidence per scheduling order". No personal data.</summary>
    public string Description { get; private set; }

    /// <summary>Id of the user who entered it.</summary>
    public Guid EnteredBy { get; private set; }

    public DateTimeOffset EnteredAt { get; private set; }

    /// <summary>The hearing the deadline relates to, if any.</summary>
    public DateOnly? HearingDate { get; private set; }

    /// <summary>True once the planner has planned this deadline's reminders (set with a set-based update; the replan sweep looks for false).</summary>
    public bool RemindersPlanned { get; private set; }

    public static JudgeSetDeadline Enter(
        Guid caseId,
        DateOnly dueDate,
        string description,
        Guid enteredBy,
        DateTimeOffset enteredAt,
        DateOnly? hearingDate = null)
    {
        CheckRule(caseId == Guid.Empty, "JudgeSetDeadlineCaseRequired", "A judge-set deadline belongs to a case.");
        CheckRule(enteredBy == Guid.Empty, "JudgeSetDeadlineEnteredByRequired", "Record who entered the deadline.");
        CheckRule(string.IsNullOrWhiteSpace(description), "JudgeSetDeadlineDescriptionRequired", "Describe what is due.");
        var trimmed = description.Trim();
        CheckRule(
            trimmed.Length > DescriptionMaxLength,
            "JudgeSetDeadlineDescriptionTooLong",
            $"Keep the description under {DescriptionMaxLength + 1} characters.");
        return new JudgeSetDeadline(caseId, dueDate, trimmed, enteredBy, enteredAt, hearingDate);
    }

    /// <summary>
    /// What makes two entered deadlines the same deadline: the case, the date as set, and the description trimmed and
    /// with case ignored. Stored only as a keyed hash (the description is sealed), which a unique index holds.
    /// </summary>
    public static string SameDeadlineKey(Guid caseId, DateOnly dueDate, string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return string.Create(CultureInfo.InvariantCulture, $"{caseId:N}\u001f{dueDate:yyyy-MM-dd}\u001f{description.Trim().ToUpperInvariant()}");
    }

    /// <summary>This deadline's <see cref="SameDeadlineKey(Guid, DateOnly, string)"/>.</summary>
    public string SameDeadlineKey() => SameDeadlineKey(CaseId, DueDate, Description);

    /// <summary>The deadline as shown to users, rolled to the next business day if the set date is closed.</summary>
    public ComputedDeadline Resolve(BusinessDayCalendar? calendar = null)
    {
        calendar ??= BusinessDayCalendar.Federal;
        var closure = calendar.ClosureReason(DueDate);
        var due = closure is null ? DueDate : calendar.OnOrAfter(DueDate);
        var explanation = closure is null
            ? $"Set by the court for {DeadlineCalculator.Describe(DueDate)}, a business day."
            : $"Set by the court for {DeadlineCalculator.Describe(DueDate)}, which is {closure}, so it moves to the next business day, {DeadlineCalculator.Describe(due)} ({SpecificDateRollSource}).";

        return new ComputedDeadline
        {
            RuleId = RuleId,
            RuleName = Description,
            Source = "Order of the immigration court (entered by a user)",
            Trigger = null,
            TriggerDate = HearingDate,
            Direction = null,
            Amount = null,
            Unit = null,
            UnrolledDate = DueDate,
            DueDate = due,
            RollPolicy = RollPolicy.NextBusinessDay,
            RollPolicyOverridden = false,
            RollSource = SpecificDateRollSource,
            ClosureReason = closure,
            RuleEffectiveFrom = null,
            RuleEffectiveTo = null,
            VersionBasis = null,
            VersionDate = null,
            Note = "Check the order: a judge may set a different rule for weekends or holidays.",
            Explanation = explanation,
        };
    }
}
