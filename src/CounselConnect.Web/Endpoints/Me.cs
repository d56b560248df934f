using CounselConnect.Application.Identity.GetCurrentUser;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>The caller's own identity.</summary>
public sealed class Me : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", GetMe)
            .WithName("GetMe")
            .WithSummary("The caller's identity, roles and scopes")
            .WithTags("Identity")
            .RequireAuthorization(Policies.Authenticated);
    }

    private static async Task<Ok<CurrentUserDto>> GetMe(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCurrentUserQuery(), ct));
}
