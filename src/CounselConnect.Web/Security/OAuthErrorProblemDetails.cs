using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Mvc;

namespace CounselConnect.Web.Security;

/// <summary>
/// An OpenID Connect error that OpenIddict hands to the status-code pages (its status-code-pages integration: an
/// authorization request refused before its redirect address is trusted, e.g. a scope the client may not use) is
/// answered as a ProblemDetails that also carries OAuth's <c>error</c> and <c>error_description</c> (RFC 6749, 5.2), so a
/// client can tell <c>invalid_scope</c> from <c>invalid_request</c> instead of reading a bare 400.
/// </summary>
public static class OAuthErrorProblemDetails
{
    public static void Configure(ProblemDetailsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CustomizeProblemDetails = context =>
        {
            if (context.HttpContext.GetOpenIddictServerResponse() is not { Error: { Length: > 0 } error } response)
            {
                return;
            }

            context.ProblemDetails.Extensions["error"] = error;
            if (response.ErrorDescription is { Length: > 0 } description)
            {
                context.ProblemDetails.Extensions["error_description"] = description;
                context.ProblemDetails.Detail = description;
            }

            if (response.ErrorUri is { Length: > 0 } uri)
            {
                context.ProblemDetails.Extensions["error_uri"] = uri;
            }
        };
    }
}
