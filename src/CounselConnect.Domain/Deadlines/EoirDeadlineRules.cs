namespace CounselConnect.Domain.Deadlines;

/// <summary>
/// The deadline rules the engine knows, as data. Every rule carries its source and the dates it is in force;
/// docs/deadline-rules.md explains each entry and lists what is uncertain. Rule ids are stable: stored
/// deadlines refer to them.
/// </summary>
public static class EoirDeadlineRules
{
    public const string MasterCalendarFilingId = "nd-master-calendar-filing";
    public const string IndividualHearingFilingId = "nd-individual-hearing-filing";
    public const string ResponseToFilingId = "nd-response-to-filing";
    public const string BiaAppealId = "bia-appeal-eoir-26";
    public const string MotionToReconsiderId = "motion-to-reconsider";
    public const string MotionToReopenId = "motion-to-reopen";
    public const string InAbsentiaRescissionId = "in-absentia-rescission-exceptional-circumstances";
    public const string ChangeOfAddressId = "change-of-address-eoir-33";
    public const string AsylumOneYearId = "asylum-one-year";
    public const string VoluntaryDepartureBeforeConclusionId = "voluntary-departure-before-conclusion";
    public const string VoluntaryDepartureAtConclusionId = "voluntary-departure-at-conclusion";

    /// <summary>Immigration Court Practice Manual took effect (OPPM 08-03).</summary>
    public static readonly DateOnly PracticeManualInForce = new(2008, 7, 1);

    /// <summary>IIRIRA's removal-proceedings provisions took effect; earlier history is not modelled.</summary>
    public static readonly DateOnly IiriraInForce = new(1997, 4, 1);

    private const string BackwardRollSource =
        "EOIR Policy Manual, Part II, Ch. 3.1(c)(2) (deadlines before hearings: a deadline on a Saturday, Sunday or legal holiday is construed to fall on the next business day)";

    private const string ManualForwardRollSource =
        "EOIR Policy Manual, Part II, Ch. 3.1(c)(2) (deadlines after an event: next business day)";

    private const string DayDefinitionSource =
        "8 CFR 1001.1(h) (a period whose last day is a Saturday, Sunday or legal holiday runs to the next such day that is not)";

    private const string MonsalvoSource =
        "Monsalvo Velázquez v. Bondi (U.S. Supreme Court, decided 4 March 2025); 8 CFR 1001.1(h)";

