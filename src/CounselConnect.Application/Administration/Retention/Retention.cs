using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.Retention;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CounselConnect.Application.Administration.Retention;

/// <summary>Deployment default for organisations that set no retention period of their own.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days client data is kept after closing when the organisation sets none; null keeps it until one is set.</summary>
    public int? DefaultDaysAfterClosing { get; set; } = 2557;
}

/// <summary>Finds the cases past retention and erases them (destroys their data keys, blanks free-text notes).</summary>
public interface IRetentionPurge
{
    /// <summary>Erases every case past its organisation's retention period that has no legal hold in force; returns the case ids.</summary>
    Task<IReadOnlyList<Guid>> PurgeDueAsync(CancellationToken ct);
}

public sealed record RetentionSettingsDto(int? DaysAfterClosing, int? DefaultDaysAfterClosing, int? EffectiveDaysAfterClosing);

public sealed record LegalHoldDto(Guid Id, Guid CaseId, string Reason, string PlacedBy, DateTime PlacedAtUtc, string? ReleasedBy, DateTime? ReleasedAtUtc)
{
    public static LegalHoldDto From(LegalHold h) => new(h.Id, h.CaseId, h.Reason, h.PlacedBy, h.PlacedAtUtc, h.ReleasedBy, h.ReleasedAtUtc);
}

public sealed record GetRetentionQuery : IQuery<RetentionSettingsDto>;

/// <summary>Sets the organisation's retention period after closing; null returns to the deployment default.</summary>
public sealed record SetRetentionCommand(int? DaysAfterClosing) : ICommand<RetentionSettingsDto>;

public sealed record PlaceLegalHoldCommand(Guid CaseId, string? Reason) : ICommand<LegalHoldDto>;

public sealed record ReleaseLegalHoldCommand(Guid CaseId) : ICommand<LegalHoldDto>;

/// <summary>The recurring purge (the job sends this; it carries no data).</summary>
public sealed record PurgeExpiredCasesCommand : ICommand<int>;

public sealed class SetRetentionValidator : AbstractValidator<SetRetentionCommand>
{
    public SetRetentionValidator() => RuleFor(c => c.DaysAfterClosing).InclusiveBetween(1, Organisation.MaxRetentionDays);
}

public sealed class PlaceLegalHoldValidator : AbstractValidator<PlaceLegalHoldCommand>
{
    public PlaceLegalHoldValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(LegalHold.ReasonMaxLength);
}

public sealed class RetentionHandlers(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, IOptions<RetentionOptions> options, TimeProvider clock)
    : IQueryHandler<GetRetentionQuery, RetentionSettingsDto>,
      ICommandHandler<SetRetentionCommand, RetentionSettingsDto>,
      ICommandHandler<PlaceLegalHoldCommand, LegalHoldDto>,
      ICommandHandler<ReleaseLegalHoldCommand, LegalHoldDto>
{
    private Guid OrganisationId => user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");

    public async ValueTask<RetentionSettingsDto> Handle(GetRetentionQuery query, CancellationToken cancellationToken) =>
        Settings(await OrganisationAsync(cancellationToken));

    public async ValueTask<RetentionSettingsDto> Handle(SetRetentionCommand command, CancellationToken cancellationToken)
    {
        var organisation = await OrganisationAsync(cancellationToken);
        organisation.SetRetention(command.DaysAfterClosing);
        audit.Record("retention.settings.update", "Organisation", organisation.Id, "retention");
        await db.SaveChangesAsync(cancellationToken);
        return Settings(organisation);
    }

    public async ValueTask<LegalHoldDto> Handle(PlaceLegalHoldCommand command, CancellationToken cancellationToken)
    {
        var organisationId = OrganisationId;
        if (!await db.Set<Case>().AnyAsync(c => c.Id == command.CaseId && c.OrganisationId == organisationId, cancellationToken))
        {
            throw new NotFoundException("Case");
        }

        if (await ActiveHold(command.CaseId, organisationId).AnyAsync(cancellationToken))
        {
            throw new Domain.Common.BusinessRuleException("LegalHoldInForce", "This case is already on legal hold.");
        }

        var hold = new LegalHold(command.CaseId, organisationId, command.Reason!, user.Subject ?? "unknown", clock.GetUtcNow().UtcDateTime);
        db.Set<LegalHold>().Add(hold);
        audit.Record("retention.legal-hold.place", "Case", command.CaseId, "retention");
        await db.SaveChangesAsync(cancellationToken);
        return LegalHoldDto.From(hold);
    }

    public async ValueTask<LegalHoldDto> Handle(ReleaseLegalHoldCommand command, CancellationToken cancellationToken)
    {
        var hold = await ActiveHold(command.CaseId, OrganisationId).FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Legal hold");
        hold.Release(user.Subject ?? "unknown", clock.GetUtcNow().UtcDateTime);
        audit.Record("retention.legal-hold.release", "Case", command.CaseId, "retention");
        await db.SaveChangesAsync(cancellationToken);
        return LegalHoldDto.From(hold);
    }

    private IQueryable<LegalHold> ActiveHold(Guid caseId, Guid organisationId) =>
        db.Set<LegalHold>().Where(h => h.CaseId == caseId && h.OrganisationId == organisationId && h.ReleasedAtUtc == null);

    private async Task<Organisation> OrganisationAsync(CancellationToken ct)
    {
        var organisationId = OrganisationId;
        return await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == organisationId, ct) ?? throw new NotFoundException("Organisation");
    }

    private RetentionSettingsDto Settings(Organisation organisation) => new(organisation.RetentionDaysAfterClosing, options.Value.DefaultDaysAfterClosing,
        organisation.RetentionDaysAfterClosing ?? options.Value.DefaultDaysAfterClosing);
}

public sealed class PurgeExpiredCasesHandler(IRetentionPurge purge) : ICommandHandler<PurgeExpiredCasesCommand, int>
{
    public async ValueTask<int> Handle(PurgeExpiredCasesCommand command, CancellationToken cancellationToken) =>
        (await purge.PurgeDueAsync(cancellationToken)).Count;
}
