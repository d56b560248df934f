using System.Security.Claims;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Infrastructure.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CounselConnect.Web.Security;

/// <summary>The caller, read from the authenticated principal of the current request.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public bool IsAuthenticated => User.Identity?.IsAuthenticated == true;

    public string? Subject => User.GetClaim(Claims.Subject);

    public string? DisplayName => User.GetClaim(Claims.Name);

    public string? ClientId => User.GetClaim(Claims.ClientId) ?? User.GetClaim(Claims.Private.Presenter);

    public bool IsClient => IsAuthenticated && Subject is not null && Subject == ClientId;

    public Guid? OrganisationId => Guid.TryParse(User.GetClaim(CounselConnectClaims.OrganisationId), out var id) ? id : null;

    public Guid? OfficeId => Guid.TryParse(User.GetClaim(CounselConnectClaims.OfficeId), out var id) ? id : null;

    public IReadOnlyCollection<string> Roles => User.GetClaims(Claims.Role).ToArray();

    public IReadOnlyCollection<string> Scopes => User.GetScopes().ToArray();

    public bool IsInRole(string role) => User.IsInRole(role);
}
