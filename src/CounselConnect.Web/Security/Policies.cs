using CounselConnect.Application.Common.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace CounselConnect.Web.Security;

/// <summary>
/// Named authorization policies. API policies authenticate bearer tokens only (no cookies, so no CSRF); a role
/// policy is met by a person in that role or by an integration client holding the matching scope. Page policies
/// use the sign-in cookie. The fallback policy denies anything that states no policy.
/// </summary>
public static class Policies
{
    public const string Authenticated = "Api.Authenticated";
    public const string IntakeStaff = "Api." + Roles.IntakeStaff;
    public const string Attorney = "Api." + Roles.Attorney;
    public const string ProgramManager = "Api." + Roles.ProgramManager;
    public const string Administrator = "Api." + Roles.Administrator;
    public const string Imports = "Api.Imports";
    public const string CaseOutcomes = "Api.CaseOutcomes";
    public const string CaseWork = "Api.CaseWork";
    public const string ReportSettings = "Api.ReportSettings";
    public const string AdministratorPages = "Pages." + Roles.Administrator;
    public const string AuthenticatedPages = "Pages.Authenticated";
    public const string IntakeStaffPages = "Pages." + Roles.IntakeStaff;
    public const string AttorneyPages = "Pages." + Roles.Attorney;
    public const string ProgramManagerPages = "Pages." + Roles.ProgramManager;

    /// <summary>People (not integration clients) who may read the audit trail: program managers and administrators.</summary>
    public const string AuditReaders = "Api.AuditReaders";
    public const string AuditReaderPages = "Pages.AuditReaders";

    /// <summary>Break-glass access to a client file: administrators who are people (no integration client).</summary>
    public const string BreakGlass = "Api.BreakGlass";

    /// <summary>Recording 8 U.S.C. 1367 protection: intake staff and program managers who are people.</summary>
    public const string CaseProtection = "Api.CaseProtection";

    public static readonly IReadOnlyDictionary<string, string> ScopeForRole = new Dictionary<string, string>
    {
        [Roles.IntakeStaff] = ApiScopes.Intake,
        [Roles.Attorney] = ApiScopes.Cases,
        [Roles.ProgramManager] = ApiScopes.Reports,
        [Roles.Administrator] = ApiScopes.Admin,
    };

    public static IServiceCollection AddCounselConnectPolicies(this IServiceCollection services)
    {
        var bearer = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(_ => false).Build())
            .AddPolicy(Authenticated, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser())
            .AddPolicy(IntakeStaff, p => RoleOrScope(p, bearer, Roles.IntakeStaff))
            .AddPolicy(Attorney, p => RoleOrScope(p, bearer, Roles.Attorney))
            .AddPolicy(ProgramManager, p => RoleOrScope(p, bearer, Roles.ProgramManager))
            .AddPolicy(Administrator, p => RoleOrScope(p, bearer, Roles.Administrator))
            .AddPolicy(Imports, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.IsInRole(Roles.IntakeStaff) || c.User.IsInRole(Roles.ProgramManager) || c.User.HasScope(ApiScopes.Imports)))
            .AddPolicy(CaseOutcomes, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.IsInRole(Roles.Attorney) || c.User.IsInRole(Roles.ProgramManager) || c.User.HasScope(ApiScopes.Cases)))
            .AddPolicy(CaseWork, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.IsInRole(Roles.IntakeStaff) || c.User.IsInRole(Roles.Attorney) || c.User.HasScope(ApiScopes.Intake) || c.User.HasScope(ApiScopes.Cases)))
            .AddPolicy(ReportSettings, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.IsInRole(Roles.ProgramManager) || c.User.IsInRole(Roles.Administrator) || c.User.HasScope(ApiScopes.Reports)
                || c.User.HasScope(ApiScopes.Admin)))
            .AddPolicy(AuthenticatedPages, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser())
            .AddPolicy(IntakeStaffPages, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().RequireRole(Roles.IntakeStaff))
            .AddPolicy(AttorneyPages, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().RequireRole(Roles.Attorney))
            .AddPolicy(ProgramManagerPages, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().RequireRole(Roles.ProgramManager))
            .AddPolicy(AdministratorPages, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().RequireRole(Roles.Administrator))
            .AddPolicy(AuditReaders, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser()
                .RequireRole(Roles.ProgramManager, Roles.Administrator))
            .AddPolicy(BreakGlass, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser().RequireRole(Roles.Administrator))
            .AddPolicy(CaseProtection, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser()
                .RequireRole(Roles.IntakeStaff, Roles.ProgramManager))
            .AddPolicy(AuditReaderPages, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser()
                .RequireRole(Roles.ProgramManager, Roles.Administrator));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RefusalAuditing>();
        return services;
    }

    private static void RoleOrScope(AuthorizationPolicyBuilder policy, string scheme, string role) =>
        policy.AddAuthenticationSchemes(scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.IsInRole(role) || c.User.HasScope(ScopeForRole[role]));
}
