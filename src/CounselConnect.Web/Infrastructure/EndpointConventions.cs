namespace CounselConnect.Web.Infrastructure;

public static class EndpointConventions
{
    /// <summary>Responses that carry personal data must never be cached by browsers or proxies.</summary>
    public static TBuilder NoStore<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
}
