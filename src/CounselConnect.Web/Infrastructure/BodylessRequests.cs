namespace CounselConnect.Web.Infrastructure;

/// <summary>
/// A POST, PUT or PATCH to the API that comes without any body (and so without a Content-Type) is read as an empty JSON
/// request. Routing admits a request without a Content-Type only to endpoints that read no body, so such a request to an
/// endpoint that needs one would be a 415 for a body it never had; read as JSON it reaches its endpoint, whose binding refuses
/// the missing body with a 400 naming <c>body</c> (<see cref="ProblemDetailsExceptionHandler"/>). Endpoints that read no
/// body are not affected, and a request that has a body keeps its own Content-Type (a wrong one is still a 415).
/// </summary>
public static class BodylessRequests
{
    public static IApplicationBuilder UseBodylessApiRequestsAsJson(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/api")
                && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
                && string.IsNullOrEmpty(request.ContentType)
                && request.ContentLength is null or 0
                && !request.Headers.TransferEncoding.Any(v => !string.IsNullOrEmpty(v)))
            {
                request.ContentType = "application/json";
            }

            return next(context);
        });
}
