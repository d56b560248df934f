using CounselConnect.Domain.Cases;

namespace CounselConnect.Application.Reminders;

/// <summary>A staff member who gets reminders (addresses are looked up only when a message is sent).</summary>
public sealed record StaffRecipient(Guid UserId, string Email, string DisplayName);

/// <summary>Who the staff recipients of a case are, and how to reach them.</summary>
public interface IReminderRecipientDirectory
{
    /// <summary>
    /// The attorneys who get the case's reminders: the users behind the case's current (not ended) assignments, when
    /// they are enabled and have an email address. None when the case is not assigned.
    /// </summary>
    Task<IReadOnlyList<Guid>> AttorneysForCaseAsync(Case @case, CancellationToken cancellationToken);

    /// <summary>The same for many cases at once (bulk planning): case id → attorney user ids; cases without any are absent.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> AttorneysForCasesAsync(IReadOnlyCollection<Case> cases, CancellationToken cancellationToken);

    /// <summary>The enabled staff among <paramref name="userIds"/> that have an email address, by user id.</summary>
    Task<IReadOnlyDictionary<Guid, StaffRecipient>> FindStaffAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);
}
