using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CounselConnect.Infrastructure.Identity;

/// <summary>Adds the organisation and office to the sign-in cookie, so pages scope data like the API does.</summary>
public sealed class CounselConnectClaimsFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.OrganisationId is { } organisation)
        {
            identity.AddClaim(new Claim(CounselConnectClaims.OrganisationId, organisation.ToString()));
        }

        if (user.OfficeId is { } office)
        {
            identity.AddClaim(new Claim(CounselConnectClaims.OfficeId, office.ToString()));
        }

        if (user.DisplayName.Length > 0)
        {
            identity.AddClaim(new Claim("display_name", user.DisplayName));
        }

        return identity;
    }
}
