using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Hearings;

namespace CounselConnect.Application.Hearings;

/// <summary>A hearing with its local time at the court and its change history.</summary>
public sealed record HearingDto(
    Guid Id,
    Guid CaseId,
    HearingType Type,
    DateTime ScheduledAtUtc,
    string LocalDateTime,
    string TimeZone,
    string CourtCode,
    string? Location,
    AppearanceMode Appearance,
    string? InterpreterLanguage,
    HearingStatus Status,
    int Version,
    IReadOnlyList<HearingChangeDto> Changes);

public sealed record HearingChangeDto(HearingChangeKind Kind, int Version, DateTime PreviousAtUtc, string PreviousTimeZone,
    string? PreviousLocation, AppearanceMode PreviousAppearance, DateTime? NewAtUtc, string? Reason, string ChangedBy, DateTime ChangedAtUtc);

public static class HearingMapping
{
    public static HearingDto ToDto(this Hearing h, IEnumerable<HearingChange> changes) => new(
        h.Id, h.CaseId, h.Type, h.ScheduledAtUtc,
        h.LocalTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        h.TimeZoneId, h.CourtCode, h.Location, h.Appearance, h.InterpreterLanguage, h.Status, h.Version,
        [.. changes.OrderBy(c => c.Version).Select(c => new HearingChangeDto(c.Kind, c.Version, c.PreviousAtUtc, c.PreviousTimeZoneId,
            c.PreviousLocation, c.PreviousAppearance, c.NewAtUtc, c.Reason, c.ChangedBy, c.ChangedAtUtc))]);

    /// <summary>Court-local wall-clock time to UTC; a time skipped by a daylight-saving change is a rule violation.</summary>
    public static DateTime ToUtc(DateTime localDateTime, string timeZoneId)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            throw new Domain.Common.BusinessRuleException("HearingTimeZoneUnknown", HearingInputRules.ZoneMessage);
        }

        var local = DateTime.SpecifyKind(localDateTime, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            throw new Domain.Common.BusinessRuleException("HearingLocalTimeInvalid", "That local time does not exist (daylight-saving change).");
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
