using CounselConnect.Application.Reminders.Planning;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.People;
using CounselConnect.Domain.Reminders;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reminders.Delivery;

/// <summary>
/// Looks up what a reminder needs at send time (so a changed address or name is used, and nothing personal sits in
/// the reminder row) and renders the template. Returns null for a reminder that is stale: its hearing was moved or
/// cancelled, its deadline removed, or the client withdrew consent to the channel.
/// </summary>
public sealed class ReminderMessageComposer(Common.Interfaces.IApplicationDbContext db, IReminderRecipientDirectory directory)
    : IReminderMessageComposer
{
    public async Task<OutgoingMessage?> ComposeAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var @case = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == reminder.CaseId, cancellationToken);
        if (@case is null)
        {
            return null;
        }

        string to;
        string firstName;
        if (reminder.RecipientKind == RecipientKind.Attorney)
        {
            var staff = await directory.FindStaffAsync(reminder.RecipientId, cancellationToken)
                ?? throw new NotificationDeliveryException("recipient-unknown", permanent: true);
            to = staff.Email;
            firstName = FirstWord(staff.DisplayName);
        }
        else
        {
            var contact = await db.Set<ClientContact>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == reminder.RecipientId, cancellationToken);
            if (contact is null || !ReminderPlan.ConsentedChannels(contact).Contains(reminder.Channel))
            {
                return null;
            }

            to = (reminder.Channel == ReminderChannel.Email ? contact.Email : contact.Phone)!;
            var client = await db.Set<Party>().AsNoTracking().Where(p => p.Id == @case.ClientPartyId).Select(p => p.GivenNames)
                .FirstOrDefaultAsync(cancellationToken);
            firstName = FirstWord(client);
        }

        RenderedMessage rendered;
        if (reminder.TargetKind == ReminderTargetKind.Hearing || !reminder.TargetKey.StartsWith("deadline:" + JudgeSetDeadline.RuleId, StringComparison.Ordinal))
        {
            var hearing = await db.Set<Hearing>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == reminder.TargetId, cancellationToken);
            if (hearing is null || hearing.Status != HearingStatus.Scheduled || !reminder.TargetKey.EndsWith($":v{hearing.Version}", StringComparison.Ordinal))
            {
                return null;
            }

            rendered = reminder.TargetKind == ReminderTargetKind.Hearing
                ? ReminderTemplates.Hearing(reminder.Language, new HearingReminderModel(firstName, hearing.LocalTime, hearing.TimeZoneId, hearing.CourtCode,
                    hearing.Location, hearing.Appearance, reminder.OffsetDays, reminder.RecipientKind == RecipientKind.Attorney ? @case.Reference : null))
                : ReminderTemplates.Deadline(reminder.Language, new DeadlineReminderModel(firstName, @case.Reference, reminder.Label ?? "deadline",
                    reminder.DueDate!.Value, reminder.OffsetDays));
        }
        else
        {
            var exists = await db.Set<JudgeSetDeadline>().AsNoTracking().AnyAsync(d => d.Id == reminder.TargetId, cancellationToken);
            if (!exists)
            {
                return null;
            }

            rendered = ReminderTemplates.Deadline(reminder.Language, new DeadlineReminderModel(firstName, @case.Reference, reminder.Label ?? "deadline",
                reminder.DueDate!.Value, reminder.OffsetDays));
        }

        return new OutgoingMessage(reminder.Id, reminder.Channel, to, rendered.Subject, ReminderTemplates.ForChannel(rendered, reminder.Channel),
            reminder.Language);
    }

    private static string FirstWord(string? names)
    {
        var first = names?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return string.IsNullOrEmpty(first) ? string.Empty : first;
    }
}
