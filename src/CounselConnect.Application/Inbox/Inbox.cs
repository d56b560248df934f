using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Matching;
using CounselConnect.Application.Matching.Proposals;
using CounselConnect.Application.Representatives;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Inbox;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Inbox;

/// <summary>An inbox item as its recipient sees it: the anonymised facts of disclosure step 1, nothing that identifies the client.</summary>
/// <param name="NextHearingTimeZone">
/// The court's IANA time zone of the next hearing (from the case's hearing record at that time), to show
/// <paramref name="NextHearingAtUtc"/> in the court's local time; null when no hearing record holds that time.
/// </param>
public sealed record InboxItemDto(
    Guid Id,
    Guid CaseId,
    IReadOnlyList<ReliefType> ReliefSought,
    string CourtCode,
    string? HearingLocation,
    CustodyStatus Custody,
    string PrimaryLanguage,
    bool InterpreterNeeded,
    DateTime? NextHearingAtUtc,
    string? NextHearingTimeZone,
    HearingType? NextHearingType,
    int EstimatedHours,
    int Urgency,
    int Score,
    DateTime CreatedAtUtc,
    DateTime? ReadAtUtc);

public sealed record InboxPageDto(IReadOnlyList<InboxItemDto> Items, int Page, int PageSize, int TotalCount, int UnreadCount);

/// <summary>The caller's inbox, newest first.</summary>
public sealed record ListMyInboxQuery(int Page = 1, int PageSize = 25) : IQuery<InboxPageDto>;

/// <summary>Marks one of the caller's inbox items read (404 for anyone else's).</summary>
public sealed record MarkInboxItemReadCommand(Guid Id) : ICommand<InboxItemDto>;

/// <summary>A case has become open to counsel: notify the representatives it matches. Sent by a background job with the case id only.</summary>
public sealed record NotifyMatchingRepresentativesCommand(Guid CaseId) : ICommand<int>;

/// <summary>Queues <see cref="NotifyMatchingRepresentativesCommand"/> in the background; ids only.</summary>
public interface IInboxJobQueue
{
    void NotifyCaseOpened(Guid caseId);
}

