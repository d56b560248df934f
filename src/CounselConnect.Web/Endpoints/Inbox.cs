using CounselConnect.Application.Inbox;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>The caller's inbox: cases matching their representative profile that became open to counsel (anonymised).</summary>
public sealed class Inbox : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/inbox").WithTags("Inbox").RequireAuthorization(Policies.Attorney).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName("ListMyInbox").WithSummary("Your inbox, newest first, paged, with the unread count");
        group.MapPost("/{id:guid}/read", MarkRead).WithName("MarkInboxItemRead").WithSummary("Mark one of your inbox items read").ProducesProblem(404);
    }

    private static async Task<Ok<InboxPageDto>> List(ISender sender, CancellationToken ct, int page = 1, int pageSize = 25) =>
        TypedResults.Ok(await sender.Send(new ListMyInboxQuery(page, pageSize), ct));

    private static async Task<Ok<InboxItemDto>> MarkRead(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new MarkInboxItemReadCommand(id), ct));
}
