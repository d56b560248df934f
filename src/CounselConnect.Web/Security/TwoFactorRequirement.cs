using System.Security.Claims;
using CounselConnect.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CounselConnect.Web.Security;

/// <summary>Roles whose members must enrol an authenticator before they may use the service (configuration).</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "Security";

    /// <summary>Role names, e.g. ["Administrator", "ProgramManager"]. Empty: two-factor authentication is optional.</summary>
    public IReadOnlyList<string> TwoFactorRequiredRoles { get; set; } = [];
}

/// <summary>Whether a signed-in person holds a role that requires two-factor authentication and has not enrolled.</summary>
public sealed class TwoFactorRequirement(UserManager<ApplicationUser> users, Microsoft.Extensions.Options.IOptions<TwoFactorOptions> options)
{
    public async Task<bool> MustEnrolAsync(string? userId)
    {
        var required = options.Value.TwoFactorRequiredRoles;
        if (required.Count == 0 || userId is null || await users.FindByIdAsync(userId) is not { } user || user.TwoFactorEnabled)
        {
            return false;
        }

        var roles = await users.GetRolesAsync(user);
        return roles.Any(r => required.Contains(r, StringComparer.OrdinalIgnoreCase));
    }
}

/// <summary>
/// Sends a person who signed in with a cookie and must enrol to the enrolment page before anything else, the
/// authorization endpoint included, so no authorization code (and no API token) is issued until they enrol.
/// </summary>
public sealed class TwoFactorEnrolmentMiddleware(RequestDelegate next)
{
    public const string EnrolmentPage = "/Account/TwoFactor";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var exempt = path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/connect/token", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/connect/logout", StringComparison.OrdinalIgnoreCase) || Path.HasExtension(path.Value);
        if (!exempt && context.Request.Cookies.ContainsKey("counselconnect.auth"))
        {
            var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            // Resolved here, not injected: the requirement needs a UserManager and so a DbContext, which most
            // requests (API calls, health probes, static files) never use.
            var requirement = context.RequestServices.GetRequiredService<TwoFactorRequirement>();
            if (cookie.Succeeded && await requirement.MustEnrolAsync(cookie.Principal.FindFirstValue(Claims.Subject)))
            {
                context.Response.Redirect(EnrolmentPage);
                return;
            }
        }

        await next(context);
    }
}

/// <summary>Refuses to issue tokens (code exchange, refresh) to a person who must enrol and has not.</summary>
public sealed class RefuseTokensUntilEnrolled(TwoFactorRequirement requirement) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.IsClientCredentialsGrantType() || context.Principal is null)
        {
            return;
        }

        if (await requirement.MustEnrolAsync(context.Principal.FindFirstValue(Claims.Subject)))
        {
            context.Reject(Errors.AccessDenied, "Your role requires two-factor authentication: enrol an authenticator at /Account/TwoFactor first.");
        }
    }
}

public static class TwoFactorSetup
{
    public static IServiceCollection AddCounselConnectTwoFactorRequirement(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TwoFactorOptions>(configuration.GetSection(TwoFactorOptions.Section));
        services.AddScoped<TwoFactorRequirement>();
        services.AddOpenIddict().AddServer(o => o.AddEventHandler<ProcessSignInContext>(b =>
            b.UseScopedHandler<RefuseTokensUntilEnrolled>().SetOrder(int.MinValue + 100_000).SetType(OpenIddictServerHandlerType.Custom)));
        return services;
    }

    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) => app.UseMiddleware<TwoFactorEnrolmentMiddleware>();
}
