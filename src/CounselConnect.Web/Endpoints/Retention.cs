using CounselConnect.Application.Administration.Retention;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Administrators set how long closed cases are kept and put cases on legal hold.</summary>
public sealed class Retention : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Retention").RequireAuthorization(Policies.Administrator).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/retention", Get).WithName("GetRetention").WithSummary("Your organisation's retention period after closing, and the default");
        group.MapPut("/retention", Set).WithName("SetRetention")
            .WithSummary("Set the days client data is kept after a case closes (null: the deployment default)");
        group.MapPut("/cases/{caseId:guid}/legal-hold", Place).WithName("PlaceLegalHold")
            .WithSummary("Put a case on legal hold: it is not purged while the hold is in force").ProducesProblem(404).ProducesProblem(409);
        group.MapDelete("/cases/{caseId:guid}/legal-hold", Release).WithName("ReleaseLegalHold")
            .WithSummary("Release a case's legal hold").ProducesProblem(404);
    }

    private static async Task<Ok<RetentionSettingsDto>> Get(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetRetentionQuery(), ct));

    private static async Task<Ok<RetentionSettingsDto>> Set(RetentionRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new SetRetentionCommand(request.DaysAfterClosing), ct));

    private static async Task<Ok<LegalHoldDto>> Place(Guid caseId, LegalHoldRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new PlaceLegalHoldCommand(caseId, request.Reason), ct));

    private static async Task<Ok<LegalHoldDto>> Release(Guid caseId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ReleaseLegalHoldCommand(caseId), ct));

    public sealed record RetentionRequest(int? DaysAfterClosing);

    public sealed record LegalHoldRequest(string? Reason);
}
