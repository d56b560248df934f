using CounselConnect.Domain.Deadlines;

namespace CounselConnect.UnitTests.Deadlines;

/// <summary>
/// The engine at the ends of the calendar: a date stored before the input rules had a horizon (or imported) must not make
/// it throw, or every page that lists the case's deadlines fails. 9999-12-31 is a Friday, 0001-01-01 (New Year's Day) a Monday.
/// </summary>
public sealed class CalendarEdgeTests
{
    private static readonly DateOnly Last = DateOnly.MaxValue;
    private static readonly DateOnly First = DateOnly.MinValue;

    [Fact]
    public void The_horizons_message_names_the_horizon()
    {
        // The message is a literal (pages translate by it), so it must be changed with the constant.
        Assert.Contains($"at most {CounselConnect.Application.Hearings.HearingInputRules.HorizonYears} years",
            CounselConnect.Application.Hearings.HearingInputRules.TooFarMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_holidays_of_the_last_year_of_the_calendar_are_computed_without_reaching_past_it()
    {
        var holidays = FederalHolidays.For(Last.Year);

        Assert.Equal(11, holidays.Count);
        Assert.All(holidays, h => Assert.Equal(Last.Year, h.Date.Year));
        Assert.Null(FederalHolidays.ObservedOn(Last));
        Assert.True(FederalHolidays.IsBusinessDay(Last));
    }

    [Fact]
    public void Rolling_stops_at_the_ends_of_the_calendar_instead_of_throwing()
    {
        var closed = new BusinessDayCalendar([Last]);

        Assert.Equal(Last, closed.OnOrAfter(Last));
        Assert.Equal("a declared closure day", closed.ClosureReason(Last));
        Assert.Equal(First, BusinessDayCalendar.Federal.OnOrBefore(First));
        Assert.Equal(First.AddDays(1), BusinessDayCalendar.Federal.OnOrAfter(First));
    }

    [Fact]
    public void A_judge_set_deadline_due_on_the_last_day_of_the_calendar_resolves()
    {
        var deadline = JudgeSetDeadline.Enter(Guid.NewGuid(), Last, "Brief per order", Guid.NewGuid(), DateTimeOffset.UtcNow, Last);

        var resolved = deadline.Resolve();

        Assert.Equal(Last, resolved.DueDate);
        Assert.Equal(Last, deadline.Resolve(new BusinessDayCalendar([Last])).DueDate);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("9999-12-25")]
    [InlineData("0001-01-01")]
    public void Every_trigger_on_a_date_at_the_ends_of_the_calendar_computes_without_throwing(string date)
    {
        var calculator = new DeadlineCalculator();
        var day = D.Of(date);

        foreach (var trigger in Enum.GetValues<DeadlineTrigger>())
        {
            foreach (var docket in Enum.GetValues<DocketKind>())
            {
                var computed = calculator.Compute(trigger, day, day, new DeadlineOptions(docket));

                Assert.All(computed, d => Assert.InRange(d.DueDate, First, Last));
            }
        }
    }
}
