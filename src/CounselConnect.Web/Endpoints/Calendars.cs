using CounselConnect.Application.Calendars;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Each attorney's hearings as an iCalendar feed behind a revocable secret link.</summary>
public sealed class Calendars : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calendar/feed-link").WithTags("Calendar").RequireAuthorization(Policies.Attorney).NoStore();
        group.MapPost("/", Create).WithName("CreateCalendarFeedLink")
            .WithSummary("Create a secret calendar link for your hearings (replaces and revokes the previous one)");
        group.MapDelete("/", Revoke).WithName("RevokeCalendarFeedLink").WithSummary("Revoke your calendar link");

        // The secret in the path is the only credential (calendar apps cannot send tokens).
        app.MapGet("/calendar/{secret}.ics", Feed).WithName("GetCalendarFeed").WithTags("Calendar")
            .WithSummary("The iCalendar feed behind a secret link").AllowAnonymous().NoStore();
    }

    private static async Task<Ok<CalendarFeedLink>> Create(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new CreateCalendarFeedCommand(), ct));

    private static async Task<NoContent> Revoke(ISender sender, CancellationToken ct)
    {
        await sender.Send(new RevokeCalendarFeedCommand(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<ContentHttpResult> Feed(string secret, ISender sender, CancellationToken ct) =>
        TypedResults.Text(await sender.Send(new GetCalendarFeedQuery(secret), ct), "text/calendar; charset=utf-8");
}
