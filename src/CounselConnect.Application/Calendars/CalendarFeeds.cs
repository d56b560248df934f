using System.Security.Cryptography;
using System.Text;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Assignments;
using CounselConnect.Application.Hearings;
using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Calendars;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Representatives;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CounselConnect.Application.Calendars;

/// <summary>Creates (or replaces) the caller's secret calendar link; the secret is shown once.</summary>
public sealed record CreateCalendarFeedCommand : ICommand<CalendarFeedLink>;

/// <summary>Revokes the caller's calendar link.</summary>
public sealed record RevokeCalendarFeedCommand : ICommand<Unit>;

/// <summary>The iCalendar text of the feed behind a secret, or not found.</summary>
public sealed record GetCalendarFeedQuery(string Secret) : IQuery<string>;

public sealed record CalendarFeedLink(string Path, DateTime CreatedAtUtc);

public sealed class CalendarFeedHandlers(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<ReminderOptions> reminderOptions)
    : ICommandHandler<CreateCalendarFeedCommand, CalendarFeedLink>,
      ICommandHandler<RevokeCalendarFeedCommand, Unit>,
      IQueryHandler<GetCalendarFeedQuery, string>
{
    public async ValueTask<CalendarFeedLink> Handle(CreateCalendarFeedCommand command, CancellationToken cancellationToken)
    {
        var (organisationId, subject) = Caller();
        var now = clock.GetUtcNow().UtcDateTime;
        await RevokeAllAsync(subject, now, cancellationToken);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var feed = new CalendarFeed(organisationId, subject, Hash(secret), now);
        db.Set<CalendarFeed>().Add(feed);
        await db.SaveChangesAsync(cancellationToken);
        return new CalendarFeedLink($"/calendar/{secret}.ics", now);
    }

    public async ValueTask<Unit> Handle(RevokeCalendarFeedCommand command, CancellationToken cancellationToken)
    {
        var (_, subject) = Caller();
        await RevokeAllAsync(subject, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async ValueTask<string> Handle(GetCalendarFeedQuery query, CancellationToken cancellationToken)
    {
        var hash = Hash(query.Secret);
        var feed = await db.Set<CalendarFeed>().AsNoTracking()
            .FirstOrDefaultAsync(f => f.TokenHash == hash && f.RevokedAtUtc == null, cancellationToken)
            ?? throw new NotFoundException("Calendar");

        var representativeIds = db.Set<RepresentativeProfile>()
            .Where(r => r.UserSubject == feed.UserSubject && r.OrganisationId == feed.OrganisationId).Select(r => r.Id);
        var caseIds = await db.Set<Assignment>().Where(a => a.EndedAtUtc == null && representativeIds.Contains(a.RepresentativeId))
            .Select(a => a.CaseId).Distinct().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-30);
        var cases = await db.Set<Case>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var scheduled = await db.Set<Hearing>().AsNoTracking()
            .Where(h => caseIds.Contains(h.CaseId) && h.Status == HearingStatus.Scheduled)
            .ToListAsync(cancellationToken);
        var judgeSet = await db.Set<JudgeSetDeadline>().AsNoTracking().Where(d => caseIds.Contains(d.CaseId)).ToListAsync(cancellationToken);

        var calendar = new Calendar { ProductId = "-//CounselConnect//Hearings//EN" };
        calendar.AddProperty("X-WR-CALNAME", "CounselConnect hearings and deadlines");
        foreach (var h in scheduled.Where(h => h.ScheduledAtUtc >= since).OrderBy(h => h.ScheduledAtUtc))
        {
            // The case reference, never the client's name: a calendar app is not a safe place for it.
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"hearing-{h.Id}@counselconnect",
                Sequence = h.Version,
                Summary = $"{Describe(h.Type)} hearing, case {cases[h.CaseId].Reference}",
                Start = new CalDateTime(DateTime.SpecifyKind(h.ScheduledAtUtc, DateTimeKind.Utc)),
                End = new CalDateTime(DateTime.SpecifyKind(h.ScheduledAtUtc, DateTimeKind.Utc).AddHours(1)),
                Location = string.IsNullOrWhiteSpace(h.Location) ? $"Immigration court {h.CourtCode}" : $"{h.Location} (court {h.CourtCode})",
                Description = $"Appearance: {h.Appearance}." + (h.InterpreterLanguage is null ? string.Empty : $" Interpreter: {h.InterpreterLanguage}."),
            });
        }

        // Deadlines as all-day events on their due date (after the weekend and holiday roll), from the same engine as
        // the case's deadlines view. The UID is the reminder target key, which changes when the hearing is rescheduled.
        var sinceDate = DateOnly.FromDateTime(since);
        foreach (var (caseId, @case) in cases)
        {
            var deadlines = CaseDeadlines.Compute(@case, scheduled.Where(h => h.CaseId == caseId), judgeSet.Where(d => d.CaseId == caseId), now,
                reminderOptions.Value.DefaultTimeZone);
            foreach (var d in deadlines.Where(d => d.Deadline.DueDate >= sinceDate))
            {
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"{d.TargetKey.Replace(':', '-')}@counselconnect",
                    Summary = $"Deadline: {d.Deadline.RuleName}, case {@case.Reference}",
                    Start = new CalDateTime(d.Deadline.DueDate),
                    End = new CalDateTime(d.Deadline.DueDate.AddDays(1)),
                    Description = d.Deadline.Explanation,
                });
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    private (Guid OrganisationId, string Subject) Caller() =>
        (user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation."),
         user.IsClient || user.Subject is null ? throw new ForbiddenAccessException("A calendar link belongs to a person, not an integration.") : user.Subject);

    private async Task RevokeAllAsync(string subject, DateTime now, CancellationToken ct)
    {
        foreach (var feed in await db.Set<CalendarFeed>().Where(f => f.UserSubject == subject && f.RevokedAtUtc == null).ToListAsync(ct))
        {
            feed.Revoke(now);
        }
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Describe(Domain.Cases.HearingType type) => type switch
    {
        Domain.Cases.HearingType.MasterCalendar => "Master calendar",
        Domain.Cases.HearingType.Individual => "Individual",
        _ => "Bond",
    };
}
