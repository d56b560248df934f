using System.Text;
using CounselConnect.Application.Reports;
using CounselConnect.Application.Reports.GetReport;
using CounselConnect.Application.Reports.ReportSettings;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>
/// Outcome statistics for program managers and funders: aggregates only, small counts suppressed. Each report is
/// JSON, or CSV with <c>?format=csv</c> or <c>Accept: text/csv</c> (every CSV export is audited).
/// </summary>
public sealed class Reports : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.ProgramManager).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/representation-rate", (HttpContext http, ISender sender, CancellationToken ct, DateOnly? from = null, DateOnly? to = null,
                string? format = null) => Run(http, sender, ReportKind.RepresentationRate, null, from, to, format, ct))
            .WithName("ReportRepresentationRate").WithSummary("Represented and unrepresented cases by custody (intake in the period)");
        group.MapGet("/time-to-counsel", (HttpContext http, ISender sender, CancellationToken ct, DateOnly? from = null, DateOnly? to = null,
                string? format = null) => Run(http, sender, ReportKind.TimeToCounsel, null, from, to, format, ct))
            .WithName("ReportTimeToCounsel").WithSummary("Median and 90th percentile of days from intake to counsel, by custody");
        group.MapGet("/success-rate", (HttpContext http, ISender sender, CancellationToken ct, string dimension = "custody",
                DateOnly? from = null, DateOnly? to = null, string? format = null) =>
                Run(http, sender, ReportKind.SuccessRate, dimension, from, to, format, ct))
            .WithName("ReportSuccessRate")
            .WithSummary("Allowed to stay vs ordered to leave (TRAC grouping) by custody, relief, court, language, nationality or representative type");
        group.MapGet("/caseload", (HttpContext http, ISender sender, CancellationToken ct, DateOnly? from = null, DateOnly? to = null,
                string? format = null) => Run(http, sender, ReportKind.Caseload, null, from, to, format, ct))
            .WithName("ReportCaseload").WithSummary("Cases held per attorney (by user id) in the period: open and decided");
        group.MapGet("/funder-closing-codes", (HttpContext http, ISender sender, CancellationToken ct, DateOnly? from = null,
                DateOnly? to = null, string? format = null) => Run(http, sender, ReportKind.FunderClosingCodes, null, from, to, format, ct))
            .WithName("ReportFunderClosingCodes").WithSummary("Decided cases per funding source by LSC closing code");

        var settings = app.MapGroup("/api/v1/reports/settings").WithTags("Reports").RequireAuthorization(Policies.ReportSettings).NoStore()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        settings.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetReportSettingsQuery(), ct)))
            .WithName("GetReportSettings").WithSummary("The organisation's small-count suppression threshold (its own, the default, the one in force)");
        settings.MapPut("/", async (ReportSettingsRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetReportSettingsCommand(request.SuppressionThreshold), ct)))
            .WithName("SetReportSettings").WithSummary("Set the organisation's suppression threshold (2 to 100; null for the default)")
            .ProducesValidationProblem();
    }

    public sealed record ReportSettingsRequest(int? SuppressionThreshold);

    private static async Task<Results<Ok<ReportTable>, FileContentHttpResult, ValidationProblem>> Run(HttpContext http, ISender sender,
        ReportKind kind, string? dimension, DateOnly? from, DateOnly? to, string? format, CancellationToken ct)
    {
        if (format is not (null or "json" or "csv"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Use format=json or format=csv."] },
                detail: "Nothing was produced. Correct the fields listed in 'errors' and send the request again.", title: "One or more fields are invalid");
        }

        var csv = format == "csv" || (format is null && http.Request.GetTypedHeaders().Accept
            .Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)));
        var table = await sender.Send(new GetReportQuery(kind, dimension, from, to, csv), ct);
        if (!csv)
        {
            return TypedResults.Ok(table);
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(ReportCsv.Write(table)), "text/csv; charset=utf-8", ReportCsv.FileName(table));
    }
}
