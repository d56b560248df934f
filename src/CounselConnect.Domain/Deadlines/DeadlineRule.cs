namespace CounselConnect.Domain.Deadlines;

/// <summary>
/// One version of a deadline rule, as data. Versions of the same rule share <see cref="Id"/> and have
/// non-overlapping <see cref="EffectiveFrom"/>..<see cref="EffectiveTo"/> ranges.
/// </summary>
/// <param name="Id">Stable identifier shared by every version of the rule, e.g. "nd-individual-hearing-filing".</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Trigger">The hearing or event counted from.</param>
/// <param name="Direction">Before (backward from a hearing) or after (forward from an event).</param>
/// <param name="Amount">Length of the period (or, when <paramref name="PeriodSetByOrder"/>, the longest period allowed).</param>
/// <param name="Unit">Calendar days or years.</param>
/// <param name="Roll">What happens when the counted date is not a business day.</param>
/// <param name="Source">Citation of the primary source, e.g. "8 CFR 1003.38(b)".</param>
/// <param name="RollSource">Citation for the roll policy, so a person can check it.</param>
/// <param name="EffectiveFrom">First day this version is in force.</param>
/// <param name="EffectiveTo">Last day this version is in force (inclusive); null while current.</param>
/// <param name="NonDetainedOnly">True when detained cases are governed by court-set deadlines instead.</param>
/// <param name="PeriodSetByOrder">True when the order sets the period (up to <paramref name="Amount"/>).</param>
/// <param name="Note">Caveats: exceptions, unconfirmed dates, what the engine does not model.</param>
public sealed record DeadlineRule(
    string Id,
    string Name,
    DeadlineTrigger Trigger,
    CountDirection Direction,
    int Amount,
    PeriodUnit Unit,
    RollPolicy Roll,
    string Source,
    string RollSource,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    bool NonDetainedOnly = false,
    bool PeriodSetByOrder = false,
    string? Note = null)
{
    /// <summary>True when this version is in force on <paramref name="date"/>.</summary>
    public bool IsInForceOn(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo.Value);

    /// <summary>Throws when the rule's data is inconsistent. Called by the calculator for every rule it is given.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Id) || string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Source)
            || string.IsNullOrWhiteSpace(RollSource))
        {
            throw new ArgumentException($"Deadline rule '{Id}' needs an id, a name, a source and a roll source.");
        }

        if (Amount <= 0)
        {
            throw new ArgumentException($"Deadline rule '{Id}' needs a positive period.");
        }

        if (EffectiveTo is { } to && to < EffectiveFrom)
        {
            throw new ArgumentException($"Deadline rule '{Id}' ends before it starts.");
        }

        if (Direction == CountDirection.Before && Unit == PeriodUnit.Years)
        {
            throw new ArgumentException($"Deadline rule '{Id}': backward periods are counted in days.");
        }
    }
}
