using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CounselConnect.Domain.People;

/// <summary>
/// An Alien Registration Number: "A" plus 8 or 9 digits. An 8-digit number takes a leading 0, so the value is
/// always stored as 9 digits (the form EOIR's case-status systems expect) and shown as <c>A123-456-789</c>.
/// No check digit is known, so only the shape is validated. "None / not yet known" is a null
/// <see cref="ANumber"/>? at the call site, never a special value.
/// </summary>
public readonly record struct ANumber : IComparable<ANumber>
{
    private const int MaxValue = 999_999_999;

    private ANumber(int value) => Value = value;

    /// <summary>The number as an integer (0..999,999,999); the 9-digit form is <see cref="Digits"/>.</summary>
    public int Value { get; }

    /// <summary>The normalised 9-digit form, e.g. <c>012345678</c>.</summary>
    public string Digits => Value.ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>Parses any common spelling: "A123456789", "a-123-456-789", "123 456 789", "A12345678".</summary>
    /// <exception cref="FormatException">The text is not an A-number.</exception>
    public static ANumber Parse(string text) =>
        TryParse(text, out var number)
            ? number
            : throw new FormatException("An A-number is \"A\" followed by 8 or 9 digits, e.g. A123-456-789.");

    /// <summary>Parses any common spelling; returns false (never throws) for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ANumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.Length > 0 && (span[0] == 'A' || span[0] == 'a'))
        {
            span = span[1..];
        }

        var value = 0;
        var digits = 0;
        foreach (var c in span)
        {
            if (c is >= '0' and <= '9')
            {
                if (++digits > 9)
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }
            else if (c is not ('-' or ' ' or '.' or '#' or ':'))
            {
                return false;
            }
        }

        if (digits is < 8 or > 9 || value == 0)
        {
            return false;
        }

        number = new ANumber(value);
        return true;
    }

    /// <summary>Builds an A-number from its integer value (1..999,999,999).</summary>
    public static ANumber FromValue(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxValue);
        return new ANumber(value);
    }

    /// <summary>Display form, e.g. <c>A123-456-789</c>.</summary>
    public override string ToString()
    {
        var d = Digits;
        return string.Create(CultureInfo.InvariantCulture, $"A{d[..3]}-{d[3..6]}-{d[6..]}");
    }

    public int CompareTo(ANumber other) => Value.CompareTo(other.Value);

    public static bool operator <(ANumber left, ANumber right) => left.CompareTo(right) < 0;

    public static bool operator >(ANumber left, ANumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(ANumber left, ANumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ANumber left, ANumber right) => left.CompareTo(right) >= 0;
}
