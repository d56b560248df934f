using CounselConnect.Application.Assignments;
using CounselConnect.Application.Assignments.AssignCase;
using CounselConnect.Application.Assignments.GetAssignedCase;
using CounselConnect.Application.Assignments.ListAssignments;
using CounselConnect.Application.Assignments.WithdrawAssignment;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Assignments of counsel: the assigned representative's full file, direct assignment, withdrawal and history.</summary>
public sealed class Assignments : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("Assignments").NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{caseId:guid}", GetCase).WithName("GetAssignedCase")
            .WithSummary("The full case file, for the representative assigned to it").RequireAuthorization(Policies.Attorney).ProducesProblem(404);
        group.MapPost("/{caseId:guid}/withdrawal", WithdrawMine).WithName("WithdrawFromCase")
            .WithSummary("Withdraw from a case assigned to you, with a reason").RequireAuthorization(Policies.Attorney).ProducesProblem(404);
        group.MapPost("/{caseId:guid}/assignment", Assign).WithName("AssignCase")
            .WithSummary("Assign (or reassign, with a reason) a case to a representative").RequireAuthorization(Policies.ProgramManager)
            .ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{caseId:guid}/assignment/withdrawal", Withdraw).WithName("WithdrawAssignment")
            .WithSummary("End the current assignment of a case, with a reason").RequireAuthorization(Policies.ProgramManager).ProducesProblem(404);
        group.MapGet("/{caseId:guid}/assignments", History).WithName("ListAssignments")
            .WithSummary("The assignment history of a case").RequireAuthorization(Policies.ProgramManager).ProducesProblem(404);
    }

    private static async Task<Ok<CaseFileDto>> GetCase(Guid caseId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetAssignedCaseQuery(caseId), ct));

    private static async Task<Ok<AssignmentDto>> WithdrawMine(Guid caseId, ReasonRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new WithdrawAssignmentCommand(caseId, request.Reason, AsManager: false), ct));

    private static async Task<Ok<AssignmentDto>> Assign(Guid caseId, AssignRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new AssignCaseCommand(caseId, request.RepresentativeId, request.Reason), ct));

    private static async Task<Ok<AssignmentDto>> Withdraw(Guid caseId, ReasonRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new WithdrawAssignmentCommand(caseId, request.Reason, AsManager: true), ct));

    private static async Task<Ok<IReadOnlyList<AssignmentDto>>> History(Guid caseId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListAssignmentsQuery(caseId), ct));

    public sealed record AssignRequest(Guid RepresentativeId, string? Reason);

    public sealed record ReasonRequest(string? Reason);
}
