namespace CounselConnect.Domain.Deadlines;

/// <summary>
/// Business days for deadline rolling: weekends and observed federal holidays are closed, plus any extra
/// closure dates given (for example a day of national mourning declared by executive order, or a court's
/// emergency closure). Immutable.
/// </summary>
public sealed class BusinessDayCalendar
{
    private readonly HashSet<DateOnly> _extraClosures;

    public BusinessDayCalendar(IEnumerable<DateOnly>? extraClosures = null)
    {
        _extraClosures = extraClosures is null ? [] : [.. extraClosures];
    }

    /// <summary>Weekends and federal holidays only.</summary>
    public static BusinessDayCalendar Federal { get; } = new();

    public IReadOnlyCollection<DateOnly> ExtraClosures => _extraClosures;

    public bool IsBusinessDay(DateOnly date) => ClosureReason(date) is null;

    /// <summary>Why <paramref name="date"/> is not a business day ("a Sunday", "Independence Day (observed)"), or null.</summary>
    public string? ClosureReason(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return $"a {date.DayOfWeek}";
        }

        var holiday = FederalHolidays.ObservedOn(date);
        if (holiday is not null)
        {
            return holiday.IsShifted ? $"{holiday.Name} (observed)" : holiday.Name;
        }

        return _extraClosures.Contains(date) ? "a declared closure day" : null;
    }

    /// <summary>
    /// <paramref name="date"/> itself when it is a business day, else the first business day after it; the last day of the
    /// calendar (<see cref="DateOnly.MaxValue"/>) when none follows, so that a date stored near it cannot make rolling throw.
    /// </summary>
    public DateOnly OnOrAfter(DateOnly date)
    {
        while (!IsBusinessDay(date) && date < DateOnly.MaxValue)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>
    /// <paramref name="date"/> itself when it is a business day, else the last business day before it; the first day of the
    /// calendar (<see cref="DateOnly.MinValue"/>) when none comes before.
    /// </summary>
    public DateOnly OnOrBefore(DateOnly date)
    {
        while (!IsBusinessDay(date) && date > DateOnly.MinValue)
        {
            date = date.AddDays(-1);
        }

        return date;
    }
}
