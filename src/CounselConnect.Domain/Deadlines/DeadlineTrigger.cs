namespace CounselConnect.Domain.Deadlines;

/// <summary>The hearing or event a deadline is counted from.</summary>
public enum DeadlineTrigger
{
    /// <summary>A master calendar hearing (counted backwards).</summary>
    MasterCalendarHearing = 1,

    /// <summary>An individual (merits) hearing (counted backwards).</summary>
    IndividualHearing = 2,

    /// <summary>A bond (custody redetermination) hearing; deadlines are set by the court.</summary>
    BondHearing = 3,

    /// <summary>The day a party's filing was received by the immigration court (responses are due after it).</summary>
    FilingReceived = 4,

    /// <summary>An immigration judge's decision (oral decision stated, or written decision served).</summary>
    Decision = 5,

    /// <summary>Entry of a final administrative order of removal.</summary>
    FinalOrder = 6,

    /// <summary>An order of removal entered in absentia.</summary>
    InAbsentiaOrder = 7,

    /// <summary>The respondent's change of address or telephone number.</summary>
    AddressChange = 8,

    /// <summary>The respondent's last arrival in the United States.</summary>
    LastArrival = 9,

    /// <summary>A grant of voluntary departure before the conclusion of proceedings (INA 240B(a)).</summary>
    VoluntaryDepartureBeforeConclusion = 10,

    /// <summary>A grant of voluntary departure at the conclusion of proceedings (INA 240B(b)).</summary>
    VoluntaryDepartureAtConclusion = 11,
}

/// <summary>Whether a deadline is counted backwards from a hearing or forwards from an event.</summary>
public enum CountDirection
{
    /// <summary>N days before the trigger; the trigger day is day 0, the day before it day 1.</summary>
    Before = 1,

    /// <summary>N days (or years) after the trigger; the trigger day is day 0, the day after it day 1.</summary>
    After = 2,
}

/// <summary>The unit of a rule's period.</summary>
public enum PeriodUnit
{
    CalendarDays = 1,

    /// <summary>Calendar years, counted to the anniversary date (29 February counts to 28 February).</summary>
    Years = 2,
}

/// <summary>What happens when the counted date is a Saturday, Sunday, federal holiday or declared closure.</summary>
public enum RollPolicy
{
    /// <summary>The counted date stands even when the court is closed.</summary>
    None = 0,

    /// <summary>Move to the next business day (later).</summary>
    NextBusinessDay = 1,

    /// <summary>Move to the previous business day (earlier, the cautious choice for backward deadlines).</summary>
    PreviousBusinessDay = 2,
}

/// <summary>The docket the case is on for deadline purposes (custody at the time of the hearing).</summary>
public enum DocketKind
{
    NonDetained = 1,

    /// <summary>Pre-hearing filing deadlines are set by the immigration court; see <see cref="JudgeSetDeadline"/>.</summary>
    Detained = 2,
}

/// <summary>Which date chooses the version of a rule whose content changed over time.</summary>
public enum RuleVersionBasis
{
    /// <summary>
    /// The version in force on the day the deadline is calculated (default). The manual's deadlines bind
    /// filings as the manual stands when they are made, with no grace period for pending hearings; deadlines
    /// must be recalculated when a rule changes.
    /// </summary>
    CalculationDate = 1,

    /// <summary>The version in force on the trigger date (the hearing date or the event date).</summary>
    TriggerDate = 2,
}
