namespace CounselConnect.Web.Infrastructure;

/// <summary>
/// Answers, before authorization, a request that routing found no endpoint for (and that OpenIddict did not answer
/// during authentication) with a 404 (ProblemDetails, or the site's "not found" page for a browser), instead of letting the deny-all authorization fallback send it to
/// the sign-in page. An address that exists but not for this request gets routing's own answer: a 405 with
/// <c>Allow</c> for a method it does not have, a 415 for a body it does not read. Routing gives those as endpoints of
/// their own, without a route or any metadata; they are run here too, since under the fallback policy a bearer caller
/// was sent to the cookie sign-in (the API's bearer scheme comes with the API's own policies). Their status codes become
/// ProblemDetails in the status code pages. What they reveal, that the address exists, the OpenAPI document says anyway.
/// </summary>
public static class NotFoundWithoutEndpoint
{
    public static IApplicationBuilder UseNotFoundWithoutEndpoint(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Response.HasStarted)
            {
                return next(context);
            }

            return context.GetEndpoint() switch
            {
                // A person's browser: an empty 404, which the status code pages answer with the site's own page.
                null when PageRequests.IsPage(context.Request) => NotFoundPage(context),
                null => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is no resource at this address.")
                    .ExecuteAsync(context),
                { RequestDelegate: { } rejection } endpoint when endpoint is not RouteEndpoint && endpoint.Metadata.Count == 0 => rejection(context),
                _ => next(context),
            };
        });

    private static Task NotFoundPage(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
