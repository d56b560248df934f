using CounselConnect.Application.Common;
using CounselConnect.Application.Intake;
using CounselConnect.Application.Intake.AcceptIntake;
using CounselConnect.Application.Intake.DecideConflictMatch;
using CounselConnect.Application.Intake.DeclineIntake;
using CounselConnect.Application.Intake.GetIntake;
using CounselConnect.Application.Intake.ListIntakes;
using CounselConnect.Application.Intake.SubmitIntake;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Intake by legal-aid staff, with the conflict check and its decisions.</summary>
public sealed class Intakes : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/intakes").WithTags("Intake").RequireAuthorization(Policies.IntakeStaff).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", Submit).WithName("SubmitIntake")
            .WithSummary("Record a prospective client and related people; runs the conflict check at once");
        group.MapGet("/", List).WithName("ListIntakes").WithSummary("The intake queue of your office, paged and sorted")
            .WithDescription("totalCount is exact up to 1,000 cases (rounded up to whole pages) past the start of the page " +
                "(IntakeList:CountWindow); beyond that totalIsLowerBound is true and totalCount is how many were counted: page on " +
                "until a page says false.");
        group.MapGet("/{id:guid}", Get).WithName("GetIntake").WithSummary("One intake with its conflict check").ProducesProblem(404);
        group.MapPost("/{id:guid}/conflict-matches/{matchId:guid}/decision", Decide).WithName("DecideConflictMatch")
            .WithSummary("Record a person's decision on a potential conflict").ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/accept", Accept).WithName("AcceptIntake")
            .WithSummary("Accept the intake once every match is decided and none is a conflict").ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/decline", Decline).WithName("DeclineIntake").WithSummary("Decline the intake with a reason")
            .ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Created<IntakeDto>> Submit(SubmitIntakeCommand command, ISender sender, CancellationToken ct)
    {
        var intake = await sender.Send(command, ct);
        return TypedResults.Created($"/api/v1/intakes/{intake.Id}", intake);
    }

    /// <param name="status">As the JSON writes it: <c>intake</c>, <c>needs_counsel</c>, <c>declined</c>, …</param>
    private static async Task<Ok<PagedList<IntakeSummary>>> List(ISender sender, CancellationToken ct,
        string? status = null, int page = 1, int pageSize = 25, string sort = "-createdAt", string? reference = null) =>
        TypedResults.Ok(await sender.Send(new ListIntakesQuery(QueryValues.SnakeCaseEnum<CaseStatus>(status, nameof(status)), page, pageSize, sort,
            reference), ct));

    private static async Task<Ok<IntakeDto>> Get(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetIntakeQuery(id), ct));

    private static async Task<Ok<IntakeDto>> Decide(Guid id, Guid matchId, DecisionRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new DecideConflictMatchCommand(id, matchId, request.Decision, request.Reason), ct));

    private static async Task<Ok<IntakeDto>> Accept(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new AcceptIntakeCommand(id), ct));

    private static async Task<Ok<IntakeDto>> Decline(Guid id, DeclineRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new DeclineIntakeCommand(id, request.Reason), ct));

    public sealed record DecisionRequest(MatchDecision? Decision, string? Reason);

    public sealed record DeclineRequest(string? Reason);
}
