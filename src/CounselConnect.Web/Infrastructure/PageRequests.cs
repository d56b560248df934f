namespace CounselConnect.Web.Infrastructure;

/// <summary>
/// Tells a person's browser asking for a page from a program asking the API: an error on a page is answered with a page
/// in the site's layout (<c>/Status/{code}</c>), an error on the API, the OpenID Connect endpoints or the Hangfire
/// dashboard with its ProblemDetails or OAuth answer.
/// </summary>
public static class PageRequests
{
    public static bool IsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/connect") && !request.Path.StartsWithSegments("/hangfire")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
