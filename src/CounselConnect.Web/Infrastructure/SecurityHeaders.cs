namespace CounselConnect.Web.Infrastructure;

/// <summary>Security headers on every response; a strict content security policy on our own pages.</summary>
public static class SecurityHeaders
{
    private const string PageContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                var path = context.Request.Path;
                // The API reference and the Hangfire dashboard bring their own inline scripts.
                if (!path.StartsWithSegments("/scalar") && !path.StartsWithSegments("/hangfire"))
                {
                    headers.ContentSecurityPolicy = PageContentSecurityPolicy;
                }

                return Task.CompletedTask;
            });
            await next();
        });
}
