using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Common.Security;
using CounselConnect.Application.Intake;
using CounselConnect.Domain.Cases;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Privacy.BreakGlass;

/// <summary>
/// An administrator asks to open one client file for a while, saying why (audited, shown to program managers). The
/// case is named by its id or by its reference (CC-2026-000123).
/// </summary>
public sealed record RequestBreakGlassCommand(Guid? CaseId, string? Reason, int? Minutes, string? CaseReference = null) : ICommand<BreakGlassGrantDto>;

/// <summary>The organisation's break-glass grants, newest first (program managers and administrators).</summary>
public sealed record ListBreakGlassGrantsQuery(int Page = 1, int PageSize = 50) : IQuery<PagedList<BreakGlassGrantDto>>;

/// <summary>The client file behind a live grant of the caller's; every read is audited as a break-glass use.</summary>
public sealed record OpenBreakGlassCaseQuery(Guid CaseId) : IQuery<IntakeDto>;

public sealed record BreakGlassGrantDto(Guid Id, Guid CaseId, string CaseReference, string GrantedTo, string? GrantedToName, string Reason,
    DateTime GrantedAtUtc, DateTime ExpiresAtUtc, bool Live);

public sealed class RequestBreakGlassValidator : AbstractValidator<RequestBreakGlassCommand>
{
    public RequestBreakGlassValidator()
    {
        RuleFor(c => c.CaseId).NotNull().When(c => string.IsNullOrWhiteSpace(c.CaseReference)).WithMessage("Name the case (its id or reference).");
        RuleFor(c => c.CaseId).NotEqual(Guid.Empty);
        RuleFor(c => c.CaseReference).MaximumLength(32);
        RuleFor(c => c.Reason).NotEmpty()
            .Must(r => r is null || r.Trim().Length >= BreakGlassGrant.ReasonMinLength)
            .WithMessage($"Say why you need to open this client file (at least {BreakGlassGrant.ReasonMinLength} characters).")
            .MaximumLength(BreakGlassGrant.ReasonMaxLength);
        RuleFor(c => c.Minutes).InclusiveBetween(1, BreakGlassGrant.MaxMinutes);
    }
}

public sealed class ListBreakGlassGrantsValidator : AbstractValidator<ListBreakGlassGrantsQuery>
{
    public ListBreakGlassGrantsValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, Paging.MaxPage);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
    }
}

public sealed class BreakGlassHandlers(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, IntakeAccess access,
    IUserAdministration users, TimeProvider clock)
    : ICommandHandler<RequestBreakGlassCommand, BreakGlassGrantDto>,
      IQueryHandler<ListBreakGlassGrantsQuery, PagedList<BreakGlassGrantDto>>,
      IQueryHandler<OpenBreakGlassCaseQuery, IntakeDto>
{
    public async ValueTask<BreakGlassGrantDto> Handle(RequestBreakGlassCommand command, CancellationToken cancellationToken)
    {
        var (organisationId, subject) = RequireAdministrator();
        var cases = db.Set<Case>().Where(c => c.OrganisationId == organisationId);
        var wanted = command.CaseReference?.Trim().ToUpperInvariant();
        cases = command.CaseId is { } id ? cases.Where(c => c.Id == id) : cases.Where(c => c.Reference == wanted);
        var found = await cases.Select(c => new { c.Id, c.Reference }).FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Case");
        var (caseId, reference) = (found.Id, found.Reference);
        var now = clock.GetUtcNow().UtcDateTime;
        var grant = new BreakGlassGrant(organisationId, caseId, subject, command.Reason!, command.Minutes ?? BreakGlassGrant.DefaultMinutes, now);
        db.Set<BreakGlassGrant>().Add(grant);
        audit.Record("break_glass.grant", "Case", caseId, "break-glass");
        await db.SaveChangesAsync(cancellationToken);
        return new BreakGlassGrantDto(grant.Id, caseId, reference, subject, user.DisplayName, grant.Reason, grant.GrantedAtUtc, grant.ExpiresAtUtc, true);
    }

    public async ValueTask<PagedList<BreakGlassGrantDto>> Handle(ListBreakGlassGrantsQuery query, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var grants = db.Set<BreakGlassGrant>().AsNoTracking().Where(g => g.OrganisationId == organisationId);
        var total = await grants.CountAsync(cancellationToken);
        var page = await (from g in grants
                          join c in db.Set<Case>() on g.CaseId equals c.Id
                          orderby g.GrantedAtUtc descending, g.Id descending
                          select new { Grant = g, c.Reference })
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        var (staff, _) = await users.ListAsync(organisationId, 1, int.MaxValue, cancellationToken);
        var names = staff.ToDictionary(s => s.Id.ToString(), s => s.DisplayName, StringComparer.OrdinalIgnoreCase);
        var now = clock.GetUtcNow().UtcDateTime;
        return new PagedList<BreakGlassGrantDto>(
            [.. page.Select(p => new BreakGlassGrantDto(p.Grant.Id, p.Grant.CaseId, p.Reference, p.Grant.GrantedTo, names.GetValueOrDefault(p.Grant.GrantedTo),
                p.Grant.Reason, p.Grant.GrantedAtUtc, p.Grant.ExpiresAtUtc, p.Grant.IsLiveAt(now)))],
            query.Page, query.PageSize, total);
    }

    public async ValueTask<IntakeDto> Handle(OpenBreakGlassCaseQuery query, CancellationToken cancellationToken)
    {
        RequireAdministrator();
        // The object-level check: for an administrator, IntakeAccess shows only cases with a live grant of theirs.
        var @case = await access.GetCaseAsync(query.CaseId, cancellationToken);
        return await access.ReadAsync(@case, cancellationToken, "break_glass.read");
    }

    private (Guid OrganisationId, string Subject) RequireAdministrator()
    {
        if (user.IsClient || !user.IsInRole(Roles.Administrator) || user.Subject is not { } subject)
        {
            throw new ForbiddenAccessException("Break-glass access is for administrators.");
        }

        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        return (organisationId, subject);
    }
}
