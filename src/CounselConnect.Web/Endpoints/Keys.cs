using CounselConnect.Application.Administration.Keys;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Administrators see which master key wraps how many keys, and rotate every key to the current master key.</summary>
public sealed class Keys : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/keys").WithTags("Encryption keys").RequireAuthorization(Policies.Administrator).NoStore()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", Status).WithName("GetKeyStatus")
            .WithSummary("Per master key id, the data keys and key-material rows it wraps; the running rotation and the last completed one");
        group.MapPost("/rotation", Start).WithName("StartKeyRotation")
            .WithSummary("Re-wrap every key still under an old master key with the current one, in the background")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<KeyStatusDto>> Status(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetKeyStatusQuery(), ct));

    private static async Task<Accepted<KeyRotationDto>> Start(KeyRotationRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Accepted("/api/v1/admin/keys", await sender.Send(new StartKeyRotationCommand(request.TargetMasterKeyId), ct));

    /// <summary>The current master key's id (<c>Encryption:MasterKeyId</c>), to confirm which key every key moves to.</summary>
    public sealed record KeyRotationRequest(string? TargetMasterKeyId);
}
