using CounselConnect.Domain.Hearings;

namespace CounselConnect.Application.Hearings;

/// <summary>
/// Checks on a hearing's input that the validators make, so that a bad court code, an unknown time zone, a local time
/// skipped by a daylight-saving change or a time in the past is a 400 with a field error, not a 409 from the domain's
/// rules (which stay as the last line).
/// </summary>
public static class HearingInputRules
{
    /// <summary>A court code, for hearings and for intake: 2 to 8 letters or digits.</summary>
    public const string CourtCodePattern = "^[A-Za-z0-9]{2,8}$";

    public const string CourtCodeMessage = "A court code is 2 to 8 letters or digits (e.g. NYC).";

    public const string ZoneMessage = "Give the court's time zone as an IANA id, e.g. America/New_York.";

    public const string SkippedTimeMessage = "That local time does not exist in the court's time zone (daylight-saving change).";

    public const string PastMessage = "A hearing is scheduled in the future: check the date and time.";

    /// <summary>
    /// How far ahead a date that feeds the deadline engine may be: a hearing (scheduled, rescheduled or given at intake), a
    /// judge-set deadline and the hearing it relates to. Immigration court dockets are set years out (backlogs of four to
    /// five years are common), but not decades: a date further ahead is a typing error (9999 for 2029), and one near the
    /// end of the calendar cannot be rolled or planned for. Counted in the court's local calendar from today's UTC date.
    /// </summary>
    public const int HorizonYears = 10;

    /// <summary>Written out (not built from <see cref="HorizonYears"/>) so that the pages' translations can key on it; change both together.</summary>
    public const string TooFarMessage = "A hearing is at most 10 years ahead: check the year.";

    /// <summary>The last date a hearing or deadline may fall on when entered at <paramref name="now"/>.</summary>
    public static DateOnly LatestDate(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddYears(HorizonYears);

    /// <summary>Whether <paramref name="date"/> is no later than <see cref="LatestDate"/>.</summary>
    public static bool IsWithinHorizon(DateOnly date, DateTimeOffset now) => date <= LatestDate(now);

    /// <summary>Whether the wall-clock time's date is no later than <see cref="LatestDate"/> (no zone needed: the date is the court's).</summary>
    public static bool IsWithinHorizon(DateTime localDateTime, DateTimeOffset now) => IsWithinHorizon(DateOnly.FromDateTime(localDateTime), now);

    public static bool IsKnownZone(string? zoneId) => Hearing.IsIanaTimeZone(zoneId);

    /// <summary>Whether the wall-clock time exists in the zone; true when the zone is unknown (its own rule says so).</summary>
    public static bool Exists(DateTime localDateTime, string? zoneId) =>
        !IsKnownZone(zoneId) || !TimeZoneInfo.FindSystemTimeZoneById(zoneId!).IsInvalidTime(DateTime.SpecifyKind(localDateTime, DateTimeKind.Unspecified));

    /// <summary>Whether the wall-clock time in the zone is after <paramref name="now"/>; true when the time cannot be placed.</summary>
    public static bool IsAfter(DateTime localDateTime, string? zoneId, DateTimeOffset now) =>
        !IsKnownZone(zoneId) || !Exists(localDateTime, zoneId) || HearingMapping.ToUtc(localDateTime, zoneId!) > now.UtcDateTime;
}
