using System.Diagnostics;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CounselConnect.Web.Infrastructure;

/// <summary>
/// The one place where exceptions become HTTP answers: validation 400 (with field errors), not found 404,
/// forbidden 403, business rule 409, unreadable request 400, anything else 500 — always a ProblemDetails with a
/// trace id, never a stack trace, an exception message from outside our code, or personal data.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException v => Validation(v),
            NotFoundException nf => new ProblemDetails { Status = 404, Title = "Not found", Detail = nf.Message },
            ForbiddenAccessException f => new ProblemDetails { Status = 403, Title = "Forbidden", Detail = f.Message },
            BusinessRuleException b => new ProblemDetails { Status = 409, Title = "Conflict with a business rule", Detail = b.Message, Extensions = { ["rule"] = b.Rule } },
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } => UnreadableJson(json),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read",
                Detail = bad.StatusCode == 413 ? "The request body is too large." : "The request is malformed or a required body is missing.",
            },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Route}", httpContext.Request.Method,
                httpContext.GetEndpoint()?.DisplayName ?? "(no endpoint)");
            problem = new ProblemDetails { Status = 500, Title = "An unexpected error occurred", Detail = "The error was logged; quote the trace id when reporting it." };
        }

        problem.Extensions["traceId"] = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (PageRequests.IsPage(httpContext.Request))
        {
            // A browser asking for a page gets the status page in the site's layout (UseStatusCodePagesWithReExecute).
            return true;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ValidationProblemDetails Validation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => ToCamelCasePath(e.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);
        return new ValidationProblemDetails(errors)
        {
            Status = 400,
            Title = "One or more fields are invalid",
            Detail = "Nothing was stored. Correct the fields listed in 'errors' and send the request again.",
        };
    }

    private static ValidationProblemDetails UnreadableJson(System.Text.Json.JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? "body" : json.Path.TrimStart('$', '.');
        if (path.Length == 0)
        {
            path = "body";
        }

        var message = json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "This field is not part of the request."
            : "This value has the wrong type or format.";
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [path] = [message] })
        {
            Status = 400,
            Title = "The request body is not valid JSON for this endpoint",
            Detail = "Nothing was stored. Correct the fields listed in 'errors' and send the request again.",
        };
    }

    private static string ToCamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
