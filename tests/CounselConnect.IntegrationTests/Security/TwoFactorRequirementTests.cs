using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using CounselConnect.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>A deployment that requires two-factor authentication for program managers.</summary>
public sealed class TwoFactorRequiredFactory : SqliteFactory
{
    private int _requirementsBuilt;

    /// <summary>How many times a request scope has built the requirement (it needs a UserManager and a DbContext).</summary>
    public int RequirementsBuilt => Volatile.Read(ref _requirementsBuilt);

    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Security:TwoFactorRequiredRoles:0"] = "ProgramManager",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped(sp =>
        {
            Interlocked.Increment(ref _requirementsBuilt);
            return ActivatorUtilities.CreateInstance<TwoFactorRequirement>(sp);
        }));
    }
}

/// <summary>
/// A person in a role that requires two-factor authentication is sent to enrolment at sign-in, gets no authorization
/// code and no refreshed token until enrolled; other roles are not affected.
/// </summary>
public sealed class TwoFactorRequirementTests(TwoFactorRequiredFactory factory) : IClassFixture<TwoFactorRequiredFactory>
{
    private const string Password = "Required-2fa-Test-2026!";

    private async Task<ApplicationUser> NewUserAsync(string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var template = await users.FindByEmailAsync($"manager@{Seeder.DemoEmailDomain}");
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Required 2FA", OrganisationId = template!.OrganisationId };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email)
    {
        var page = await browser.GetStringAsync("/Account/Login");
        return await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(page),
        }));
    }

    private static string Authorize() => QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
    {
        ["client_id"] = "counselconnect-native",
        ["response_type"] = "code",
        ["redirect_uri"] = CounselConnectFactory.NativeRedirectUri,
        ["scope"] = "openid roles offline_access",
        ["state"] = "state-value-123",
        ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        ["code_challenge_method"] = "S256",
    });

    [Fact]
    public async Task A_manager_without_2fa_is_sent_to_enrolment_and_gets_no_code_until_enrolled()
    {
        var manager = await NewUserAsync("ProgramManager");
        using var browser = Browser();
        using (var signedIn = await SignInAsync(browser, manager.Email!))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        using (var home = await browser.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
            Assert.Equal("/Account/TwoFactor", home.Headers.Location!.OriginalString);
        }

        using (var authorize = await browser.GetAsync(Authorize()))
        {
            Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
            Assert.Equal("/Account/TwoFactor", authorize.Headers.Location!.OriginalString);
        }

        using (var enrolment = await browser.GetAsync("/Account/TwoFactor"))
        {
            Assert.Equal(HttpStatusCode.OK, enrolment.StatusCode);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var stored = await users.FindByIdAsync(manager.Id.ToString());
            await users.ResetAuthenticatorKeyAsync(stored!);
            await users.SetTwoFactorEnabledAsync(stored!, true);
        }

        using var afterEnrolment = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, afterEnrolment.StatusCode);
        using var code = await browser.GetAsync(Authorize());
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.StartsWith(CounselConnectFactory.NativeRedirectUri, code.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("code=", code.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_holder_who_gains_a_role_that_requires_2fa_cannot_refresh_until_enrolled()
    {
        var attorney = await NewUserAsync("Attorney");
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, attorney.Email!, Password);
        Assert.NotNull(tokens.RefreshToken);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(attorney.Id.ToString()))!, "ProgramManager")).Succeeded);
        }

        using var client = factory.CreateClient();
        using var refused = await AuthorizationCodeFlow.RefreshAsync(client, tokens.RefreshToken!);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("access_denied", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Api_calls_health_probes_and_static_files_do_not_build_the_requirement_but_signed_in_pages_do()
    {
        using var client = factory.CreateClient();
        var token = await client.GetClientCredentialsTokenAsync();
        using var api = factory.CreateClient().WithBearer(token);
        var before = factory.RequirementsBuilt;
        foreach (var path in new[] { "/api/v1/me", "/health/live", "/css/site.css" })
        {
            using var response = await api.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(before, factory.RequirementsBuilt);

        var manager = await NewUserAsync("ProgramManager");
        using var browser = Browser();
        using (await SignInAsync(browser, manager.Email!))
        {
        }

        var signedIn = factory.RequirementsBuilt;
        using var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal(signedIn + 1, factory.RequirementsBuilt);
    }

    [Fact]
    public async Task Roles_that_do_not_require_2fa_sign_in_as_before()
    {
        var attorney = await NewUserAsync("Attorney");
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, attorney.Email!, Password);
        using var client = factory.CreateClient().WithBearer(tokens.AccessToken);
        using var me = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}
