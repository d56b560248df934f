using System.Globalization;
using CounselConnect.Application.Common.Security;
using CounselConnect.Domain.Organisations;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CounselConnect.Infrastructure.Seeding;

/// <summary>
/// Idempotent seeding. Every environment gets the roles, the API scopes and (when configured) a first administrator.
/// Development also gets a demo organisation, one user per role and the demo OAuth clients.
/// </summary>
public sealed class Seeder(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    IOptions<SeedOptions> options,
    IHostEnvironment environment,
    ILogger<Seeder> logger)
{
    public const string CliClientId = "counselconnect-cli";
    public const string NativeClientId = "counselconnect-native";
    public const string DemoOrganisationName = "Demo Immigrant Legal Services";
    public const string DemoEmailDomain = "demo.counselconnect.test";

    private readonly SeedOptions _options = options.Value;

    public async Task SeedAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() }), "role");
            }
        }

        foreach (var scope in ApiScopes.All)
        {
            if (await scopes.FindByNameAsync(scope, ct) is null)
            {
                await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = scope, DisplayName = scope }, ct);
            }
        }

        await SeedFirstAdministratorAsync(ct);

        if (environment.IsDevelopment() && _options.Demo)
        {
            await SeedDemoAsync(ct);
        }
    }

    private async Task SeedFirstAdministratorAsync(CancellationToken ct)
    {
        var admin = _options.Administrator;
        if (admin is null || string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrWhiteSpace(admin.Password))
        {
            return;
        }

        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0)
        {
            return;
        }

        var organisation = await EnsureOrganisationAsync(admin.OrganisationName ?? "CounselConnect", null, ct);
        await EnsureUserAsync(admin.Email, "Administrator", admin.Password, Roles.Administrator, organisation.Id, null);
        logger.LogInformation("Created the first administrator account");
    }

    private async Task SeedDemoAsync(CancellationToken ct)
    {
        var organisation = await EnsureOrganisationAsync(DemoOrganisationName, ("Newark", "America/New_York"), ct);
        var officeId = organisation.Offices.First().Id;

        await EnsureUserAsync($"intake@{DemoEmailDomain}", "Ines Intake", _options.DemoPassword, Roles.IntakeStaff, organisation.Id, officeId);
        await EnsureUserAsync($"attorney@{DemoEmailDomain}", "Alex Attorney", _options.DemoPassword, Roles.Attorney, organisation.Id, null);
        await EnsureUserAsync($"manager@{DemoEmailDomain}", "Maria Manager", _options.DemoPassword, Roles.ProgramManager, organisation.Id, null);
        await EnsureUserAsync($"admin@{DemoEmailDomain}", "Ada Administrator", _options.DemoPassword, Roles.Administrator, organisation.Id, null);

        if (!string.IsNullOrWhiteSpace(_options.CliClientSecret) && await applications.FindByClientIdAsync(CliClientId, ct) is null)
        {
            var cli = new OpenIddictApplicationDescriptor
            {
                ClientId = CliClientId,
                ClientSecret = _options.CliClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "CounselConnect command-line and scripts",
                Permissions =
                {
                    Permissions.Endpoints.Token,
                    Permissions.Endpoints.Revocation,
                    Permissions.GrantTypes.ClientCredentials,
                },
            };
            foreach (var scope in ApiScopes.All)
            {
                cli.Permissions.Add(Permissions.Prefixes.Scope + scope);
            }

            cli.Properties["organisation"] = System.Text.Json.JsonSerializer.SerializeToElement(organisation.Id.ToString());
            await applications.CreateAsync(cli, ct);
        }

        if (await applications.FindByClientIdAsync(NativeClientId, ct) is null)
        {
            var native = new OpenIddictApplicationDescriptor
            {
                ClientId = NativeClientId,
                ClientType = ClientTypes.Public,
                ConsentType = ConsentTypes.Implicit,
                DisplayName = "CounselConnect native and browser clients",
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.Endpoints.Revocation,
                    Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.GrantTypes.RefreshToken,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Email,
                    Permissions.Scopes.Profile,
                    Permissions.Scopes.Roles,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var uri in _options.NativeRedirectUris)
            {
                native.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
            }

            await applications.CreateAsync(native, ct);
        }
    }

    private async Task<Organisation> EnsureOrganisationAsync(string name, (string Name, string TimeZone)? office, CancellationToken ct)
    {
        var organisation = await db.Set<Organisation>().Include(o => o.Offices).FirstOrDefaultAsync(o => o.Name == name, ct);
        if (organisation is null)
        {
            organisation = new Organisation(name);
            db.Add(organisation);
        }

        if (office is { } o && organisation.Offices.Count == 0)
        {
            organisation.AddOffice(o.Name, o.TimeZone);
        }

        await db.SaveChangesAsync(ct);
        return organisation;
    }

    private async Task EnsureUserAsync(string email, string displayName, string password, string role, Guid organisationId, Guid? officeId)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = displayName,
                OrganisationId = organisationId,
                OfficeId = officeId,
            };
            Check(await users.CreateAsync(user, password), "user");
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role), "role membership");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Seeding a {what} failed: {string.Join("; ", result.Errors.Select(e => e.Code))}"));
        }
    }
}
