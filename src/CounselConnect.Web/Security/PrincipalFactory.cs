using System.Security.Claims;
using CounselConnect.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CounselConnect.Web.Security;

/// <summary>Builds the claims principal that OpenIddict turns into tokens for a signed-in person.</summary>
public sealed class PrincipalFactory(SignInManager<ApplicationUser> signInManager)
{
    public async Task<ClaimsPrincipal> CreateAsync(ApplicationUser user, IEnumerable<string> scopes)
    {
        var principal = await signInManager.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Name, user.DisplayName.Length > 0 ? user.DisplayName : user.UserName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(CounselConnectClaims.OrganisationId, user.OrganisationId?.ToString())
            .SetClaim(CounselConnectClaims.OfficeId, user.OfficeId?.ToString());

        principal.SetScopes(scopes);
        principal.SetDestinations(claim => Destinations(claim, principal));
        return principal;
    }

    private static IEnumerable<string> Destinations(Claim claim, ClaimsPrincipal principal)
    {
        switch (claim.Type)
        {
            case Claims.Subject:
                yield return OpenIddictConstants.Destinations.AccessToken;
                yield return OpenIddictConstants.Destinations.IdentityToken;
                break;
            case Claims.Name or Claims.Email when principal.HasScope(Scopes.Profile) || principal.HasScope(Scopes.Email):
                yield return OpenIddictConstants.Destinations.AccessToken;
                yield return OpenIddictConstants.Destinations.IdentityToken;
                break;
            case Claims.Name or Claims.Email:
            case Claims.Role:
            case CounselConnectClaims.OrganisationId:
            case CounselConnectClaims.OfficeId:
                yield return OpenIddictConstants.Destinations.AccessToken;
                if (claim.Type == Claims.Role && principal.HasScope(Scopes.Roles))
                {
                    yield return OpenIddictConstants.Destinations.IdentityToken;
                }

                break;
            default:
                // The security stamp and anything else stays out of tokens.
                yield break;
        }
    }
}
