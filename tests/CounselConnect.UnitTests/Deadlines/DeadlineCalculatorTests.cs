using CounselConnect.Domain.Common;
using CounselConnect.Domain.Deadlines;

namespace CounselConnect.UnitTests.Deadlines;

public sealed class DeadlineCalculatorTests
{
    private static readonly DeadlineCalculator Calculator = new();

    private static ComputedDeadline Single(string ruleId, string triggerDate, DeadlineOptions? options = null, string? calculatedOn = null)
    {
        var computed = Calculator.Compute(ruleId, D.Of(triggerDate), D.Of(calculatedOn ?? triggerDate), options);
        Assert.NotNull(computed);
        return computed;
    }

    [Fact]
    public void Master_calendar_filings_are_due_15_days_before_counting_the_hearing_as_day_0()
    {
        var result = Single(EoirDeadlineRules.MasterCalendarFilingId, "2025-03-18");

        Assert.Equal(D.Of("2025-03-03"), result.DueDate);
        Assert.Equal(D.Of("2025-03-03"), result.UnrolledDate);
        Assert.False(result.WasRolled);
        Assert.Equal(15, result.Amount);
        Assert.Equal(CountDirection.Before, result.Direction);
        Assert.Contains("3.1(b)(1)(A)", result.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_deadline_on_a_Saturday_moves_to_the_next_business_day_as_the_manual_says()
    {
        var result = Single(EoirDeadlineRules.IndividualHearingFilingId, "2025-06-16");

        Assert.Equal(D.Of("2025-05-17"), result.UnrolledDate);
        Assert.Equal(D.Of("2025-05-19"), result.DueDate);
        Assert.True(result.WasRolled);
        Assert.Equal(RollPolicy.NextBusinessDay, result.RollPolicy);
        Assert.False(result.RollPolicyOverridden);
        Assert.Equal("a Saturday", result.ClosureReason);
        Assert.Contains("3.1(c)(2)", result.RollSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_deadline_on_Thanksgiving_moves_to_Friday_or_with_a_cautious_override_to_Wednesday()
    {
        var byRule = Single(EoirDeadlineRules.MasterCalendarFilingId, "2025-12-12");
        var cautious = Single(
            EoirDeadlineRules.MasterCalendarFilingId,
            "2025-12-12",
            new DeadlineOptions(BackwardRollOverride: RollPolicy.PreviousBusinessDay));

        Assert.Equal(D.Of("2025-11-27"), byRule.UnrolledDate);
        Assert.Equal("Thanksgiving Day", byRule.ClosureReason);
        Assert.Equal(D.Of("2025-11-28"), byRule.DueDate);
        Assert.Equal(D.Of("2025-11-26"), cautious.DueDate);
        Assert.Equal(RollPolicy.PreviousBusinessDay, cautious.RollPolicy);
        Assert.True(cautious.RollPolicyOverridden);
        Assert.Contains("previous business day", cautious.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_roll_override_does_not_touch_forward_deadlines()
    {
        var result = Single(
            EoirDeadlineRules.BiaAppealId,
            "2025-01-10",
            new DeadlineOptions(BackwardRollOverride: RollPolicy.PreviousBusinessDay));

        Assert.Equal(D.Of("2025-02-10"), result.DueDate);
        Assert.False(result.RollPolicyOverridden);
    }

    [Fact]
    public void BIA_appeal_is_due_30_days_after_the_decision_rolled_past_a_weekend()
    {
        var result = Single(EoirDeadlineRules.BiaAppealId, "2025-01-10");

        Assert.Equal(D.Of("2025-02-09"), result.UnrolledDate);
        Assert.Equal(D.Of("2025-02-10"), result.DueDate);
        Assert.Equal("8 CFR 1003.38(b); EOIR Policy Manual, Part III, Ch. 4.5", result.Source);
    }

    [Fact]
    public void Forward_deadline_on_an_observed_holiday_moves_to_the_next_business_day()
    {
        var result = Single(EoirDeadlineRules.BiaAppealId, "2026-06-03");

        Assert.Equal(D.Of("2026-07-03"), result.UnrolledDate);
        Assert.Equal("Independence Day (observed)", result.ClosureReason);
        Assert.Equal(D.Of("2026-07-06"), result.DueDate);
    }

    [Fact]
    public void Motion_to_reconsider_landing_on_the_Saturday_before_MLK_Day_is_due_Tuesday()
    {
        var result = Single(EoirDeadlineRules.MotionToReconsiderId, "2025-12-18");

        Assert.Equal(D.Of("2026-01-17"), result.UnrolledDate);
        Assert.Equal(D.Of("2026-01-20"), result.DueDate);
        Assert.Equal(30, result.Amount);
    }

    [Fact]
    public void Motion_to_reopen_is_due_90_days_after_the_final_order()
    {
        var result = Single(EoirDeadlineRules.MotionToReopenId, "2025-03-03");

        Assert.Equal(D.Of("2025-06-01"), result.UnrolledDate);
        Assert.Equal(D.Of("2025-06-02"), result.DueDate);
        Assert.Contains("INA 240(c)(7)(C)(i)", result.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_final_order_gives_both_motion_deadlines()
    {
        var results = Calculator.Compute(DeadlineTrigger.FinalOrder, D.Of("2025-03-03"), D.Of("2025-03-03"));

        Assert.Equal(
            [EoirDeadlineRules.MotionToReconsiderId, EoirDeadlineRules.MotionToReopenId],
            results.Select(r => r.RuleId).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void In_absentia_rescission_counts_180_days_and_a_leap_day_shifts_the_date()
    {
        var leapYear = Single(EoirDeadlineRules.InAbsentiaRescissionId, "2024-01-05");
        var commonYear = Single(EoirDeadlineRules.InAbsentiaRescissionId, "2023-01-05");

        Assert.Equal(D.Of("2024-07-03"), leapYear.DueDate);
        Assert.Equal(D.Of("2023-07-04"), commonYear.UnrolledDate);
        Assert.Equal("Independence Day", commonYear.ClosureReason);
        Assert.Equal(D.Of("2023-07-05"), commonYear.DueDate);
        Assert.Contains("8 CFR 1003.23(b)(4)(ii)", leapYear.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_of_address_due_on_the_observed_New_Year_holiday_moves_to_the_next_Monday()
    {
        var result = Single(EoirDeadlineRules.ChangeOfAddressId, "2021-12-26");

        Assert.Equal(D.Of("2021-12-31"), result.UnrolledDate);
        Assert.Equal("New Year's Day (observed)", result.ClosureReason);
        Assert.Equal(D.Of("2022-01-03"), result.DueDate);
    }

    [Fact]
    public void Response_is_due_10_days_after_the_court_received_the_filing_rolled_past_Columbus_Day()
    {
        var plain = Single(EoirDeadlineRules.ResponseToFilingId, "2025-09-22");
        var rolled = Single(EoirDeadlineRules.ResponseToFilingId, "2025-10-03");

        Assert.Equal(D.Of("2025-10-02"), plain.DueDate);
        Assert.Equal(D.Of("2025-10-13"), rolled.UnrolledDate);
        Assert.Equal(D.Of("2025-10-14"), rolled.DueDate);
    }

    [Fact]
    public void Asylum_one_year_bar_counts_to_the_anniversary_and_rolls_off_a_weekend()
    {
        var result = Single(EoirDeadlineRules.AsylumOneYearId, "2023-06-15");

        Assert.Equal(D.Of("2024-06-15"), result.UnrolledDate);
        Assert.Equal(D.Of("2024-06-17"), result.DueDate);
        Assert.Equal(PeriodUnit.Years, result.Unit);
        Assert.Contains("1 year after the last arrival", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Asylum_one_year_across_a_leap_day_is_366_days()
    {
        var result = Single(EoirDeadlineRules.AsylumOneYearId, "2023-03-01");

        Assert.Equal(D.Of("2024-03-01"), result.DueDate);
        Assert.Equal(366, result.DueDate.DayNumber - D.Of("2023-03-01").DayNumber);
    }

    [Theory]
    [InlineData("2024-02-29", "2025-02-28")]
    [InlineData("2024-02-28", "2025-02-28")]
    [InlineData("2027-02-28", "2028-02-28")]
    public void Asylum_one_year_from_an_arrival_near_29_February_uses_the_earlier_reading(string arrival, string due)
    {
        var result = Single(EoirDeadlineRules.AsylumOneYearId, arrival);

        Assert.Equal(D.Of(due), result.DueDate);
        Assert.Contains("29 February", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Voluntary_departure_ending_on_a_Saturday_runs_to_Monday_as_in_Monsalvo_Velazquez()
    {
        var result = Single(
            EoirDeadlineRules.VoluntaryDepartureAtConclusionId,
            "2021-10-12",
            new DeadlineOptions(PeriodGrantedByOrder: 60));

        Assert.Equal(D.Of("2021-12-11"), result.UnrolledDate);
        Assert.Equal(D.Of("2021-12-13"), result.DueDate);
        Assert.Contains("Monsalvo", result.RollSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Voluntary_departure_uses_the_period_the_order_granted()
    {
        var result = Single(
            EoirDeadlineRules.VoluntaryDepartureAtConclusionId,
            "2021-10-12",
            new DeadlineOptions(PeriodGrantedByOrder: 30));

        Assert.Equal(30, result.Amount);
        Assert.Equal(D.Of("2021-11-11"), result.UnrolledDate);
        Assert.Equal("Veterans Day", result.ClosureReason);
        Assert.Equal(D.Of("2021-11-12"), result.DueDate);
    }

    [Fact]
    public void Voluntary_departure_before_conclusion_allows_up_to_120_days()
    {
        var result = Single(
            EoirDeadlineRules.VoluntaryDepartureBeforeConclusionId,
            "2025-01-02",
            new DeadlineOptions(PeriodGrantedByOrder: 120));

        Assert.Equal(D.Of("2025-05-02"), result.DueDate);
    }

    [Theory]
    [InlineData(61)]
    [InlineData(0)]
    public void Voluntary_departure_period_outside_the_statutory_range_is_refused(int days)
    {
        var ex = Assert.Throws<BusinessRuleException>(() => Calculator.Compute(
            EoirDeadlineRules.VoluntaryDepartureAtConclusionId,
            D.Of("2025-01-02"),
            D.Of("2025-01-02"),
            new DeadlineOptions(PeriodGrantedByOrder: days)));

        Assert.Equal("DeadlinePeriodOutOfRange", ex.Rule);
    }

    [Fact]
    public void Detained_hearings_get_no_computed_filing_deadlines_and_are_flagged_as_set_by_the_judge()
    {
        var detained = new DeadlineOptions(Docket: DocketKind.Detained);

        Assert.Empty(Calculator.Compute(DeadlineTrigger.IndividualHearing, D.Of("2025-06-11"), D.Of("2025-04-01"), detained));
        Assert.Empty(Calculator.Compute(DeadlineTrigger.MasterCalendarHearing, D.Of("2025-06-11"), D.Of("2025-04-01"), detained));
        Assert.Empty(Calculator.Compute(DeadlineTrigger.FilingReceived, D.Of("2025-06-11"), D.Of("2025-06-11"), detained));
        Assert.True(DeadlineCalculator.IsSetByJudge(DeadlineTrigger.IndividualHearing, DocketKind.Detained));
        Assert.False(DeadlineCalculator.IsSetByJudge(DeadlineTrigger.IndividualHearing, DocketKind.NonDetained));
    }

    [Fact]
    public void Detained_cases_still_get_statutory_deadlines()
    {
        var results = Calculator.Compute(
            DeadlineTrigger.Decision,
            D.Of("2025-01-10"),
            D.Of("2025-01-10"),
            new DeadlineOptions(Docket: DocketKind.Detained));

        var appeal = Assert.Single(results);
        Assert.Equal(D.Of("2025-02-10"), appeal.DueDate);
    }

    [Fact]
    public void Bond_hearings_have_no_rule_and_are_set_by_the_judge()
    {
        Assert.Empty(Calculator.Compute(DeadlineTrigger.BondHearing, D.Of("2025-06-11"), D.Of("2025-06-01")));
        Assert.True(DeadlineCalculator.IsSetByJudge(DeadlineTrigger.BondHearing, DocketKind.NonDetained));
    }

    [Fact]
    public void Extra_closure_days_move_a_deadline()
    {
        var calculator = new DeadlineCalculator(calendar: new BusinessDayCalendar([D.Of("2025-01-09")]));

        var normal = Single(EoirDeadlineRules.BiaAppealId, "2024-12-10");
        var closed = calculator.Compute(EoirDeadlineRules.BiaAppealId, D.Of("2024-12-10"), D.Of("2024-12-10"));

        Assert.Equal(D.Of("2025-01-09"), normal.DueDate);
        Assert.NotNull(closed);
        Assert.Equal(D.Of("2025-01-10"), closed.DueDate);
    }

    [Fact]
    public void Explanation_states_the_count_the_roll_the_version_and_the_source()
    {
        var result = Single(EoirDeadlineRules.IndividualHearingFilingId, "2025-06-16", calculatedOn: "2025-04-01");

        Assert.Equal(
            "30 calendar days before the individual hearing on 2025-06-16 (the hearing day is day 0) is Saturday 2025-05-17."
            + " That day is a Saturday, so the deadline moves to the next business day, Monday 2025-05-19 ("
            + result.RollSource + ")."
            + " Rule version in force 2025-02-01 to now, chosen by the calculation date 2025-04-01. Source: "
            + result.Source + ".",
            result.Explanation);
    }

    [Fact]
    public void Explanation_says_when_the_date_is_already_a_business_day()
    {
        var result = Single(EoirDeadlineRules.MasterCalendarFilingId, "2025-03-18");

        Assert.Contains("is Monday 2025-03-03. That is a business day.", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_with_roll_policy_None_keeps_a_weekend_date_and_says_so()
    {
        var rule = new DeadlineRule(
            "test-no-roll", "Test rule", DeadlineTrigger.Decision, CountDirection.After, 1, PeriodUnit.CalendarDays,
            RollPolicy.None, "Test source", "Test roll source", D.Of("2000-01-01"), null);
        var calculator = new DeadlineCalculator([rule]);

        var result = calculator.Compute("test-no-roll", D.Of("2025-05-16"), D.Of("2025-05-16"));

        Assert.NotNull(result);
        Assert.Equal(D.Of("2025-05-17"), result.DueDate);
        Assert.False(result.WasRolled);
        Assert.Contains("the rule does not move it", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_rule_ids_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Calculator.Compute("no-such-rule", D.Of("2025-01-01"), D.Of("2025-01-01")));
    }
}
