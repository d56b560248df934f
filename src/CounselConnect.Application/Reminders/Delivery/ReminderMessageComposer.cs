using CounselConnect.Application.Reminders.Planning;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.People;
using CounselConnect.Domain.Reminders;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reminders.Delivery;

/// <summary>
/// Looks up what a batch of reminders needs at send time (so a changed address or name is used, and nothing personal sits
/// in the reminder row) and renders the templates: one query per kind of data for the whole batch. A reminder is stale
/// (no message) when its hearing was moved or cancelled, its deadline removed, or the client withdrew consent to the channel.
/// </summary>
public sealed class ReminderMessageComposer(Common.Interfaces.IApplicationDbContext db, IReminderRecipientDirectory directory)
    : IReminderMessageComposer
{
    public async Task<IReadOnlyDictionary<Guid, ComposedReminder>> ComposeAsync(IReadOnlyList<Reminder> reminders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminders);
        var caseIds = reminders.Select(r => r.CaseId).Distinct().ToList();
        var cases = await db.Set<Case>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        var staffIds = reminders.Where(r => r.RecipientKind == RecipientKind.Attorney).Select(r => r.RecipientId).Distinct().ToList();
        var staff = staffIds.Count == 0 ? new Dictionary<Guid, StaffRecipient>() : await directory.FindStaffAsync(staffIds, cancellationToken);

        var contactIds = reminders.Where(r => r.RecipientKind == RecipientKind.Client).Select(r => r.RecipientId).Distinct().ToList();
        var contacts = contactIds.Count == 0 ? [] : await db.Set<ClientContact>().AsNoTracking().Where(c => contactIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var clientPartyIds = contacts.Count == 0 ? [] : cases.Values.Select(c => c.ClientPartyId).Distinct().ToList();
        var givenNames = clientPartyIds.Count == 0 ? [] : await db.Set<Party>().AsNoTracking().Where(p => clientPartyIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.GivenNames, cancellationToken);

        var judgeSetIds = reminders.Where(IsJudgeSet).Select(r => r.TargetId).Distinct().ToList();
        var judgeSet = judgeSetIds.Count == 0 ? [] : (await db.Set<JudgeSetDeadline>().AsNoTracking().Where(d => judgeSetIds.Contains(d.Id))
            .Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet();
        var hearingIds = reminders.Where(r => !IsJudgeSet(r)).Select(r => r.TargetId).Distinct().ToList();
        var hearings = hearingIds.Count == 0 ? [] : await db.Set<Hearing>().AsNoTracking().Where(h => hearingIds.Contains(h.Id))
            .ToDictionaryAsync(h => h.Id, cancellationToken);

        var result = new Dictionary<Guid, ComposedReminder>(reminders.Count);
        foreach (var reminder in reminders)
        {
            result[reminder.Id] = Compose(reminder, cases.GetValueOrDefault(reminder.CaseId), staff, contacts, givenNames, hearings, judgeSet);
        }

        return result;
    }

    private static ComposedReminder Compose(Reminder reminder, Case? @case, IReadOnlyDictionary<Guid, StaffRecipient> staff,
        Dictionary<Guid, ClientContact> contacts, Dictionary<Guid, string> givenNames, Dictionary<Guid, Hearing> hearings, HashSet<Guid> judgeSet)
    {
        if (@case is null)
        {
            return ComposedReminder.Stale;
        }

        string to;
        string firstName;
        if (reminder.RecipientKind == RecipientKind.Attorney)
        {
            if (!staff.TryGetValue(reminder.RecipientId, out var attorney))
            {
                return new ComposedReminder(null, "recipient-unknown");
            }

            to = attorney.Email;
            firstName = FirstWord(attorney.DisplayName);
        }
        else
        {
            if (!contacts.TryGetValue(reminder.RecipientId, out var contact) || !ReminderPlan.ConsentedChannels(contact).Contains(reminder.Channel))
            {
                return ComposedReminder.Stale;
            }

            to = (reminder.Channel == ReminderChannel.Email ? contact.Email : contact.Phone)!;
            firstName = FirstWord(givenNames.GetValueOrDefault(@case.ClientPartyId));
        }

        RenderedMessage rendered;
        if (!IsJudgeSet(reminder))
        {
            if (!hearings.TryGetValue(reminder.TargetId, out var hearing) || hearing.Status != HearingStatus.Scheduled
                || !reminder.TargetKey.EndsWith($":v{hearing.Version}", StringComparison.Ordinal))
            {
                return ComposedReminder.Stale;
            }

            rendered = reminder.TargetKind == ReminderTargetKind.Hearing
                ? ReminderTemplates.Hearing(reminder.Language, new HearingReminderModel(firstName, hearing.LocalTime, hearing.TimeZoneId, hearing.CourtCode,
                    hearing.Location, hearing.Appearance, reminder.OffsetDays, reminder.RecipientKind == RecipientKind.Attorney ? @case.Reference : null))
                : DeadlineMessage(reminder, firstName, @case);
        }
        else
        {
            if (!judgeSet.Contains(reminder.TargetId))
            {
                return ComposedReminder.Stale;
            }

            rendered = DeadlineMessage(reminder, firstName, @case);
        }

        return new ComposedReminder(new OutgoingMessage(reminder.Id, reminder.Channel, to, rendered.Subject,
            ReminderTemplates.ForChannel(rendered, reminder.Channel), reminder.Language));
    }

    private static RenderedMessage DeadlineMessage(Reminder reminder, string firstName, Case @case) =>
        ReminderTemplates.Deadline(reminder.Language, new DeadlineReminderModel(firstName, @case.Reference, reminder.Label ?? "deadline",
            reminder.DueDate!.Value, reminder.OffsetDays));

    private static bool IsJudgeSet(Reminder reminder) =>
        reminder.TargetKind == ReminderTargetKind.Deadline && reminder.TargetKey.StartsWith("deadline:" + JudgeSetDeadline.RuleId, StringComparison.Ordinal);

    private static string FirstWord(string? names)
    {
        var first = names?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return string.IsNullOrEmpty(first) ? string.Empty : first;
    }
}
