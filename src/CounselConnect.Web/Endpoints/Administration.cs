using CounselConnect.Application.Administration.Users;
using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Administrators manage accounts of their organisation.</summary>
public sealed class Administration : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/users").WithTags("Administration").RequireAuthorization(Policies.Administrator).NoStore()
            .ProducesValidationProblem();
        group.MapGet("/", List).WithName("ListUsers").WithSummary("Accounts of your organisation, paged");
        group.MapPost("/", Create).WithName("CreateUser").WithSummary("Create an account with one role and an initial password");
        group.MapPut("/{id:guid}/roles", SetRoles).WithName("SetUserRoles")
            .WithSummary("Replace an account's roles; removing a role revokes its tokens")
            .WithDescription("Administrator cannot be combined with IntakeStaff, Attorney or ProgramManager (400 on roles). "
                + "You cannot remove Administrator from your own account, nor from the organisation's last active administrator (409).")
            .ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/disable", Disable).WithName("DisableUser")
            .WithSummary("Disable an account, end its sessions and revoke its tokens")
            .WithDescription("You cannot disable your own account, nor the organisation's last active administrator (409).")
            .ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/enable", Enable).WithName("EnableUser")
            .WithSummary("Enable a disabled account: it can sign in again with its password").ProducesProblem(404);
    }

    private static async Task<Ok<PagedList<UserSummary>>> List(ISender sender, CancellationToken ct, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await sender.Send(new ListUsersQuery(page, pageSize), ct));

    private static async Task<Created<UserSummary>> Create(CreateUserCommand command, ISender sender, CancellationToken ct)
    {
        var user = await sender.Send(command, ct);
        return TypedResults.Created($"/api/v1/admin/users/{user.Id}", user);
    }

    private static async Task<Ok<UserSummary>> SetRoles(Guid id, RolesRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new SetUserRolesCommand(id, request.Roles), ct));

    private static async Task<Ok<UserSummary>> Disable(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new DisableUserCommand(id), ct));

    private static async Task<Ok<UserSummary>> Enable(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new EnableUserCommand(id), ct));

    public sealed record RolesRequest(IReadOnlyList<string>? Roles);
}
