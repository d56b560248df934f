using CounselConnect.Domain.Cases;

namespace CounselConnect.Application.Reminders;

/// <summary>A staff member who gets reminders (addresses are looked up only when a message is sent).</summary>
public sealed record StaffRecipient(Guid UserId, string Email, string DisplayName);

/// <summary>Who the staff recipients of a case are, and how to reach them.</summary>
public interface IReminderRecipientDirectory
{
    /// <summary>
    /// The attorneys who get the case's reminders.
    /// TODO(case assignment): the attorneys assigned to the case; until assignment exists, the organisation's attorneys.
    /// </summary>
    Task<IReadOnlyList<Guid>> AttorneysForCaseAsync(Case @case, CancellationToken cancellationToken);

    Task<StaffRecipient?> FindStaffAsync(Guid userId, CancellationToken cancellationToken);
}
