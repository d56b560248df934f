using System.Diagnostics;
using System.Text.RegularExpressions;
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
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
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
            BadHttpRequestException bad => UnboundParameter(bad) ?? new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read",
                Detail = bad.StatusCode == 413 ? "The request body is too large." : "The request is malformed or a required body is missing.",
            },
            _ => null,
        };

        if (problem is null)
        {
            // The middleware clears the request's endpoint before calling handlers; its feature keeps the one that threw.
            // The route's pattern names where it happened without any value from the address.
            var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
            logger.LogError(exception, "Unhandled exception on {Method} {Route}", httpContext.Request.Method,
                endpoint is RouteEndpoint { RoutePattern.RawText: { } pattern } ? pattern : endpoint?.DisplayName ?? "(no endpoint)");
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

    /// <summary>
    /// A parameter the endpoint could not bind (a query value that is not a date, a missing body), as a 400 whose
    /// <c>errors</c> name the parameter (<c>body</c> for the body). ASP.NET Core says which parameter only in the exception's
    /// message, a fixed invariant text (RequestDelegateFactory); the value the caller sent is never repeated. Null for any
    /// other bad request.
    /// </summary>
    private static ValidationProblemDetails? UnboundParameter(BadHttpRequestException bad)
    {
        if (bad.StatusCode != 400)
        {
            return null;
        }

        var failed = FailedToBind().Match(bad.Message);
        var missing = failed.Success ? Match.Empty : NotProvided().Match(bad.Message);
        var bodyMissing = !failed.Success && (missing.Success ? missing.Groups["source"].Value == "body" : ImplicitBodyMissing().IsMatch(bad.Message));
        if (!failed.Success && !missing.Success && !bodyMissing)
        {
            return null;
        }

        var (field, message) = bodyMissing
            ? ("body", "A JSON request body is required.")
            : failed.Success
                ? (failed.Groups["name"].Value, CannotRead(failed.Groups["type"].Value))
                : (missing.Groups["name"].Value, "This value is required.");
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400,
            Title = bodyMissing ? "The request body is missing" : "One or more fields are invalid",
            Detail = "Nothing was stored. Correct the fields listed in 'errors' and send the request again.",
        };
    }

    private static string CannotRead(string type) => type.TrimEnd('?') switch
    {
        "DateOnly" => "Use a date as yyyy-MM-dd.",
        "DateTime" or "DateTimeOffset" => "Use a date (yyyy-MM-dd) or a date and time in ISO 8601 (e.g. 2026-12-03T14:00:00Z).",
        "int" or "long" or "Int32" or "Int64" => "Use a whole number.",
        "bool" or "Boolean" => "Use true or false.",
        "Guid" => "Use an id (a GUID).",
        _ => "This value has the wrong type or format.",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]*) (?<name>[^" ]+)" from """, RegexOptions.CultureInvariant)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]*) (?<name>[^" ]+)" was not provided from (?<source>[^.]+)\.""", RegexOptions.CultureInvariant)]
    private static partial Regex NotProvided();

    [GeneratedRegex("""^Implicit body inferred for parameter "[^"]*" but no body was provided""", RegexOptions.CultureInvariant)]
    private static partial Regex ImplicitBodyMissing();

    private static string ToCamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
