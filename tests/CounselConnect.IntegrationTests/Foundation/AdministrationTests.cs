using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;

namespace CounselConnect.IntegrationTests.Foundation;

/// <summary>Administrators create accounts; shrinking access revokes tokens at once.</summary>
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
