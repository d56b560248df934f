using CounselConnect.Domain.Reminders;

namespace CounselConnect.Application.Reminders;

/// <summary>
/// A reminder row as staff see it: ids, kinds and times only (no address, no message text). In a case's list, a reminder of the
/// plan not written as a row yet has no <see cref="Id"/>, the status <see cref="ReminderStatus.Planned"/> and <see cref="Materialised"/> false.
/// </summary>
public sealed record ReminderDto(Guid? Id, Guid CaseId, string? CaseReference, ReminderTargetKind TargetKind, Guid TargetId, string TargetKey,
    int OffsetDays, RecipientKind RecipientKind, ReminderChannel Channel, string Language, DateTime ScheduledForUtc, ReminderStatus Status,
    int Attempts, DateTime? NextAttemptAtUtc, DateTime? SentAtUtc, string? ProviderMessageId, string? LastError, bool Materialised = true);
