using CounselConnect.Application.Common;
using CounselConnect.Application.Intake;
using CounselConnect.Application.Privacy.BreakGlass;
using CounselConnect.Application.Privacy.SetCaseProtection;
using CounselConnect.Domain.Cases;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>
/// Break-glass access (administrators open one client file for a while, with a reason; program managers see the
/// grants) and 8 U.S.C. 1367 protection flags.
/// </summary>
public sealed class Privacy : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var breakGlass = app.MapGroup("/api/v1/break-glass").WithTags("Privacy").NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        breakGlass.MapPost("/", Request).WithName("RequestBreakGlass").RequireAuthorization(Policies.BreakGlass).ProducesProblem(404)
            .WithSummary("Open one client file for a while (default 60 minutes), saying why; audited and shown to program managers");
        breakGlass.MapGet("/", List).WithName("ListBreakGlassGrants").RequireAuthorization(Policies.AuditReaders)
            .WithSummary("Break-glass grants of your organisation, newest first");
        breakGlass.MapGet("/cases/{caseId:guid}", Open).WithName("OpenBreakGlassCase").RequireAuthorization(Policies.BreakGlass).ProducesProblem(404)
            .WithSummary("The client file behind your live break-glass grant (each read audited)");

        app.MapPut("/api/v1/cases/{caseId:guid}/protection", SetProtection).WithTags("Privacy").NoStore().WithName("SetCaseProtection")
            .RequireAuthorization(Policies.CaseProtection).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(404)
            .WithSummary("Flag a case as protected under 8 U.S.C. 1367 (none, vawa, t_visa, u_visa)");
    }

    private static async Task<Created<BreakGlassGrantDto>> Request(BreakGlassRequest request, ISender sender, CancellationToken ct)
    {
        var grant = await sender.Send(new RequestBreakGlassCommand(request.CaseId, request.Reason, request.Minutes, request.CaseReference), ct);
        return TypedResults.Created($"/api/v1/break-glass/cases/{grant.CaseId}", grant);
    }

    private static async Task<Ok<PagedList<BreakGlassGrantDto>>> List(ISender sender, CancellationToken ct, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await sender.Send(new ListBreakGlassGrantsQuery(page, pageSize), ct));

    private static async Task<Ok<IntakeDto>> Open(Guid caseId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new OpenBreakGlassCaseQuery(caseId), ct));

    private static async Task<Ok<CaseProtectionDto>> SetProtection(Guid caseId, ProtectionRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new SetCaseProtectionCommand(caseId, request.Protection), ct));

    public sealed record BreakGlassRequest(Guid? CaseId, string? Reason, int? Minutes, string? CaseReference = null);

    public sealed record ProtectionRequest(CaseProtection? Protection);
}