    /// <summary>Every rule version, in a stable order.</summary>
    public static IReadOnlyList<DeadlineRule> All { get; } =
    [
        new(
            MasterCalendarFilingId,
            "Filings before a master calendar hearing (non-detained)",
            DeadlineTrigger.MasterCalendarHearing,
            CountDirection.Before,
            15,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "EOIR Policy Manual, Part II, Ch. 3.1(b)(1)(A); Appx. C (before 2021: Immigration Court Practice Manual, Ch. 3.1(b)(i)(A))",
            BackwardRollSource,
            PracticeManualInForce,
            null,
            NonDetainedOnly: true,
            Note: "Applies when a ruling is requested at or before the hearing; otherwise filings may be made at the hearing. The judge may set another deadline."),

        new(
            IndividualHearingFilingId,
            "Filings before an individual hearing (non-detained)",
            DeadlineTrigger.IndividualHearing,
            CountDirection.Before,
            15,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "Immigration Court Practice Manual, Ch. 3.1(b)(ii)(A) (2008 edition)",
            BackwardRollSource,
            PracticeManualInForce,
            new DateOnly(2020, 12, 22),
            NonDetainedOnly: true,
            Note: "Excludes exhibits or witnesses offered solely to rebut or impeach. The judge may set another deadline."),

        new(
            IndividualHearingFilingId,
            "Filings before an individual hearing (non-detained)",
            DeadlineTrigger.IndividualHearing,
            CountDirection.Before,
            30,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "Immigration Court Practice Manual, Ch. 3.1(b)(2)(A) (revision of 23 Dec 2020); EOIR Policy Manual, Part II, Ch. 3.1(b)(2)(A) (from 13 Jan 2021)",
            BackwardRollSource,
            new DateOnly(2020, 12, 23),
            new DateOnly(2022, 8, 25),
            NonDetainedOnly: true,
            Note: "Start date from a practice alert on the unannounced 23 Dec 2020 manual revision (no grace period); the consolidated Policy Manual was announced 13 Jan 2021. The judge may set another deadline."),

        new(
            IndividualHearingFilingId,
            "Filings before an individual hearing (non-detained)",
            DeadlineTrigger.IndividualHearing,
            CountDirection.Before,
            15,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "EOIR Policy Manual, Part II, Ch. 3.1(b)(2)(A) (revision effective 26 Aug 2022); EOIR Director's Memorandum 22-04",
            BackwardRollSource,
            new DateOnly(2022, 8, 26),
            new DateOnly(2025, 1, 31),
            NonDetainedOnly: true,
            Note: "End date unconfirmed: the memorandum cancelling DM 22-04 was issued in February 2025 (reported 16 Feb 2025); this version is ended on 31 Jan 2025 so that the stricter 30-day rule covers the uncertain weeks. The judge may set another deadline."),

        new(
            IndividualHearingFilingId,
            "Filings before an individual hearing (non-detained)",
            DeadlineTrigger.IndividualHearing,
            CountDirection.Before,
            30,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "EOIR Policy Manual, Part II, Ch. 3.1(b)(2)(A); Appx. C; EOIR Acting Director's memorandum of Feb 2025 cancelling DM 22-04",
            BackwardRollSource,
            new DateOnly(2025, 2, 1),
            null,
            NonDetainedOnly: true,
            Note: "Start date unconfirmed (memorandum issued in February 2025, on or before 16 Feb 2025); 1 Feb 2025 is used as the cautious boundary. The judge may set another deadline."),

        new(
            ResponseToFilingId,
            "Response to a filing (non-detained)",
            DeadlineTrigger.FilingReceived,
            CountDirection.After,
            10,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "EOIR Policy Manual, Part II, Ch. 3.1(b)(1)-(2); Ch. 5.12; Appx. C",
            ManualForwardRollSource,
            PracticeManualInForce,
            null,
            NonDetainedOnly: true,
            Note: "Counted from the day the immigration court received the filing, not from service. For a filing made less than 15 days before a master calendar hearing, the response may be made at the hearing."),

        new(
            BiaAppealId,
            "Notice of appeal to the BIA (Form EOIR-26)",
            DeadlineTrigger.Decision,
            CountDirection.After,
            30,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "8 CFR 1003.38(b); EOIR Policy Manual, Part III, Ch. 4.5",
            "8 CFR 1003.38(b) (a final day on a Saturday, Sunday or legal holiday extends to the next business day)",
            IiriraInForce,
            null,
            Note: "Must be received by the BIA (no mailbox rule). Counted from the oral decision, or from the mailing or electronic service of a written decision."),

        new(
            MotionToReconsiderId,
            "Motion to reconsider",
            DeadlineTrigger.FinalOrder,
            CountDirection.After,
            30,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "INA 240(c)(6)(B); 8 CFR 1003.23(b)(1)",
            DayDefinitionSource,
            IiriraInForce,
            null,
            Note: "One motion to reconsider. Counted from the date of entry of the final administrative order."),

        new(
            MotionToReopenId,
            "Motion to reopen",
            DeadlineTrigger.FinalOrder,
            CountDirection.After,
            90,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "INA 240(c)(7)(C)(i); 8 CFR 1003.23(b)(1)",
            DayDefinitionSource,
            IiriraInForce,
            null,
            Note: "Exceptions not computed: changed country conditions for asylum (INA 240(c)(7)(C)(ii)), VAWA (one year, INA 240(c)(7)(C)(iv)), in absentia orders, joint motions, equitable tolling."),

        new(
            InAbsentiaRescissionId,
            "Motion to rescind an in absentia order (exceptional circumstances)",
            DeadlineTrigger.InAbsentiaOrder,
            CountDirection.After,
            180,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "INA 240(b)(5)(C)(i); 8 CFR 1003.23(b)(4)(ii)",
            DayDefinitionSource,
            IiriraInForce,
            null,
            Note: "A motion claiming lack of proper notice, or federal or state custody, may be filed at any time (INA 240(b)(5)(C)(ii)); no deadline is computed for it."),

        new(
            ChangeOfAddressId,
            "Change of address or telephone (Form EOIR-33)",
            DeadlineTrigger.AddressChange,
            CountDirection.After,
            5,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "8 CFR 1003.15(d)(2); EOIR Policy Manual, Part II, Ch. 2.2(c)-(d); Appx. C",
            DayDefinitionSource,
            IiriraInForce,
            null,
            Note: "Representatives must report their own changes promptly (no day count). File as early as possible: notices go to the last address on record."),

        new(
            AsylumOneYearId,
            "Asylum application: one year after last arrival",
            DeadlineTrigger.LastArrival,
            CountDirection.After,
            1,
            PeriodUnit.Years,
            RollPolicy.NextBusinessDay,
            "INA 208(a)(2)(B); 8 CFR 1208.4(a)(2); EOIR Policy Manual, Part II, Ch. 3.1(b)(3)",
            DayDefinitionSource,
            IiriraInForce,
            null,
            Note: "Counted to the anniversary of the last arrival (or of 1 April 1997 if later). An arrival on 29 February is counted to 28 February (the earlier reading; unconfirmed). Exceptions for changed or extraordinary circumstances (8 CFR 1208.4(a)(4)-(5)) and class-action relief are not computed."),

        new(
            VoluntaryDepartureBeforeConclusionId,
            "Voluntary departure granted before the conclusion of proceedings",
            DeadlineTrigger.VoluntaryDepartureBeforeConclusion,
            CountDirection.After,
            120,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "INA 240B(a)(2)(A); 8 CFR 1240.26",
            MonsalvoSource,
            IiriraInForce,
            null,
            PeriodSetByOrder: true,
            Note: "The order sets the period (at most 120 days). Monsalvo Velázquez decided the 60-day period of INA 240B(b)(2); applying its reading to this period rests on the same regulatory definition of \"day\"."),

        new(
            VoluntaryDepartureAtConclusionId,
            "Voluntary departure granted at the conclusion of proceedings",
            DeadlineTrigger.VoluntaryDepartureAtConclusion,
            CountDirection.After,
            60,
            PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay,
            "INA 240B(b)(2); 8 CFR 1240.26",
            MonsalvoSource,
            IiriraInForce,
            null,
            PeriodSetByOrder: true,
            Note: "The order sets the period (at most 60 days). A departure deadline on a weekend or legal holiday extends to the next business day (Monsalvo Velázquez v. Bondi, 2025)."),
    ];
}
