using CounselConnect.Web.Infrastructure;

namespace CounselConnect.Web.Endpoints;

public static class EndpointRegistration
{
    /// <summary>Maps every feature's routes. Add a new feature's group here.</summary>
    public static IEndpointRouteBuilder MapCounselConnectEndpoints(this IEndpointRouteBuilder app)
    {
        Map<Connect>(app);
        Map<Me>(app);
        Map<Intakes>(app);
        Map<ConflictChecks>(app);
        Map<Imports>(app);
        Map<Administration>(app);
        Map<Representatives>(app);
        Map<Opportunities>(app);
        Map<Assignments>(app);
        Map<Matching>(app);
        Map<Inbox>(app);
        Map<Outcomes>(app);
        Map<Reports>(app);
        Map<Hearings>(app);
        Map<Reminders>(app);
        Map<Calendars>(app);
        Map<Audit>(app);
        Map<Retention>(app);
        Map<Privacy>(app);
        Map<Keys>(app);
        return app;
    }

    private static void Map<TGroup>(IEndpointRouteBuilder app) where TGroup : IEndpointGroup => TGroup.Map(app);
}
