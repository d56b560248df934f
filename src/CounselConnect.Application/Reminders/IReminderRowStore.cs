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

    /// <summary>
    /// Stores the plan stamps of cases just (re)planned: inserts a case's row (version 1), or brings its next due time
    /// forward (never later, never to none: only materialisation moves it on) and bumps its version. The version bump makes a materialisation that read the case before this replan leave the stamp alone.
    /// </summary>
    Task UpsertPlansAsync(IReadOnlyCollection<CaseReminderPlan> plans, CancellationToken cancellationToken);

    /// <summary>
    /// After materialisation: moves each case's next due time on, only where the stored version is still the one given
    /// (a replan since then wins). Returns how many stamps moved.
    /// </summary>
    Task<int> AdvancePlansAsync(IReadOnlyCollection<CaseReminderPlan> plans, CancellationToken cancellationToken);
}
