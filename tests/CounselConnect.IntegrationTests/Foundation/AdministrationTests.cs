using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Foundation;

/// <summary>Administrators create accounts; shrinking access revokes tokens at once; every change is audited.</summary>
public abstract class AdministrationTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private const string NewPassword = "Brand-New-Password-2026!";

    private async Task<HttpClient> AdminAsync()
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"admin@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        var client = factory.CreateClient();
        client.WithBearer(tokens.AccessToken);
        return client;
    }

    [Fact]
    public async Task Administrator_creates_a_user_who_can_sign_in_and_losing_the_role_revokes_the_token()
    {
        using var admin = await AdminAsync();
        var email = $"new-{Guid.NewGuid():N}@example.test";
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, displayName = "New Intake Worker", role = "IntakeStaff", officeId = (Guid?)null, password = NewPassword });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new[] { "IntakeStaff" }, user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());

        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, email, NewPassword);
        using var worker = factory.CreateClient();
        worker.WithBearer(tokens.AccessToken);
        using var before = await worker.GetAsync("/api/v1/intakes");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var demoted = await admin.PutAsJsonAsync($"/api/v1/admin/users/{user.GetProperty("id").GetString()}/roles", new { roles = new[] { "Attorney" } });
        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        using var after = await worker.GetAsync("/api/v1/intakes");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        using var refresh = await AuthorizationCodeFlow.RefreshAsync(factory.CreateClient(), tokens.RefreshToken!);
        Assert.False(refresh.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_access_and_it_cannot_sign_in_again()
    {
        using var admin = await AdminAsync();
        var email = $"leaver-{Guid.NewGuid():N}@example.test";
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, displayName = "Leaver", role = "Attorney", password = NewPassword });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, email, NewPassword);

        using var disabled = await admin.PostAsync($"/api/v1/admin/users/{id}/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isDisabled").GetBoolean());

        using var client = factory.CreateClient();
        client.WithBearer(tokens.AccessToken);
        using var me = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => AuthorizationCodeFlow.SignInAsync(factory, email, NewPassword));
    }

    [Fact]
    public async Task Weak_password_and_unknown_role_are_field_errors_and_nothing_is_created()
    {
        using var admin = await AdminAsync();
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users")).GetProperty("totalCount").GetInt32();
        using var weak = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email = "weak@example.test", displayName = "Weak", role = "Superuser", password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var errors = (await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("role", out _));
        Assert.True(errors.TryGetProperty("password", out _));
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users")).GetProperty("totalCount").GetInt32());
    }

    private async Task<Guid> SubjectAsync(HttpClient client) =>
        Guid.Parse((await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("subject").GetString()!);

    private static async Task<Guid> CreateAsync(HttpClient admin, string email, string role, string displayName = "Test Account")
    {
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, displayName, role, password = NewPassword });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> UserAsync(HttpClient admin, Guid id) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users?pageSize=200")).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("id").GetGuid() == id);

    private static string[] RolesOf(JsonElement user) => [.. user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).Order()];

    private static readonly string[] AccountActions = ["user.create", "user.roles.set", "user.disable", "user.enable"];

    /// <summary>The audit entries about one account, through the API (filtered by action, so other entries cannot crowd them out).</summary>
    private static async Task<List<JsonElement>> AuditAboutAsync(HttpClient reader, Guid userId)
    {
        var found = new List<JsonElement>();
        foreach (var action in AccountActions)
        {
            var page = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action={action}&pageSize=200");
            found.AddRange(page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("entityId").ValueKind == JsonValueKind.String
                && e.GetProperty("entityId").GetGuid() == userId));
        }

        return found;
    }

    [Fact]
    public async Task Every_account_change_is_audited_with_who_what_and_the_account_id_and_no_names()
    {
        using var admin = await AdminAsync();
        var adminId = await SubjectAsync(admin);
        var email = $"audited-{Guid.NewGuid():N}@example.test";
        const string displayName = "Audited Person Zebulon";
        var id = await CreateAsync(admin, email, "IntakeStaff", displayName);
        using (var roles = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { roles = new[] { "Attorney" } }))
        {
            Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        }

        using (var disabled = await admin.PostAsync($"/api/v1/admin/users/{id}/disable", null))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        using (var enabled = await admin.PostAsync($"/api/v1/admin/users/{id}/enable", null))
        {
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }

        var entries = await AuditAboutAsync(admin, id);
        var expected = new[] { ("user.create", "account"), ("user.roles.set", "roles"), ("user.disable", "account"), ("user.enable", "account") };
        foreach (var (action, category) in expected)
        {
            var entry = Assert.Single(entries, e => e.GetProperty("action").GetString() == action);
            Assert.Equal("User", entry.GetProperty("entityType").GetString());
            Assert.Equal(category, entry.GetProperty("fieldCategory").GetString());
            Assert.Equal(adminId.ToString(), entry.GetProperty("actor").GetString());
        }

        Assert.Equal(expected.Length, entries.Count);
        var stored = string.Join('\n', entries.Select(e => e.GetRawText()));
        Assert.DoesNotContain(email, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Zebulon", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_account_change_stores_neither_the_change_nor_an_audit_entry()
    {
        using var admin = await AdminAsync();
        var id = await CreateAsync(admin, $"refused-{Guid.NewGuid():N}@example.test", "Attorney");
        using var refused = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { roles = new[] { "Administrator", "Attorney" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(new[] { "Attorney" }, RolesOf(await UserAsync(admin, id)));
        Assert.DoesNotContain(await AuditAboutAsync(admin, id), e => e.GetProperty("action").GetString() == "user.roles.set");
    }

    [Theory]
    [InlineData("IntakeStaff")]
    [InlineData("Attorney")]
    [InlineData("ProgramManager")]
    public async Task Administrator_cannot_be_combined_with_a_role_that_reaches_client_files(string role)
    {
        using var admin = await AdminAsync();
        var adminId = await SubjectAsync(admin);
        using var own = await admin.PutAsJsonAsync($"/api/v1/admin/users/{adminId}/roles", new { roles = new[] { "Administrator", role } });
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.True((await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("roles", out _));
        Assert.Equal(new[] { "Administrator" }, RolesOf(await UserAsync(admin, adminId)));

        var other = await CreateAsync(admin, $"combo-{Guid.NewGuid():N}@example.test", role);
        using var promoted = await admin.PutAsJsonAsync($"/api/v1/admin/users/{other}/roles", new { roles = new[] { role, "Administrator" } });
        Assert.Equal(HttpStatusCode.BadRequest, promoted.StatusCode);
        Assert.Equal(new[] { role }, RolesOf(await UserAsync(admin, other)));

        // Still no client data for the administrator (a fresh token, so no earlier roles linger).
        using var fresh = await AdminAsync();
        using var intakes = await fresh.GetAsync("/api/v1/intakes");
        Assert.Equal(HttpStatusCode.Forbidden, intakes.StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_administrator_role()
    {
        using var admin = await AdminAsync();
        var adminId = await SubjectAsync(admin);
        using var demoted = await admin.PutAsJsonAsync($"/api/v1/admin/users/{adminId}/roles", new { roles = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.Conflict, demoted.StatusCode);
        Assert.Equal("CannotRemoveOwnAdministratorRole", (await demoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        Assert.Equal(new[] { "Administrator" }, RolesOf(await UserAsync(admin, adminId)));
    }

    [Fact]
    public async Task The_last_active_administrator_can_be_neither_demoted_nor_disabled()
    {
        using var admin = await AdminAsync();
        var adminId = await SubjectAsync(admin);
        using var client = factory.CreateClient().WithBearer(await factory.CreateClient().GetClientCredentialsTokenAsync());

        // Other tests of this class may have left administrators behind: disable them, so the demo one is the last.
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/users?pageSize=200");
        foreach (var user in listed.GetProperty("items").EnumerateArray().Where(u => u.GetProperty("id").GetGuid() != adminId
                     && !u.GetProperty("isDisabled").GetBoolean() && RolesOf(u).Contains("Administrator")))
        {
            using var off = await client.PostAsync($"/api/v1/admin/users/{user.GetProperty("id").GetGuid()}/disable", null);
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        using (var demoted = await client.PutAsJsonAsync($"/api/v1/admin/users/{adminId}/roles", new { roles = new[] { "Attorney" } }))
        {
            Assert.Equal(HttpStatusCode.Conflict, demoted.StatusCode);
            Assert.Equal("LastAdministrator", (await demoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        }

        using (var disabled = await client.PostAsync($"/api/v1/admin/users/{adminId}/disable", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, disabled.StatusCode);
            Assert.Equal("LastAdministrator", (await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        }

        var demo = await UserAsync(admin, adminId);
        Assert.Equal(new[] { "Administrator" }, RolesOf(demo));
        Assert.False(demo.GetProperty("isDisabled").GetBoolean());

        // With a second active administrator the first may be disabled (here: the second, so the demo one stays).
        var second = await CreateAsync(admin, $"second-admin-{Guid.NewGuid():N}@example.test", "Administrator");
        using var secondOff = await client.PostAsync($"/api/v1/admin/users/{second}/disable", null);
        Assert.Equal(HttpStatusCode.OK, secondOff.StatusCode);
    }

    [Fact]
    public async Task An_office_of_another_organisation_or_none_at_all_is_a_field_error_and_nothing_is_created()
    {
        using var admin = await AdminAsync();
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users")).GetProperty("totalCount").GetInt32();
        foreach (var officeId in new[] { Guid.Parse("00000000-0000-0000-0000-000000000001"), Guid.NewGuid() })
        {
            using var response = await admin.PostAsJsonAsync("/api/v1/admin/users",
                new { email = $"office-{Guid.NewGuid():N}@example.test", displayName = "Office", role = "IntakeStaff", officeId, password = NewPassword });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("officeId", out _));
        }

        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_disabled_account_can_be_enabled_and_signs_in_again()
    {
        using var admin = await AdminAsync();
        var email = $"returner-{Guid.NewGuid():N}@example.test";
        var id = await CreateAsync(admin, email, "Attorney");
        using (var disabled = await admin.PostAsync($"/api/v1/admin/users/{id}/disable", null))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        await Assert.ThrowsAnyAsync<Exception>(() => AuthorizationCodeFlow.SignInAsync(factory, email, NewPassword));

        using var enabled = await admin.PostAsync($"/api/v1/admin/users/{id}/enable", null);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var user = await enabled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(user.GetProperty("isDisabled").GetBoolean());
        Assert.False(user.GetProperty("isLockedOut").GetBoolean());

        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, email, NewPassword);
        using var person = factory.CreateClient().WithBearer(tokens.AccessToken);
        using var me = await person.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        using var unknown = await admin.PostAsync($"/api/v1/admin/users/{Guid.NewGuid()}/enable", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_users_pages_page_through_and_the_role_error_links_to_a_radio()
    {
        using var browser = await AuthorizationCodeFlow.SignInToPagesAsync(factory, $"admin@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);

        // More than one page (50) of accounts, made without passwords (nothing to hash): page 2 has rows.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var organisationId = (await users.FindByEmailAsync($"admin@{Seeder.DemoEmailDomain}"))!.OrganisationId;
            for (var i = users.Users.Count(u => u.OrganisationId == organisationId); i <= 50; i++)
            {
                var email = $"filler-{Guid.NewGuid():N}@example.test";
                Assert.True((await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, DisplayName = "Filler", OrganisationId = organisationId })).Succeeded);
            }
        }

        var first = await browser.GetStringAsync("/Admin/Users");
        var second = await browser.GetStringAsync("/Admin/Users?pageNumber=2");
        Assert.Contains("Page 1 of", first, StringComparison.Ordinal);
        Assert.Contains("href=\"?pageNumber=2\"", first, StringComparison.Ordinal);
        Assert.Contains("Page 2 of", second, StringComparison.Ordinal);
        Assert.Contains("href=\"?pageNumber=1\"", second, StringComparison.Ordinal);

        var form = await browser.GetStringAsync("/Admin/Users/New");
        Assert.Contains("a lower-case letter, a digit and a symbol", form, StringComparison.Ordinal);
        using var posted = await browser.PostAsync("/Admin/Users/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["DisplayName"] = "No Role",
            ["Email"] = $"norole-{Guid.NewGuid():N}@example.test",
            ["Password"] = NewPassword,
            ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(form),
        }));
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#role-IntakeStaff\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"role-IntakeStaff\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_administrators_cannot_manage_accounts()
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"manager@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        using var client = factory.CreateClient();
        client.WithBearer(tokens.AccessToken);
        using var response = await client.GetAsync("/api/v1/admin/users");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class SqliteAdministrationTests(SqliteFactory factory) : AdministrationTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresAdministrationTests(PostgresFactory factory) : AdministrationTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
