using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Matching;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Opportunities.ListOpportunities;

/// <summary>Disclosure step 1: cases that need counsel, anonymised (no names, A-numbers, birth dates or references).</summary>
public sealed record ListOpportunitiesQuery(
    string? Court = null,
    string? Language = null,
    ReliefType? Relief = null,
    CustodyStatus? Custody = null,
    string Sort = "urgency",
    int Page = 1,
    int PageSize = 25) : IQuery<PagedList<OpportunityDto>>;

/// <param name="NextHearingTimeZone">
/// The court's IANA time zone of the next hearing (from its scheduled hearing record), to show <paramref name="NextHearingAtUtc"/>
/// in the court's local time; null when no scheduled hearing record holds that time.
/// </param>
public sealed record OpportunityDto(
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
    int? DaysToNextHearing,
    DateOnly? FilingDeadline,
    int EstimatedHours,
    int Urgency,
    DateTime NeedsCounselSinceUtc);

public sealed class ListOpportunitiesValidator : AbstractValidator<ListOpportunitiesQuery>
{
    public static readonly string[] Sorts = ["urgency", "-urgency", "newest", "oldest", "hours", "-hours"];

    public ListOpportunitiesValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, Paging.MaxPage);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
        RuleFor(q => q.Sort).Must(s => Sorts.Contains(s)).WithMessage($"Sort by one of: {string.Join(", ", Sorts)}.");
        RuleFor(q => q.Relief).IsInEnum();
        RuleFor(q => q.Custody).IsInEnum();
        RuleFor(q => q.Court).MaximumLength(16);
        RuleFor(q => q.Language).MaximumLength(3);
    }
}

public sealed class ListOpportunitiesHandler(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, TimeProvider clock)
    : IQueryHandler<ListOpportunitiesQuery, PagedList<OpportunityDto>>
{
    private static readonly DeadlineCalculator Deadlines = new();

    public async ValueTask<PagedList<OpportunityDto>> Handle(ListOpportunitiesQuery query, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var cases = db.Set<Case>().AsNoTracking().Where(c => c.OrganisationId == organisationId && c.Status == CaseStatus.NeedsCounsel);
        if (!string.IsNullOrWhiteSpace(query.Court))
        {
            var court = query.Court.Trim().ToUpperInvariant();
            cases = cases.Where(c => c.CourtCode == court);
        }

        if (!string.IsNullOrWhiteSpace(query.Language))
        {
            var language = query.Language.Trim().ToLowerInvariant();
            cases = cases.Where(c => c.PrimaryLanguage == language);
        }

        if (query.Custody is { } custody)
        {
            cases = cases.Where(c => c.Custody == custody);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var rows = (await cases.Select(c => new
        {
            c.Id, c.ReliefSought, c.CourtCode, c.HearingLocation, c.Custody, c.PrimaryLanguage, c.InterpreterNeeded,
            c.NextHearingUtc, c.NextHearingType, c.StatusChangedAtUtc,
        }).ToListAsync(cancellationToken))
            .Where(c => query.Relief is not { } relief || c.ReliefSought.Contains(relief))
            .Select(c =>
            {
                var facts = new MatchCase(c.Id, c.CourtCode, c.Custody, c.PrimaryLanguage, c.ReliefSought, c.NextHearingUtc);
                // The filing deadline is worked out for the page's rows only, once the court's zone is known.
                return new OpportunityDto(c.Id, c.ReliefSought, c.CourtCode, c.HearingLocation, c.Custody, c.PrimaryLanguage,
                    c.InterpreterNeeded, c.NextHearingUtc, null, c.NextHearingType, FitScorer.DaysToHearing(facts, now),
                    null, FitScorer.EstimatedHours(c.ReliefSought, c.Custody),
                    FitScorer.Urgency(facts, now), c.StatusChangedAtUtc);
            });
        IOrderedEnumerable<OpportunityDto> sorted = query.Sort switch
        {
            "-urgency" => rows.OrderBy(o => o.NextHearingAtUtc is null).ThenByDescending(o => o.NextHearingAtUtc),
            "newest" => rows.OrderByDescending(o => o.NeedsCounselSinceUtc),
            "oldest" => rows.OrderBy(o => o.NeedsCounselSinceUtc),
            "hours" => rows.OrderBy(o => o.EstimatedHours),
            "-hours" => rows.OrderByDescending(o => o.EstimatedHours),
            _ => rows.OrderBy(o => o.NextHearingAtUtc is null).ThenBy(o => o.NextHearingAtUtc),
        };
        var list = sorted.ThenBy(o => o.CaseId).ToList();
        var page = await WithTimeZonesAsync([.. list.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)], cancellationToken);
        audit.Record("opportunities.list", "Case", null, "anonymised");
        await db.SaveChangesAsync(cancellationToken);
        return new PagedList<OpportunityDto>(page, query.Page, query.PageSize, list.Count);
    }

    /// <summary>
    /// The court's zone of each next hearing on the page, from the case's scheduled hearing at that time (one query), and
    /// the filing deadline counted from the hearing's day in that zone (a hearing at 19:00 in Los Angeles is on the
    /// next day in UTC).
    /// </summary>
    private async Task<List<OpportunityDto>> WithTimeZonesAsync(List<OpportunityDto> page, CancellationToken ct)
    {
        var ids = page.Where(o => o.NextHearingAtUtc is not null).Select(o => o.CaseId).ToList();
        if (ids.Count == 0)
        {
            return page;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        var zones = (await db.Set<Hearing>().AsNoTracking()
            .Where(h => ids.Contains(h.CaseId) && h.Status == HearingStatus.Scheduled)
            .Select(h => new { h.CaseId, h.ScheduledAtUtc, h.TimeZoneId })
            .ToListAsync(ct))
            .ToLookup(h => (h.CaseId, h.ScheduledAtUtc), h => h.TimeZoneId);
        return [.. page.Select(o =>
        {
            if (o.NextHearingAtUtc is not { } at)
            {
                return o;
            }

            var zone = zones[(o.CaseId, at)].FirstOrDefault();
            return o with { NextHearingTimeZone = zone, FilingDeadline = FilingDeadline(o.Custody, CourtDay(at, zone), o.NextHearingType, today) };
        })];
    }

    /// <summary>The hearing's day in the court's zone; its UTC day when the zone is not known.</summary>
    private static DateOnly CourtDay(DateTime hearingUtc, string? timeZoneId)
    {
        var utc = DateTime.SpecifyKind(hearingUtc, DateTimeKind.Utc);
        return DateOnly.FromDateTime(timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone)
            ? TimeZoneInfo.ConvertTimeFromUtc(utc, zone)
            : utc);
    }

    /// <summary>Non-detained filing deadline before the next hearing (detained deadlines are set by the judge: none shown).</summary>
    private static DateOnly? FilingDeadline(CustodyStatus custody, DateOnly hearingDay, HearingType? type, DateOnly today)
    {
        if (custody == CustodyStatus.Detained)
        {
            return null;
        }

        var rule = type switch
        {
            HearingType.MasterCalendar => EoirDeadlineRules.MasterCalendarFilingId,
            HearingType.Individual => EoirDeadlineRules.IndividualHearingFilingId,
            _ => null,
        };
        return rule is null ? null : Deadlines.Compute(rule, hearingDay, today)?.DueDate;
    }
}
