using CounselConnect.Application.Assignments;
using CounselConnect.Application.Common;
using CounselConnect.Application.Opportunities.AcceptOpportunity;
using CounselConnect.Application.Opportunities.GetPartyNames;
using CounselConnect.Application.Opportunities.ListOpportunities;
using CounselConnect.Domain.Cases;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Cases that need counsel, disclosed in three audited steps: anonymised listing, party names, acceptance.</summary>
public sealed class Opportunities : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/opportunities").WithTags("Opportunities").RequireAuthorization(Policies.Attorney).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName("ListOpportunities")
            .WithSummary("Cases that need counsel, anonymised: filter by court, language, relief, custody; sort; page");
        group.MapPost("/{caseId:guid}/party-names", PartyNames).WithName("GetOpportunityPartyNames")
            .WithSummary("The names of the case's parties only, for your own conflict check (recorded)").ProducesProblem(404);
        group.MapPost("/{caseId:guid}/accept", Accept).WithName("AcceptOpportunity")
            .WithSummary("Attest no conflict and take the case; the full file opens to you").ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<PagedList<OpportunityDto>>> List(ISender sender, CancellationToken ct, string? court = null, string? language = null,
        string? relief = null, string? custody = null, string sort = "urgency", int page = 1, int pageSize = 25) =>
        TypedResults.Ok(await sender.Send(new ListOpportunitiesQuery(court, language, QueryValues.SnakeCaseEnum<ReliefType>(relief, nameof(relief)),
            QueryValues.SnakeCaseEnum<CustodyStatus>(custody, nameof(custody)), sort, page, pageSize), ct));

    private static async Task<Ok<PartyNamesDto>> PartyNames(Guid caseId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetPartyNamesCommand(caseId), ct));

    private static async Task<Ok<AssignmentDto>> Accept(Guid caseId, AcceptRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new AcceptOpportunityCommand(caseId, request.AttestNoConflict), ct));

    public sealed record AcceptRequest(bool AttestNoConflict);
}
