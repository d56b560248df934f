using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.Organisations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Organisations;

/// <summary>
/// The settings of the caller's organisation that administrators change. A null threshold means the product default
/// (<see cref="MatchThresholds.Default"/>), which is returned beside it.
/// </summary>
public sealed record OrganisationSettingsDto(
    Guid Id,
    string Name,
    double? ConflictPotentialThreshold,
    double? ConflictLikelyThreshold,
    double DefaultConflictPotentialThreshold,
    double DefaultConflictLikelyThreshold);

public sealed record GetOrganisationSettingsQuery : IQuery<OrganisationSettingsDto>;

/// <summary>Sets the conflict-check thresholds (scores from 0 to 1); null returns a threshold to the product default.</summary>
public sealed record SetConflictThresholdsCommand(double? Potential, double? Likely) : ICommand<OrganisationSettingsDto>;

public sealed class SetConflictThresholdsValidator : AbstractValidator<SetConflictThresholdsCommand>
{
    public SetConflictThresholdsValidator()
    {
        RuleFor(c => c.Potential).InclusiveBetween(0, 1).When(c => c.Potential is not null)
            .WithMessage("The potential-match threshold is a score from 0 to 1.");
        RuleFor(c => c.Likely).InclusiveBetween(0, 1).When(c => c.Likely is not null)
            .WithMessage("The likely-match threshold is a score from 0 to 1.");
        RuleFor(c => c.Likely)
            .Must((c, likely) => (c.Potential ?? MatchThresholds.Default.Potential) <= (likely ?? MatchThresholds.Default.Likely))
            .When(c => c.Potential is null or (>= 0 and <= 1) && c.Likely is null or (>= 0 and <= 1))
            .WithMessage("The likely-match threshold cannot be below the potential-match threshold.");
    }
}

public sealed class OrganisationSettingsHandlers(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit)
    : IQueryHandler<GetOrganisationSettingsQuery, OrganisationSettingsDto>,
      ICommandHandler<SetConflictThresholdsCommand, OrganisationSettingsDto>
{
    public async ValueTask<OrganisationSettingsDto> Handle(GetOrganisationSettingsQuery query, CancellationToken cancellationToken) =>
        ToDto(await LoadAsync(tracking: false, cancellationToken));

    public async ValueTask<OrganisationSettingsDto> Handle(SetConflictThresholdsCommand command, CancellationToken cancellationToken)
    {
        var organisation = await LoadAsync(tracking: true, cancellationToken);
        organisation.SetConflictThresholds(command.Potential, command.Likely);
        audit.Record("organisation.conflict_thresholds", "Organisation", organisation.Id, "settings");
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(organisation);
    }

    private async Task<Organisation> LoadAsync(bool tracking, CancellationToken ct)
    {
        var id = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var query = db.Set<Organisation>().Where(o => o.Id == id);
        return await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Organisation");
    }

    private static OrganisationSettingsDto ToDto(Organisation o) => new(o.Id, o.Name, o.ConflictPotentialThreshold, o.ConflictLikelyThreshold,
        MatchThresholds.Default.Potential, MatchThresholds.Default.Likely);
}
