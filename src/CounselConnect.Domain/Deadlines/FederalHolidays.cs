namespace CounselConnect.Domain.Deadlines;

/// <summary>A US federal holiday (5 U.S.C. 6103) and the day federal offices observe it.</summary>
/// <param name="Name">The holiday's name as 5 U.S.C. 6103(a) lists it.</param>
/// <param name="Date">The legal date of the holiday.</param>
/// <param name="ObservedDate">
/// The day offices close: a Saturday holiday is observed on the Friday before, a Sunday holiday on the
/// Monday after (5 U.S.C. 6103(b); Executive Order 11582). May fall in the previous calendar year
/// (New Year's Day on a Saturday is observed on 31 December).
/// </param>
public sealed record FederalHoliday(string Name, DateOnly Date, DateOnly ObservedDate)
{
    public bool IsShifted => Date != ObservedDate;
}

/// <summary>
/// The eleven permanent US federal holidays for any year, with the observed-date rule, and business days
/// (Monday to Friday and not an observed federal holiday). Pure calculation: no clock, no I/O.
/// Not included: Inauguration Day (a holiday only for the Washington, DC area, every fourth year) and
/// one-off closures by executive order; <see cref="BusinessDayCalendar"/> accepts those as extra closures.
/// </summary>
public static class FederalHolidays
{
    /// <summary>Juneteenth National Independence Day Act, signed 17 June 2021, first observed 18 June 2021.</summary>
    public const int JuneteenthFirstYear = 2021;

    /// <summary>Each year's list is computed once: deadline and reminder planning ask for it for every date they roll.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, IReadOnlyList<FederalHoliday>> ByYear = new();

    /// <summary>
    /// The holidays of <paramref name="year"/> (by legal date), in calendar order. Any year of <see cref="DateOnly"/>, the last
    /// one (9999) included: no holiday or observed day of a year falls in the next (the latest is Christmas observed on
    /// 26 December), so the last year's list stays within the calendar. Only New Year's Day observed on 31 December
    /// reaches back into the year before.
    /// </summary>
    public static IReadOnlyList<FederalHoliday> For(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, DateOnly.MinValue.Year, nameof(year));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year, nameof(year));
        return ByYear.GetOrAdd(year, Compute);
    }

    private static FederalHoliday[] Compute(int year)
    {
        var list = new List<FederalHoliday>(11)
        {
            Fixed("New Year's Day", year, 1, 1),
            Floating("Birthday of Martin Luther King, Jr.", NthWeekday(year, 1, DayOfWeek.Monday, 3)),
            Floating("Washington's Birthday", NthWeekday(year, 2, DayOfWeek.Monday, 3)),
            Floating("Memorial Day", LastWeekday(year, 5, DayOfWeek.Monday)),
        };
        if (year >= JuneteenthFirstYear)
        {
            list.Add(Fixed("Juneteenth National Independence Day", year, 6, 19));
        }

        list.Add(Fixed("Independence Day", year, 7, 4));
        list.Add(Floating("Labor Day", NthWeekday(year, 9, DayOfWeek.Monday, 1)));
        list.Add(Floating("Columbus Day", NthWeekday(year, 10, DayOfWeek.Monday, 2)));
        list.Add(Fixed("Veterans Day", year, 11, 11));
        list.Add(Floating("Thanksgiving Day", NthWeekday(year, 11, DayOfWeek.Thursday, 4)));
        list.Add(Fixed("Christmas Day", year, 12, 25));
        return [.. list];
    }

    /// <summary>The holiday observed on <paramref name="date"/>, if any (checks next year's New Year's Day too).</summary>
    public static FederalHoliday? ObservedOn(DateOnly date)
    {
        foreach (var holiday in For(date.Year))
        {
            if (holiday.ObservedDate == date)
            {
                return holiday;
            }
        }

        // The last year of the calendar has no next year whose New Year's Day it could observe.
        if (date.Month == 12 && date.Day == 31 && date.Year < DateOnly.MaxValue.Year)
        {
            var newYear = For(date.Year + 1)[0];
            if (newYear.ObservedDate == date)
            {
                return newYear;
            }
        }

        return null;
    }

    /// <summary>True when federal offices are closed for a holiday on <paramref name="date"/>.</summary>
    public static bool IsObservedHoliday(DateOnly date) => ObservedOn(date) is not null;

    /// <summary>True for Monday to Friday that is not an observed federal holiday.</summary>
    public static bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsObservedHoliday(date);

    private static FederalHoliday Fixed(string name, int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var observed = date.DayOfWeek switch
        {
            DayOfWeek.Saturday => date.AddDays(-1),
            DayOfWeek.Sunday => date.AddDays(1),
            _ => date,
        };
        return new FederalHoliday(name, date, observed);
    }

    private static FederalHoliday Floating(string name, DateOnly date) => new(name, date, date);

    private static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var back = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
        return last.AddDays(-back);
    }
}