public sealed class ListMyInboxValidator : AbstractValidator<ListMyInboxQuery>
{
    public ListMyInboxValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, Paging.MaxPage);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class ListMyInboxHandler(IApplicationDbContext db, RepresentativeAccess access) : IQueryHandler<ListMyInboxQuery, InboxPageDto>
{
    public async ValueTask<InboxPageDto> Handle(ListMyInboxQuery query, CancellationToken cancellationToken)
    {
        var mine = await access.FindMineAsync(cancellationToken);
        if (mine is null)
        {
            return new InboxPageDto([], query.Page, query.PageSize, 0, 0);
        }

        var items = db.Set<InboxItem>().AsNoTracking().Where(i => i.RepresentativeId == mine.Id && i.OrganisationId == mine.OrganisationId);
        var total = await items.CountAsync(cancellationToken);
        var unread = await items.CountAsync(i => i.ReadAtUtc == null, cancellationToken);
        var page = await items.OrderByDescending(i => i.CreatedAtUtc).ThenByDescending(i => i.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return new InboxPageDto(await InboxMapping.ToDtosAsync(db, page, cancellationToken), query.Page, query.PageSize, total, unread);
    }
}

public sealed class MarkInboxItemReadHandler(IApplicationDbContext db, RepresentativeAccess access, TimeProvider clock)
    : ICommandHandler<MarkInboxItemReadCommand, InboxItemDto>
{
    public async ValueTask<InboxItemDto> Handle(MarkInboxItemReadCommand command, CancellationToken cancellationToken)
    {
        // Object-level check: only the recipient's own items exist for them; anyone else's is 404, as if absent.
        var mine = await access.FindMineAsync(cancellationToken) ?? throw new NotFoundException("Inbox item");
        var item = await db.Set<InboxItem>()
            .FirstOrDefaultAsync(i => i.Id == command.Id && i.RepresentativeId == mine.Id && i.OrganisationId == mine.OrganisationId, cancellationToken)
            ?? throw new NotFoundException("Inbox item");
        item.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return (await InboxMapping.ToDtosAsync(db, [item], cancellationToken))[0];
    }
}

/// <summary>
/// Who is told: every representative of the case's organisation who passes the ranking's hard constraints for it
/// (no conflict, may practise, capacity left, available, court or remote, docket), the same pairs batch placement
/// uses. Idempotent: one item per representative and opening of the case.
/// </summary>
public sealed class NotifyMatchingRepresentativesHandler(IApplicationDbContext db, PlacementPlanner planner, TimeProvider clock)
    : ICommandHandler<NotifyMatchingRepresentativesCommand, int>
{
    public async ValueTask<int> Handle(NotifyMatchingRepresentativesCommand command, CancellationToken cancellationToken)
    {
        var @case = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
        if (@case is null || @case.Status != CaseStatus.NeedsCounsel)
        {
            return 0;
        }

        var problem = await planner.BuildAsync(@case.OrganisationId, [@case.Id], null, tracking: false, cancellationToken);
        var already = (await db.Set<InboxItem>().AsNoTracking()
            .Where(i => i.CaseId == @case.Id && i.CaseOpenedAtUtc == @case.StatusChangedAtUtc)
            .Select(i => i.RepresentativeId).ToListAsync(cancellationToken)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var facts = MatchingData.ToMatchCase(@case);
        var hours = FitScorer.EstimatedHours(@case.ReliefSought, @case.Custody);
        var urgency = FitScorer.Urgency(facts, now);
        var added = 0;
        foreach (var edge in problem.Edges)
        {
            var representativeId = problem.Representatives[edge.Representative].Profile.Id;
            if (!already.Add(representativeId))
            {
                continue;
            }

            db.Set<InboxItem>().Add(new InboxItem(@case.OrganisationId, representativeId, @case.Id, @case.StatusChangedAtUtc, @case.ReliefSought,
                @case.CourtCode, @case.HearingLocation, @case.Custody, @case.PrimaryLanguage, @case.InterpreterNeeded, @case.NextHearingUtc,
                @case.NextHearingType, hours, urgency, edge.Score, now));
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return added;
    }
}

internal static class InboxMapping
{
    /// <summary>
    /// The items with the court's zone of each next hearing, from the case's hearing record at the time the item holds
    /// (one query). Any status: the item keeps the time it was sent with, and a hearing cancelled since was still in
    /// its court's zone; a hearing moved since no longer holds that time, and the item's time then shows in UTC.
    /// </summary>
    public static async Task<List<InboxItemDto>> ToDtosAsync(IApplicationDbContext db, IReadOnlyList<InboxItem> items, CancellationToken ct)
    {
        var ids = items.Where(i => i.NextHearingAtUtc is not null).Select(i => i.CaseId).Distinct().ToList();
        var zones = (ids.Count == 0 ? [] : await db.Set<Hearing>().AsNoTracking()
            .Where(h => ids.Contains(h.CaseId))
            .Select(h => new HearingZone(h.CaseId, h.ScheduledAtUtc, h.TimeZoneId))
            .ToListAsync(ct))
            .ToLookup(h => (h.CaseId, h.ScheduledAtUtc), h => h.TimeZoneId);
        return [.. items.Select(i => ToDto(i, i.NextHearingAtUtc is { } at ? zones[(i.CaseId, at)].FirstOrDefault() : null))];
    }

    private static InboxItemDto ToDto(InboxItem i, string? nextHearingTimeZone) => new(i.Id, i.CaseId, i.ReliefSought, i.CourtCode, i.HearingLocation,
        i.Custody, i.PrimaryLanguage, i.InterpreterNeeded, i.NextHearingAtUtc, nextHearingTimeZone, i.NextHearingType, i.EstimatedHours, i.Urgency,
        i.Score, i.CreatedAtUtc, i.ReadAtUtc);

    private sealed record HearingZone(Guid CaseId, DateTime ScheduledAtUtc, string TimeZoneId);
}
