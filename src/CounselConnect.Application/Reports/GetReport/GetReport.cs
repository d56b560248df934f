using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Reports.ReportSettings;
using FluentValidation;
using Mediator;

namespace CounselConnect.Application.Reports.GetReport;

/// <summary>
/// One report for the caller's organisation. <paramref name="Export"/> marks a download (CSV): every export is
/// recorded in the audit trail as <c>report.export</c>.
/// </summary>
public sealed record GetReportQuery(ReportKind Kind, string? Dimension, DateOnly? From, DateOnly? To, bool Export) : IQuery<ReportTable>;

public sealed class GetReportValidator : AbstractValidator<GetReportQuery>
{
    public GetReportValidator()
    {
        RuleFor(q => q.Kind).IsInEnum();
        RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || q.From <= to)
            .WithMessage("The period's end (to) cannot be before its start (from).");
        When(q => q.Kind == ReportKind.SuccessRate, () =>
            RuleFor(q => q.Dimension).Must(d => d is null || ReportDimensions.TryParse(d, out _))
                .WithMessage("Choose a dimension: custody, relief, court, language, nationality or representative_type."));
        When(q => q.Kind != ReportKind.SuccessRate, () =>
            RuleFor(q => q.Dimension).Null().WithMessage("Only the success rate is broken down by a dimension."));
    }
}

public static class ReportDimensions
{
    public static bool TryParse(string value, out ReportDimension dimension)
    {
        foreach (var d in Enum.GetValues<ReportDimension>())
        {
            if (string.Equals(ReportBuilder.KeyOf<ReportDimension>(d), value, StringComparison.OrdinalIgnoreCase))
            {
                dimension = d;
                return true;
            }
        }

        dimension = default;
        return false;
    }
}

public sealed class GetReportHandler(ReportBuilder reports, ReportThresholds thresholds, ICurrentUser user, IAuditTrail audit, IApplicationDbContext db)
    : IQueryHandler<GetReportQuery, ReportTable>
{
    public async ValueTask<ReportTable> Handle(GetReportQuery query, CancellationToken cancellationToken)
    {
        var org = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var threshold = await thresholds.ForAsync(org, cancellationToken);
        var (from, to) = (query.From, query.To);
        var table = query.Kind switch
        {
            ReportKind.RepresentationRate => await reports.RepresentationRateAsync(org, from, to, threshold, cancellationToken),
            ReportKind.TimeToCounsel => await reports.TimeToCounselAsync(org, from, to, threshold, cancellationToken),
            ReportKind.SuccessRate => await reports.SuccessRateAsync(org,
                query.Dimension is { } d && ReportDimensions.TryParse(d, out var dimension) ? dimension : ReportDimension.Custody,
                from, to, threshold, cancellationToken),
            ReportKind.Caseload => await reports.CaseloadAsync(org, from, to, threshold, cancellationToken),
            ReportKind.FunderClosingCodes => await reports.FunderClosingCodesAsync(org, from, to, threshold, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(query)),
        };

        if (query.Export)
        {
            audit.Record("report.export", "Report", null, table.Report);
            await db.SaveChangesAsync(cancellationToken);
        }

        return table;
    }
}
