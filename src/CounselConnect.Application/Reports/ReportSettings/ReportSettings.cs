using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Organisations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reports.ReportSettings;

/// <summary>
/// The organisation's report settings. <paramref name="SuppressionThreshold"/> is the organisation's own value
/// (null: none set), <paramref name="DefaultSuppressionThreshold"/> the configured default, and
/// <paramref name="EffectiveSuppressionThreshold"/> the one every report and export uses.
/// </summary>
public sealed record ReportSettingsDto(int? SuppressionThreshold, int DefaultSuppressionThreshold, int EffectiveSuppressionThreshold);

public sealed record GetReportSettingsQuery : IQuery<ReportSettingsDto>;

/// <summary>Sets the organisation's small-count suppression threshold (2 to 100); null returns to the default.</summary>
public sealed record SetReportSettingsCommand(int? SuppressionThreshold) : ICommand<ReportSettingsDto>;

public sealed class SetReportSettingsValidator : AbstractValidator<SetReportSettingsCommand>
{
    public SetReportSettingsValidator() =>
        RuleFor(c => c.SuppressionThreshold).InclusiveBetween(2, 100)
            .WithMessage("The suppression threshold is a whole number from 2 to 100, or null for the default.");
}

/// <summary>The suppression threshold in force for an organisation: its own setting, else the configured default.</summary>
public sealed class ReportThresholds(IApplicationDbContext db, ReportOptions options)
{
    public int Default => Math.Max(1, options.SuppressionThreshold);

    public async Task<ReportSettingsDto> SettingsAsync(Guid organisationId, CancellationToken ct)
    {
        var own = await db.Set<Organisation>().AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => o.ReportSuppressionThreshold).FirstOrDefaultAsync(ct);
        return new ReportSettingsDto(own, Default, own ?? Default);
    }

    public async Task<int> ForAsync(Guid organisationId, CancellationToken ct) =>
        (await SettingsAsync(organisationId, ct)).EffectiveSuppressionThreshold;
}

public sealed class GetReportSettingsHandler(ReportThresholds thresholds, ICurrentUser user)
    : IQueryHandler<GetReportSettingsQuery, ReportSettingsDto>
{
    public async ValueTask<ReportSettingsDto> Handle(GetReportSettingsQuery query, CancellationToken cancellationToken) =>
        await thresholds.SettingsAsync(user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation."),
            cancellationToken);
}

public sealed class SetReportSettingsHandler(IApplicationDbContext db, ReportThresholds thresholds, ICurrentUser user, IAuditTrail audit)
    : ICommandHandler<SetReportSettingsCommand, ReportSettingsDto>
{
    public async ValueTask<ReportSettingsDto> Handle(SetReportSettingsCommand command, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken)
            ?? throw new NotFoundException("Organisation");
        organisation.SetReportSuppressionThreshold(command.SuppressionThreshold);
        audit.Record("report.settings.update", "Organisation", organisationId, "suppression-threshold");
        await db.SaveChangesAsync(cancellationToken);
        return new ReportSettingsDto(organisation.ReportSuppressionThreshold, thresholds.Default,
            organisation.ReportSuppressionThreshold ?? thresholds.Default);
    }
}
