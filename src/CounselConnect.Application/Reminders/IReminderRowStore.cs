using CounselConnect.Domain.Reminders;

namespace CounselConnect.Application.Reminders;

/// <summary>
/// Writes many planned reminder rows at once. Rows whose unique key (target, offset, recipient, channel) already exists are
/// skipped, not overwritten, so the table's unique index stays the single source of truth for exactly-once.
/// </summary>
public interface IReminderRowStore
{
    /// <summary>Inserts the rows that do not exist yet; returns how many were inserted.</summary>
    Task<int> InsertMissingAsync(IReadOnlyCollection<Reminder> rows, CancellationToken cancellationToken);
}
