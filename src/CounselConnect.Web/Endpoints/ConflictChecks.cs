using CounselConnect.Application.Conflicts.RunConflictCheck;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Ad-hoc conflict checks for phone screening: nothing about the person is stored.</summary>
public sealed class ConflictChecks : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/conflict-checks", Run)
            .WithName("RunConflictCheck")
            .WithSummary("Check a person and related people against every party the program has recorded")
            .WithTags("Conflict checks")
            .RequireAuthorization(Policies.IntakeStaff)
            .NoStore()
            .ProducesValidationProblem();
    }

    private static async Task<Ok<ConflictCheckResponse>> Run(RunConflictCheckCommand command, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(command, ct));
}
