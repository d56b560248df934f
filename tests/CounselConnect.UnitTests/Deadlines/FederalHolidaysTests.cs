using CounselConnect.Domain.Deadlines;

namespace CounselConnect.UnitTests.Deadlines;

public sealed class FederalHolidaysTests
{
    // Observed dates, in calendar order, as federal offices closed (OPM holiday tables).
    [Theory]
    [InlineData(2020, "2020-01-01,2020-01-20,2020-02-17,2020-05-25,2020-07-03,2020-09-07,2020-10-12,2020-11-11,2020-11-26,2020-12-25")]
    [InlineData(2021, "2021-01-01,2021-01-18,2021-02-15,2021-05-31,2021-06-18,2021-07-05,2021-09-06,2021-10-11,2021-11-11,2021-11-25,2021-12-24")]
    [InlineData(2022, "2021-12-31,2022-01-17,2022-02-21,2022-05-30,2022-06-20,2022-07-04,2022-09-05,2022-10-10,2022-11-11,2022-11-24,2022-12-26")]
    [InlineData(2023, "2023-01-02,2023-01-16,2023-02-20,2023-05-29,2023-06-19,2023-07-04,2023-09-04,2023-10-09,2023-11-10,2023-11-23,2023-12-25")]
    [InlineData(2024, "2024-01-01,2024-01-15,2024-02-19,2024-05-27,2024-06-19,2024-07-04,2024-09-02,2024-10-14,2024-11-11,2024-11-28,2024-12-25")]
    [InlineData(2025, "2025-01-01,2025-01-20,2025-02-17,2025-05-26,2025-06-19,2025-07-04,2025-09-01,2025-10-13,2025-11-11,2025-11-27,2025-12-25")]
    [InlineData(2026, "2026-01-01,2026-01-19,2026-02-16,2026-05-25,2026-06-19,2026-07-03,2026-09-07,2026-10-12,2026-11-11,2026-11-26,2026-12-25")]
    [InlineData(2027, "2027-01-01,2027-01-18,2027-02-15,2027-05-31,2027-06-18,2027-07-05,2027-09-06,2027-10-11,2027-11-11,2027-11-25,2027-12-24")]
    public void Observed_holidays_match_the_published_federal_calendar(int year, string expected)
    {
        var observed = FederalHolidays.For(year).Select(h => h.ObservedDate).ToArray();

        Assert.Equal(expected.Split(',').Select(D.Of).ToArray(), observed);
    }

    [Fact]
    public void Juneteenth_is_absent_before_2021_and_present_from_2021()
    {
        Assert.DoesNotContain(FederalHolidays.For(2020), h => h.Name.StartsWith("Juneteenth", StringComparison.Ordinal));
        Assert.Equal(10, FederalHolidays.For(2020).Count);
        Assert.Equal(11, FederalHolidays.For(2021).Count);
        Assert.True(FederalHolidays.IsBusinessDay(D.Of("2020-06-19")));
        Assert.False(FederalHolidays.IsBusinessDay(D.Of("2021-06-18")));
    }

    [Fact]
    public void New_Year_2022_on_a_Saturday_is_observed_on_Friday_31_December_2021()
    {
        var holiday = FederalHolidays.ObservedOn(D.Of("2021-12-31"));

        Assert.NotNull(holiday);
        Assert.Equal("New Year's Day", holiday.Name);
        Assert.Equal(D.Of("2022-01-01"), holiday.Date);
        Assert.True(holiday.IsShifted);
        Assert.False(FederalHolidays.IsBusinessDay(D.Of("2021-12-31")));
    }

    [Fact]
    public void Independence_Day_2026_on_a_Saturday_closes_Friday_3_July()
    {
        Assert.False(FederalHolidays.IsBusinessDay(D.Of("2026-07-03")));
        Assert.Equal("Independence Day", FederalHolidays.ObservedOn(D.Of("2026-07-03"))?.Name);
        Assert.Null(FederalHolidays.ObservedOn(D.Of("2026-07-04")));
        Assert.False(FederalHolidays.IsBusinessDay(D.Of("2026-07-04")));
        Assert.True(FederalHolidays.IsBusinessDay(D.Of("2026-07-06")));
    }

    [Fact]
    public void Sunday_holidays_close_the_following_Monday()
    {
        Assert.False(FederalHolidays.IsBusinessDay(D.Of("2021-07-05")));
        Assert.False(FederalHolidays.IsBusinessDay(D.Of("2022-06-20")));
        Assert.False(FederalHolidays.IsBusinessDay(D.Of("2023-01-02")));
        Assert.True(FederalHolidays.IsBusinessDay(D.Of("2023-01-03")));
    }

    [Fact]
    public void Ordinary_weekdays_are_business_days_and_weekends_are_not()
    {
        Assert.True(FederalHolidays.IsBusinessDay(D.Of("2025-03-12")));
        Assert.False(FederalHolidays.IsBusinessDay(D.Of("2025-03-15")));
        Assert.False(FederalHolidays.IsBusinessDay(D.Of("2025-03-16")));
    }

    [Fact]
    public void Year_2025_has_250_business_days()
    {
        var start = D.Of("2025-01-01");
        var count = Enumerable.Range(0, 365).Count(i => FederalHolidays.IsBusinessDay(start.AddDays(i)));

        Assert.Equal(250, count);
    }

    [Fact]
    public void Floating_holidays_land_on_the_right_weekday_for_many_years()
    {
        for (var year = 1990; year <= 2060; year++)
        {
            var byName = FederalHolidays.For(year).ToDictionary(h => h.Name, h => h.Date);
            Assert.Equal(DayOfWeek.Monday, byName["Memorial Day"].DayOfWeek);
            Assert.True(byName["Memorial Day"].AddDays(7).Month == 6, $"Memorial Day {year} is the last Monday of May");
            Assert.Equal(DayOfWeek.Thursday, byName["Thanksgiving Day"].DayOfWeek);
            Assert.InRange(byName["Thanksgiving Day"].Day, 22, 28);
            Assert.InRange(byName["Birthday of Martin Luther King, Jr."].Day, 15, 21);
            Assert.InRange(byName["Washington's Birthday"].Day, 15, 21);
            Assert.InRange(byName["Labor Day"].Day, 1, 7);
            Assert.InRange(byName["Columbus Day"].Day, 8, 14);
            Assert.All(FederalHolidays.For(year), h => Assert.False(FederalHolidays.IsBusinessDay(h.ObservedDate)));
        }
    }
}
