using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Server.AspNetCore;

namespace CounselConnect.Web.Security;

/// <summary>
/// The authentication middleware offers every request to the schemes that handle requests themselves, OpenIddict's
/// server among them: it builds each request's address to compare it with its endpoints', all under <c>/connect/</c>.
/// None is under <c>/api/</c>, so for an API request this provider leaves the server out of that list and the
/// middleware skips that work (docs/benchmarks.md, "Where an attorney-ranking request's extra CPU goes"). OpenIddict's
/// validation stays in it: it prepares there the state that the bearer scheme reads when an API policy authenticates.
/// Every other request, and everything else the provider answers, is unchanged.
/// </summary>
public sealed class ApiRequestSchemes(IOptions<AuthenticationOptions> options, IHttpContextAccessor http)
    : AuthenticationSchemeProvider(options)
{
    // The base answers the same list until schemes are added or removed; the filtered copy is kept for that list (one
    // reference, so a request on another thread sees a whole pair or none).
    private Filtered? _forApi;

    public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var schemes = await base.GetRequestHandlerSchemesAsync();
        if (http.HttpContext?.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) != true)
        {
            return schemes;
        }

        var cached = _forApi;
        if (cached is null || !ReferenceEquals(cached.All, schemes))
        {
            cached = new Filtered(schemes, [.. schemes.Where(s => s.Name != OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)]);
            _forApi = cached;
        }

        return cached.ForApi;
    }

    private sealed record Filtered(IEnumerable<AuthenticationScheme> All, AuthenticationScheme[] ForApi);
}
