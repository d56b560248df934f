using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Hearings;

public enum HearingChangeKind
{
    Rescheduled = 1,
    Cancelled = 2,
}

/// <summary>One change to a hearing, with the values it had before. Never updated or deleted.</summary>
public sealed class HearingChange : Entity
{
    private HearingChange()
    {
        PreviousTimeZoneId = string.Empty;
        ChangedBy = string.Empty;
    }

    internal HearingChange(Guid hearingId, HearingChangeKind kind, int version, DateTime previousAtUtc, string previousTimeZoneId,
        string? previousLocation, AppearanceMode previousAppearance, DateTime? newAtUtc, string? reason, string changedBy, DateTime changedAtUtc)
    {
        HearingId = hearingId;
        Kind = kind;
        Version = version;
        PreviousAtUtc = previousAtUtc;
        PreviousTimeZoneId = previousTimeZoneId;
        PreviousLocation = previousLocation;
        PreviousAppearance = previousAppearance;
        NewAtUtc = newAtUtc;
        Reason = reason;
        ChangedBy = changedBy;
        ChangedAtUtc = changedAtUtc;
    }

    public Guid HearingId { get; private set; }

    public HearingChangeKind Kind { get; private set; }

    /// <summary>The hearing's version after this change.</summary>
    public int Version { get; private set; }

    public DateTime PreviousAtUtc { get; private set; }

    public string PreviousTimeZoneId { get; private set; }

    public string? PreviousLocation { get; private set; }

    public AppearanceMode PreviousAppearance { get; private set; }

    public DateTime? NewAtUtc { get; private set; }

    public string? Reason { get; private set; }

    public string ChangedBy { get; private set; }

    public DateTime ChangedAtUtc { get; private set; }
}
