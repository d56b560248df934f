using System.Diagnostics;
using System.Globalization;
using CounselConnect.Infrastructure.Resilience;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CounselConnect.Web.Infrastructure;

/// <summary>
/// Runs before <see cref="ProblemDetailsExceptionHandler"/>: when the database cannot be reached (retries exhausted,
/// connection refused or broken, timeout), the answer is 503 with <c>Retry-After</c> and a ProblemDetails instead of
/// 500; the client may send the request again after the pause. The log line names the
/// route and the exception type only (a provider message may quote data).
/// </summary>
public sealed partial class DatabaseUnavailableExceptionHandler(
    IProblemDetailsService problemDetails,
    IOptions<DatabaseResilienceOptions> options,
    ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseResilience.IsDatabaseUnavailable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, (httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint())?.DisplayName ?? "(no endpoint)", exception.GetType().Name);
        CounselConnect.Infrastructure.Telemetry.CounselConnectTelemetry.DatabaseUnavailable.Add(1);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The service is briefly unavailable",
            Detail = "The database cannot be reached just now. The request could not be completed; send it again after the pause given in Retry-After.",
            Extensions = { ["traceId"] = Activity.Current?.Id ?? httpContext.TraceIdentifier },
        };
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = Math.Max(1, options.Value.RetryAfterSeconds).ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on {Method} {Route} ({ExceptionType}); answered 503")]
    private static partial void LogUnavailable(ILogger logger, string method, string route, string exceptionType);
}
