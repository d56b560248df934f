using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Domain.Cases;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Foundation;

/// <summary>The foundation's promises, run against each database engine.</summary>
public abstract class FoundationTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private const string DemoDomain = Seeder.DemoEmailDomain;

    [Fact]
    public async Task Ready_health_check_reports_healthy_database()
    {
        using var client = factory.CreateClient();
        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Database_options_are_built_once_with_every_interceptor()
    {
        await using var one = factory.Services.CreateAsyncScope();
        await using var two = factory.Services.CreateAsyncScope();
        var options = one.ServiceProvider.GetRequiredService<DbContextOptions<AppDbContext>>();
        Assert.Same(options, two.ServiceProvider.GetRequiredService<DbContextOptions<AppDbContext>>());

        var interceptors = options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()!.Interceptors!
            .Select(i => i.GetType()).ToList();
        foreach (var expected in new[]
        {
            typeof(CounselConnect.Infrastructure.Persistence.PartyChangeInterceptor), typeof(CounselConnect.Infrastructure.Security.ProtectedData),
            typeof(CounselConnect.Infrastructure.Auditing.AuditChainInterceptor), typeof(CounselConnect.Infrastructure.Reminders.AssignmentReplanInterceptor),
            typeof(CounselConnect.Infrastructure.Matching.CaseOpenedInterceptor),
        })
        {
            Assert.Single(interceptors, expected);
        }

        // A context built on the shared options opens its connection as before.
        var db = one.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await db.Database.CanConnectAsync());
    }

    [Fact]
    public async Task A_save_detects_changes_once_and_still_stores_what_the_interceptors_and_the_caller_changed()
    {
        var now = DateTime.UtcNow;
        Guid organisationId;
        Guid clientId;
        Guid relatedId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            organisationId = (await db.Set<CounselConnect.Domain.Organisations.Organisation>().SingleAsync(o => o.Name == Seeder.DemoOrganisationName)).Id;
            var detections = 0;
            db.ChangeTracker.DetectingAllChanges += (_, _) => detections++;

            // An intake's unit of work: a new case, its client and a related person (each interceptor looks at these).
            var @case = new Case(organisationId, null, $"CC-DET-{Guid.NewGuid():N}"[..20], CustodyStatus.Detained, "NYC", null, null, null, [],
                "spa", [], false, "test", now);
            var client = new CounselConnect.Domain.People.Party(organisationId, "client", "Detect Once", ["Client"], [], null, null, now);
            var related = new CounselConnect.Domain.People.Party(organisationId, "child", "Detect Once", ["Child"], [], null, null, now);
            @case.SetClient(client);
            @case.AddRelatedParty(related);
            db.AddRange(@case, client, related);
            await db.SaveChangesAsync();
            Assert.Equal(1, detections);
            (clientId, relatedId) = (client.Id, related.Id);

            // A saved party changed directly, as a handler does: the one detection before the interceptors finds it,
            // and the ciphertext the encryption interceptor writes through the entry is stored with it.
            detections = 0;
            client.ApplyImport("det-1", "client", "Detect Twice", ["Renamed"], ["Alias"], null, null, null, now.AddMinutes(1));
            await db.SaveChangesAsync();
            Assert.Equal(1, detections);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var client = await db.Set<CounselConnect.Domain.People.Party>().AsNoTracking().SingleAsync(p => p.Id == clientId);
            Assert.Equal("Detect Twice", client.GivenNames);
            Assert.Equal(["Renamed"], client.FamilyNames);
            Assert.Equal(["Alias"], client.Aliases);
            Assert.Equal("Detect Once", (await db.Set<CounselConnect.Domain.People.Party>().AsNoTracking().SingleAsync(p => p.Id == relatedId)).GivenNames);
            // The change feed's interceptor saw both saves: two rows for the client, one for the related person.
            Assert.Equal(2, await db.Set<CounselConnect.Domain.People.PartyChange>().CountAsync(c => c.PartyId == clientId));
            Assert.Equal(1, await db.Set<CounselConnect.Domain.People.PartyChange>().CountAsync(c => c.PartyId == relatedId));
        }
    }

    [Fact]
    public async Task Development_refuses_a_query_that_takes_rows_without_an_order()
    {
        // Database:StrictQueries is on in Development (the suite's settings): which rows such a query returns is up
        // to the database, so it fails the test that runs it instead of leaving a warning in a log.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Set<Case>().IgnoreQueryFilters().Take(1).ToListAsync());
        Assert.Contains(nameof(CoreEventId.RowLimitingOperationWithoutOrderByWarning), refused.Message, StringComparison.Ordinal);

        var ordered = await db.Set<Case>().IgnoreQueryFilters().OrderBy(c => c.Id).Take(1).ToListAsync();
        Assert.True(ordered.Count <= 1);
    }

    [Fact]
    public async Task Client_credentials_token_opens_me_and_no_token_gets_401_problem()
    {
        using var anonymous = factory.CreateClient();
        using var refused = await anonymous.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("counselconnect-cli", me.GetProperty("subject").GetString());
        Assert.Equal("client", me.GetProperty("kind").GetString());
        var scopes = me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("cc.intake", scopes);
        Assert.Contains("cc.reports", scopes);
    }

    [Fact]
    public async Task Wrong_client_secret_gets_no_token()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "counselconnect-cli",
            ["client_secret"] = "not-the-secret",
        }));
        Assert.False(response.IsSuccessStatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Password_grant_is_not_offered()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "counselconnect-native",
            ["username"] = $"attorney@{DemoDomain}",
            ["password"] = CounselConnectFactory.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unsupported_grant_type", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Authorization_code_with_pkce_signs_in_through_the_page_and_calls_the_api()
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"attorney@{DemoDomain}", CounselConnectFactory.DemoPassword);
        using var client = factory.CreateClient();
        client.WithBearer(tokens.AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("user", me.GetProperty("kind").GetString());
        Assert.Equal(new[] { "Attorney" }, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.NotNull(tokens.RefreshToken);
        Assert.NotNull(tokens.IdToken);
    }

    [Fact]
    public async Task Refresh_token_rotates_and_a_revoked_one_stops_working()
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"manager@{DemoDomain}", CounselConnectFactory.DemoPassword);
        using var client = factory.CreateClient();

        using var refreshed = await AuthorizationCodeFlow.RefreshAsync(client, tokens.RefreshToken!);
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(refreshed.IsSuccessStatusCode, body.ToString());
        var rotated = body.GetProperty("refresh_token").GetString();
        Assert.NotEqual(tokens.RefreshToken, rotated);

        using var revoke = await client.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "counselconnect-native",
            ["token"] = rotated!,
            ["token_type_hint"] = "refresh_token",
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using var afterRevoke = await AuthorizationCodeFlow.RefreshAsync(client, rotated!);
        Assert.Equal(HttpStatusCode.BadRequest, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_stays_on_the_sign_in_page_with_a_message()
    {
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/Account/Login");
        using var posted = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = $"intake@{DemoDomain}",
            ["Password"] = "Wrong-Password-1!",
            ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("The email address or password is not right.", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(posted.Headers.Contains("Set-Cookie") && posted.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("counselconnect.auth=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/api/v1/does-not-exist")]
    // Addresses that look like files, such as the icon every browser asks for: a 404, not a sign-in page.
    [InlineData("/favicon.ico")]
    [InlineData("/js/missing.js")]
    public async Task Unknown_route_gets_a_problem_document_without_a_stack_trace(string address)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Contains("traceId", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_page_address_in_a_browser_gets_the_sites_not_found_page()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Intake/No/Such/Page");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("We could not find that page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// An address that exists answers for what is wrong with the request, not 404: a body the endpoint does not read
    /// is a 415, a method the address does not have is a 405 naming the ones it has.
    /// </summary>
    [Fact]
    public async Task A_wrong_media_type_is_a_415_and_a_wrong_method_a_405_not_a_404()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.WithBearer(await factory.CreateClient().GetClientCredentialsTokenAsync());

        using var plain = await client.PostAsync("/api/v1/intakes", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType?.MediaType);

        using var wrongMethod = await client.DeleteAsync("/api/v1/intakes");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Contains("GET", wrongMethod.Content.Headers.Allow);
        Assert.Contains("POST", wrongMethod.Content.Headers.Allow);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType?.MediaType);

        using var unknown = await client.DeleteAsync("/api/v1/does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_api()
    {
        using var client = factory.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/me", out _));
        using var scalar = await client.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }

    /// <summary>
    /// The document says how to authenticate (OAuth 2.0 with the embedded server's endpoints and the API's scopes), which
    /// operations need it, and that those answer 401 and 403; an anonymous one (the calendar feed) has no requirement.
    /// </summary>
    [Fact]
    public async Task OpenApi_document_says_how_to_authenticate_and_which_operations_need_it()
    {
        using var client = factory.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2");
        Assert.Equal("oauth2", scheme.GetProperty("type").GetString());
        var code = scheme.GetProperty("flows").GetProperty("authorizationCode");
        Assert.Equal("/connect/authorize", code.GetProperty("authorizationUrl").GetString());
        Assert.Equal("/connect/token", code.GetProperty("tokenUrl").GetString());
        Assert.True(code.GetProperty("scopes").TryGetProperty("cc.intake", out _));
        Assert.Equal("/connect/token", scheme.GetProperty("flows").GetProperty("clientCredentials").GetProperty("tokenUrl").GetString());

        var me = doc.GetProperty("paths").GetProperty("/api/v1/me").GetProperty("get");
        Assert.True(me.GetProperty("security")[0].TryGetProperty("oauth2", out _), me.ToString());
        Assert.True(me.GetProperty("responses").TryGetProperty("401", out _), me.ToString());
        Assert.True(me.GetProperty("responses").TryGetProperty("403", out _), me.ToString());

        var feed = doc.GetProperty("paths").EnumerateObject().First(p => p.Name.StartsWith("/calendar/", StringComparison.Ordinal)).Value.GetProperty("get");
        Assert.False(feed.TryGetProperty("security", out _), feed.ToString());
    }

    [Fact]
    public async Task Hangfire_dashboard_is_closed_to_anonymous_callers()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeding_twice_creates_nothing_new()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var usersBefore = await db.Users.CountAsync();
        var orgsBefore = await db.Set<CounselConnect.Domain.Organisations.Organisation>().CountAsync();
        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(CancellationToken.None);
        Assert.Equal(usersBefore, await db.Users.CountAsync());
        Assert.Equal(orgsBefore, await db.Set<CounselConnect.Domain.Organisations.Organisation>().CountAsync());
        Assert.Equal(4, usersBefore);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Single(await users.GetUsersInRoleAsync("Administrator"));
    }
}

public sealed class SqliteFoundationTests(SqliteFactory factory) : FoundationTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresFoundationTests(PostgresFactory factory) : FoundationTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
