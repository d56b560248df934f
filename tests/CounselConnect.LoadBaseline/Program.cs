using System.Text.Json.Serialization;
using CounselConnect.Application;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts.RunConflictCheck;
using CounselConnect.Application.Intake.ListIntakes;
using CounselConnect.Application.Intake.SubmitIntake;
using CounselConnect.Application.Matching.RankAttorneys;
using CounselConnect.Application.Reports;
using CounselConnect.Application.Reports.GetReport;
using CounselConnect.Infrastructure;
using Microsoft.AspNetCore.Http.Json;

// The bare baseline for tests/bench/load.sh. The same routes as the service, answered by the same Application
// handlers against the same database, with nothing in front of them: no authentication or authorization, no
// validation behaviour, no mediator, no audit entries, no rate limiter, no ProblemDetails or status-code pages,
// no security headers. Every request acts as the demo command-line client of the first organisation.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Configuration["Hangfire:ServerEnabled"] = "false";
builder.Configuration["Seed:Demo"] = "false";
builder.Configuration["Database:MigrateOnStartup"] = "false"; // the service has migrated the database
builder.Configuration["Auditing:ChainerEnabled"] = "false"; // the service links its own audit entries (ADR 0015)
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddScoped<ICurrentUser, BaselineUser>();
builder.Services.AddScoped<IAuditTrail, NoAudit>();
builder.Services.Configure<JsonOptions>(o =>
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower)));

var app = builder.Build();
// The organisation the service's token acts for (tests/bench/load.sh reads it from GET /api/v1/me).
BaselineUser.Organisation = Guid.Parse(app.Configuration["Baseline:Organisation"]
    ?? throw new InvalidOperationException("Set Baseline:Organisation to the organisation id."), System.Globalization.CultureInfo.InvariantCulture);

app.MapGet("/health/live", () => "Healthy");
app.MapPost("/api/v1/intakes", async (SubmitIntakeCommand command, IServiceProvider sp, CancellationToken ct) =>
    Results.Json(await Handler<SubmitIntakeHandler>(sp).Handle(command, ct), statusCode: StatusCodes.Status201Created));
app.MapGet("/api/v1/intakes", async (IServiceProvider sp, CancellationToken ct, int page = 1, int pageSize = 25) =>
    Results.Json(await Handler<ListIntakesHandler>(sp).Handle(new ListIntakesQuery(null, page, pageSize), ct)));
app.MapPost("/api/v1/conflict-checks", async (RunConflictCheckCommand command, IServiceProvider sp, CancellationToken ct) =>
    Results.Json(await Handler<RunConflictCheckHandler>(sp).Handle(command, ct)));
app.MapGet("/api/v1/cases/{caseId:guid}/attorney-matches", async (Guid caseId, IServiceProvider sp, CancellationToken ct, int limit = 50) =>
    Results.Json(await Handler<RankAttorneysHandler>(sp).Handle(new RankAttorneysQuery(caseId, false, limit), ct)));
app.MapGet("/api/v1/reports/success-rate", async (IServiceProvider sp, CancellationToken ct, string dimension = "custody") =>
    Results.Json(await Handler<GetReportHandler>(sp).Handle(new GetReportQuery(ReportKind.SuccessRate, dimension, null, null, false), ct)));
await app.RunAsync();

static T Handler<T>(IServiceProvider sp) where T : class => ActivatorUtilities.CreateInstance<T>(sp);

internal sealed class BaselineUser : ICurrentUser
{
    public static Guid Organisation { get; set; }

    public bool IsAuthenticated => true;

    public string? Subject => "counselconnect-cli";

    public string? DisplayName => "load baseline";

    public string? ClientId => Subject;

    public bool IsClient => true;

    public Guid? OrganisationId => Organisation;

    public Guid? OfficeId => null;

    public IReadOnlyCollection<string> Roles => [];

    public IReadOnlyCollection<string> Scopes => [];

    public bool IsInRole(string role) => false;
}

internal sealed class NoAudit : IAuditTrail
{
    public void Record(string action, string entityType, Guid? entityId, string fieldCategory)
    {
    }
}
