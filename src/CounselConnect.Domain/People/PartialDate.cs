using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CounselConnect.Domain.People;

/// <summary>
/// A date that may be known only to the year or to the month (dates of birth are often partial or uncertain).
/// Text form is <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>; years run from 1900 to the current year and a
/// full date must be a real calendar date.
/// </summary>
public readonly record struct PartialDate
{
    public const int MinYear = 1900;

    private PartialDate(int year, int? month, int? day)
    {
        Year = (short)year;
        _month = (byte)(month ?? 0);
        _day = (byte)(day ?? 0);
    }

    private readonly byte _month;
    private readonly byte _day;

    public short Year { get; }

    public int? Month => _month == 0 ? null : _month;

    public int? Day => _day == 0 ? null : _day;

    public bool HasMonth => _month != 0;

    public bool IsFullDate => _day != 0;

    /// <summary>
    /// Whether every day the date can mean is after <paramref name="today"/>: a birth date that has not happened yet. A
    /// year or a month still under way is not in the future.
    /// </summary>
    public bool IsAfter(DateOnly today) =>
        Year > today.Year
        || (Year == today.Year && Month is { } month && (month > today.Month || (month == today.Month && Day is { } day && day > today.Day)));

    /// <summary>Builds a partial date; a day needs a month.</summary>
    public static PartialDate Create(int year, int? month = null, int? day = null) =>
        TryCreate(year, month, day, DateTime.UtcNow.Year, out var date)
            ? date
            : throw new ArgumentException("Not a valid date: the year must be 1900 to this year, and the date must exist.");

    /// <summary>Builds a partial date, returning false when it is not valid.</summary>
    public static bool TryCreate(int year, int? month, int? day, int maxYear, out PartialDate date)
    {
        date = default;
        if (year < MinYear || year > maxYear)
        {
            return false;
        }

        if (month is null)
        {
            if (day is not null)
            {
                return false;
            }

            date = new PartialDate(year, null, null);
            return true;
        }

        if (month is < 1 or > 12)
        {
            return false;
        }

        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month.Value)))
        {
            return false;
        }

        date = new PartialDate(year, month, day);
        return true;
    }

    /// <summary>Parses <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</summary>
    /// <exception cref="FormatException">The text is not such a date.</exception>
    public static PartialDate Parse(string text) =>
        TryParse(text, out var date)
            ? date
            : throw new FormatException("A date of birth is YYYY, YYYY-MM or YYYY-MM-DD, from 1900 to this year.");

    /// <summary>Parses <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c> with years up to the current (UTC) year.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PartialDate date) =>
        TryParse(text, DateTime.UtcNow.Year, out date);

    /// <summary>Parses <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c> with years up to <paramref name="maxYear"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, int maxYear, out PartialDate date)
    {
        date = default;
        if (text is null)
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        if (s.Length is not (4 or 7 or 10))
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year))
        {
            return false;
        }

        int? month = null;
        int? day = null;
        if (s.Length >= 7)
        {
            if (s[4] != '-' || !TryDigits(s.Slice(5, 2), out var m))
            {
                return false;
            }

            month = m;
        }

        if (s.Length == 10)
        {
            if (s[7] != '-' || !TryDigits(s.Slice(8, 2), out var d))
            {
                return false;
            }

            day = d;
        }

        return TryCreate(year, month, day, maxYear, out date);
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>The same text form that <see cref="Parse"/> reads.</summary>
    public override string ToString() =>
        (Month, Day) switch
        {
            (null, _) => Year.ToString("D4", CultureInfo.InvariantCulture),
            (int m, null) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}"),
            (int m, int d) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}-{d:D2}"),
        };
}
