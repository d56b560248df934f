using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CounselConnect.Web.Infrastructure;

/// <summary>Settings under <c>RateLimits</c> (per node; see docs/security.md).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in page posts and token requests per client address per minute.</summary>
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>Conflict checks per caller per minute.</summary>
    public int ConflictChecksPerMinute { get; set; } = 120;

    /// <summary>Exports (CSV reports) per caller per minute.</summary>
    public int ExportsPerMinute { get; set; } = 20;
}

/// <summary>
/// Fixed-window limits on the routes that attract abuse: sign-in and tokens (per address), conflict checks and
/// exports (per caller: a hash of the bearer token, else the address). Refusals are 429 problems with Retry-After.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddCounselConnectRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, options));
            o.OnRejected = async (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "Wait before trying again (see Retry-After).",
                    },
                });
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions options)
    {
        var request = context.Request;
        var path = request.Path;
        if (HttpMethods.IsPost(request.Method)
            && (path.StartsWithSegments("/Account/Login") || path.StartsWithSegments("/Account/LoginWith2fa") || path.StartsWithSegments("/connect/token")))
        {
            return Window("signin:" + Address(context), options.SignInPerMinute);
        }

        if (HttpMethods.IsPost(request.Method) && path.StartsWithSegments("/api/v1/conflict-checks"))
        {
            return Window("check:" + Caller(context), options.ConflictChecksPerMinute);
        }

        if (path.StartsWithSegments("/api/v1/reports")
            && (request.Query["format"] == "csv" || request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase)))
        {
            return Window("export:" + Caller(context), options.ExportsPerMinute);
        }

        return RateLimitPartition.GetNoLimiter(string.Empty);
    }

    private static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string Caller(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.Length > 0
            ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)), 0, 12)
            : Address(context);
    }
}
