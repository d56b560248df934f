namespace CounselConnect.Domain.Deadlines;

/// <summary>
/// A deadline the engine computed, with everything a person needs to check it: the rule and its source,
/// the counted (raw) date, whether and why it moved, and a short explanation. Holds no personal data.
/// </summary>
public sealed record ComputedDeadline
{
    /// <summary>The rule's stable id, or <see cref="JudgeSetDeadline.RuleId"/> for a deadline a judge set.</summary>
    public required string RuleId { get; init; }

    public required string RuleName { get; init; }

    public required string Source { get; init; }

    public required DeadlineTrigger? Trigger { get; init; }

    public required DateOnly? TriggerDate { get; init; }

    public required CountDirection? Direction { get; init; }

    /// <summary>The period actually counted (for voluntary departure, the period the order granted).</summary>
    public required int? Amount { get; init; }

    public required PeriodUnit? Unit { get; init; }

    /// <summary>The date as counted, before any weekend or holiday roll.</summary>
    public required DateOnly UnrolledDate { get; init; }

    /// <summary>The last day the filing or act counts as timely (received by the court, for filings).</summary>
    public required DateOnly DueDate { get; init; }

    /// <summary>The roll policy applied (the rule's own, or an override the caller asked for).</summary>
    public required RollPolicy RollPolicy { get; init; }

    /// <summary>True when <see cref="RollPolicy"/> came from the caller's override rather than the rule.</summary>
    public required bool RollPolicyOverridden { get; init; }

    public required string RollSource { get; init; }

    public bool WasRolled => DueDate != UnrolledDate;

    /// <summary>Why the unrolled date is not a business day ("a Sunday", "Christmas Day"), or null when it is.</summary>
    public required string? ClosureReason { get; init; }

    public required DateOnly? RuleEffectiveFrom { get; init; }

    public required DateOnly? RuleEffectiveTo { get; init; }

    /// <summary>How the rule version was chosen, and the date used.</summary>
    public required RuleVersionBasis? VersionBasis { get; init; }

    public required DateOnly? VersionDate { get; init; }

    public required string? Note { get; init; }

    /// <summary>One or two plain sentences on how the date was reached.</summary>
    public required string Explanation { get; init; }
}
