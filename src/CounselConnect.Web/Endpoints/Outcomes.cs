using CounselConnect.Application.Outcomes;
using CounselConnect.Application.Outcomes.RecordCaseClosing;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Outcomes;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Closing a case: court outcome, funder closing code, funding sources, representative and dates.</summary>
public sealed class Outcomes : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("Outcomes").RequireAuthorization(Policies.CaseOutcomes).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/{caseId:guid}/closing", Record).WithName("RecordCaseClosing")
            .WithSummary("Record the outcome of a case (again, to correct it or when a pending case is decided)")
            .ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<CaseClosingDto>> Record(Guid caseId, ClosingRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RecordCaseClosingCommand(caseId, request.Outcome, request.ReliefGranted,
            request.InAbsentia ?? false, request.ClosingCode, request.FundingSources, request.RepresentativeType, request.AttorneyId,
            request.Nationality, request.CounselAssignedDate, request.FirstHearingWithCounselDate, request.DecisionDate), ct));

    public sealed record ClosingRequest(
        CourtOutcome? Outcome,
        ReliefType? ReliefGranted,
        bool? InAbsentia,
        LscClosingCode? ClosingCode,
        IReadOnlyList<string>? FundingSources,
        RepresentativeType? RepresentativeType,
        Guid? AttorneyId,
        string? Nationality,
        DateOnly? CounselAssignedDate,
        DateOnly? FirstHearingWithCounselDate,
        DateOnly? DecisionDate);
}
