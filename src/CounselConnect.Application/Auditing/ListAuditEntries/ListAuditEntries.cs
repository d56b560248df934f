using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Cases;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Auditing.ListAuditEntries;

/// <summary>
/// The caller's organisation's audit trail, newest first, filtered by time range, actor (user or client id),
/// action, field category and case (its reference or id: who read or changed this client's file). Entries hold ids
/// and categories only, never personal values; an entry about a case also names the case's reference.
/// </summary>
public sealed record ListAuditEntriesQuery(
    int Page = 1, int PageSize = 50, DateTime? FromUtc = null, DateTime? ToUtc = null, string? Actor = null, string? Action = null,
    string? Category = null, string? CaseReference = null, Guid? CaseId = null) : IQuery<PagedList<AuditEntryDto>>;

public sealed record AuditEntryDto(long Id, long Sequence, DateTime AtUtc, string Actor, string? ActorName, string Action, string EntityType,
    Guid? EntityId, string FieldCategory, string? Route, string? CaseReference = null);

public sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 1_000_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
        RuleFor(q => q.ToUtc).GreaterThanOrEqualTo(q => q.FromUtc).When(q => q.FromUtc.HasValue && q.ToUtc.HasValue)
            .WithMessage("'to' cannot be before 'from'.").OverridePropertyName("to");
        RuleFor(q => q.Actor).MaximumLength(128);
        RuleFor(q => q.Action).MaximumLength(64);
        RuleFor(q => q.Category).MaximumLength(64);
        RuleFor(q => q.CaseReference).Matches(CaseReferencePattern).WithMessage(CaseReferenceFormat)
            .When(q => !string.IsNullOrWhiteSpace(q.CaseReference));
    }

    /// <summary>A case reference as intake writes them (CC-2026-7KQ4M2), in any letter case.</summary>
    public const string CaseReferencePattern = "^\\s*[Cc][Cc]-[0-9]{4}-[A-Za-z0-9]{1,12}\\s*$";

    public const string CaseReferenceFormat = "A case reference is written like CC-2026-7KQ4M2.";
}

public sealed class ListAuditEntriesHandler(IApplicationDbContext db, ICurrentUser user, IUserAdministration users)
    : IQueryHandler<ListAuditEntriesQuery, PagedList<AuditEntryDto>>
{
    private const string CaseEntity = "Case";

    /// <summary>A time without an offset is read as UTC (the trail's times are UTC), whatever the server's own zone.</summary>
    private static DateTime AsUtc(DateTime value) =>
        value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();

    public async ValueTask<PagedList<AuditEntryDto>> Handle(ListAuditEntriesQuery query, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var entries = db.Set<AuditEntry>().AsNoTracking().Where(e => e.OrganisationId == organisationId);
        if (query.FromUtc is { } from)
        {
            var fromUtc = AsUtc(from);
            entries = entries.Where(e => e.AtUtc >= fromUtc);
        }

        if (query.ToUtc is { } to)
        {
            // A date without a time ("to=2026-12-03") means the whole of that day (UTC), not its first instant.
            if (to.Kind == DateTimeKind.Unspecified && to.TimeOfDay == TimeSpan.Zero)
            {
                var endUtc = AsUtc(to).AddDays(1);
                entries = entries.Where(e => e.AtUtc < endUtc);
            }
            else
            {
                var toUtc = AsUtc(to);
                entries = entries.Where(e => e.AtUtc <= toUtc);
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            entries = entries.Where(e => e.Actor == query.Actor);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            entries = entries.Where(e => e.FieldCategory == query.Category);
        }

        if (!string.IsNullOrWhiteSpace(query.CaseReference))
        {
            // An unknown reference (or another organisation's) matches no case, so no entries.
            var reference = query.CaseReference.Trim().ToUpperInvariant();
            var caseId = await db.Set<Case>().Where(c => c.OrganisationId == organisationId && c.Reference == reference)
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
            entries = entries.Where(e => e.EntityType == CaseEntity && e.EntityId == (caseId ?? Guid.Empty));
        }

        if (query.CaseId is { } id)
        {
            entries = entries.Where(e => e.EntityType == CaseEntity && e.EntityId == id);
        }

        var total = await entries.CountAsync(cancellationToken);
        // Newest first by row id: entries written in the last second are not chained yet (position 0).
        var page = await entries.OrderByDescending(e => e.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        var (staff, _) = await users.ListAsync(organisationId, 1, int.MaxValue, cancellationToken);
        var names = staff.ToDictionary(s => s.Id.ToString(), s => s.DisplayName, StringComparer.OrdinalIgnoreCase);
        var caseIds = page.Where(e => e.EntityType == CaseEntity && e.EntityId is not null).Select(e => e.EntityId!.Value).Distinct().ToList();
        Dictionary<Guid, string> references = caseIds.Count == 0 ? [] : await db.Set<Case>().AsNoTracking()
            .Where(c => c.OrganisationId == organisationId && caseIds.Contains(c.Id)).Select(c => new { c.Id, c.Reference })
            .ToDictionaryAsync(c => c.Id, c => c.Reference, cancellationToken);
        return new PagedList<AuditEntryDto>(
            [.. page.Select(e => new AuditEntryDto(e.Id, e.Sequence, e.AtUtc, e.Actor, names.GetValueOrDefault(e.Actor), e.Action, e.EntityType,
                e.EntityId, e.FieldCategory, e.Route,
                e.EntityType == CaseEntity && e.EntityId is { } entityId ? references.GetValueOrDefault(entityId) : null))],
            query.Page, query.PageSize, total);
    }
}
