using CounselConnect.Domain.Deadlines;

namespace CounselConnect.UnitTests.Deadlines;

public sealed class BusinessDayCalendarTests
{
    [Fact]
    public void Rolling_forward_from_a_Saturday_before_a_Monday_holiday_reaches_Tuesday()
    {
        Assert.Equal(D.Of("2026-01-20"), BusinessDayCalendar.Federal.OnOrAfter(D.Of("2026-01-17")));
    }

    [Fact]
    public void Rolling_backward_from_a_Monday_holiday_reaches_the_Friday_before()
    {
        Assert.Equal(D.Of("2026-01-16"), BusinessDayCalendar.Federal.OnOrBefore(D.Of("2026-01-19")));
    }

    [Fact]
    public void A_business_day_does_not_move_either_way()
    {
        var day = D.Of("2025-05-14");

        Assert.Equal(day, BusinessDayCalendar.Federal.OnOrAfter(day));
        Assert.Equal(day, BusinessDayCalendar.Federal.OnOrBefore(day));
        Assert.Null(BusinessDayCalendar.Federal.ClosureReason(day));
    }

    [Fact]
    public void Closure_reason_names_the_weekday_or_the_holiday()
    {
        Assert.Equal("a Saturday", BusinessDayCalendar.Federal.ClosureReason(D.Of("2026-07-04")));
        Assert.Equal("Independence Day (observed)", BusinessDayCalendar.Federal.ClosureReason(D.Of("2026-07-03")));
        Assert.Equal("Christmas Day", BusinessDayCalendar.Federal.ClosureReason(D.Of("2025-12-25")));
    }

    [Fact]
    public void Extra_closure_days_are_not_business_days()
    {
        var mourning = D.Of("2025-01-09");
        var calendar = new BusinessDayCalendar([mourning]);

        Assert.True(BusinessDayCalendar.Federal.IsBusinessDay(mourning));
        Assert.False(calendar.IsBusinessDay(mourning));
        Assert.Equal("a declared closure day", calendar.ClosureReason(mourning));
        Assert.Equal(D.Of("2025-01-10"), calendar.OnOrAfter(mourning));
    }

    [Fact]
    public void Every_roll_in_2020_to_2027_lands_on_the_nearest_business_day()
    {
        var calendar = BusinessDayCalendar.Federal;
        for (var day = D.Of("2020-01-01"); day <= D.Of("2027-12-31"); day = day.AddDays(1))
        {
            var next = calendar.OnOrAfter(day);
            var previous = calendar.OnOrBefore(day);
            Assert.True(calendar.IsBusinessDay(next));
            Assert.True(calendar.IsBusinessDay(previous));
            Assert.InRange(next.DayNumber - day.DayNumber, 0, 4);
            Assert.InRange(day.DayNumber - previous.DayNumber, 0, 4);
            for (var between = day; between < next; between = between.AddDays(1))
            {
                Assert.False(calendar.IsBusinessDay(between));
            }
        }
    }
}
