using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CounselConnect.Application.Administration.Retention;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// Retention end: the purge erases cases closed longer ago than the organisation's retention period, spares cases
/// on legal hold, and afterwards nothing personal about the erased client can be read anywhere in the database.
/// </summary>
public abstract class RetentionTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private sealed record Client(Guid CaseId, string Given, string Family, string ANumberDigits, string BirthDate, string Email);

    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        return client.WithBearer(await client.GetClientCredentialsTokenAsync());
    }

    /// <param name="nameInLocation">Staff wrote the family name into the hearing location (free text stored in clear).</param>
    private static async Task<Client> DeclinedIntakeAsync(HttpClient http, string given, int seed, bool nameInLocation = false)
    {
        var family = given + "son" + Guid.NewGuid().ToString("N")[..6];
        var digits = (200_000_000 + Random.Shared.Next(1_000_000, 99_999_999)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var birthDate = $"19{50 + seed}-0{1 + seed}-1{seed}";
        using var created = await http.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = given, familyNames = family, aliases = Array.Empty<string>(), dateOfBirth = birthDate, aNumber = digits },
            relatedParties = Array.Empty<object>(),
            custody = "released",
            courtCode = "NWK",
            hearingLocation = nameInLocation ? $"Elizabeth Detention Center cell of {family}" : null,
            primaryLanguage = "spa",
            languages = Array.Empty<object>(),
            reliefSought = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var caseId = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        var email = $"{family.ToLowerInvariant()}@example.test";
        using var contact = await http.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact", new
        {
            email,
            phone = (string?)null,
            preferredLanguage = "spa",
            timeZone = "America/New_York",
            emailConsent = true,
            smsConsent = false,
        });
        Assert.Equal(HttpStatusCode.OK, contact.StatusCode);
        // Staff sometimes write names into free text: it is sealed under the case's key and goes with it.
        using var declined = await http.PostAsJsonAsync($"/api/v1/intakes/{caseId}/decline", new { reason = $"Conflict: we represent a relative of {family}" });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        return new Client(caseId, given, family, digits, birthDate, email);
    }

    /// <summary>Every cell of every table of the model, as the database holds it (blobs read as text both ways).</summary>
    private async Task<string> RawDatabaseAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    text.Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) + Encoding.Latin1.GetString(bytes) : value.ToString()).Append('|');
                }
            }
        }

        return text.ToString();
    }

    private async Task<List<string>> ReadableTracesAsync(Client c)
    {
        string index;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            index = scope.ServiceProvider.GetRequiredService<ProtectedData>().ANumberIndex(ANumber.Parse(c.ANumberDigits));
        }

        var raw = await RawDatabaseAsync();
        return new[] { c.Family, c.ANumberDigits, c.BirthDate, c.Email, index }.Where(v => raw.Contains(v, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private async Task BackdateAsync(Guid caseId, int days)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var when = DateTime.UtcNow.AddDays(-days);
        Assert.Equal(1, await db.Set<Case>().Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.StatusChangedAtUtc, when)));
    }

    private async Task<IReadOnlyList<Guid>> PurgeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeExpiredCasesCommand());
        var purged = await scope.ServiceProvider.GetRequiredService<IRetentionPurge>().PurgeDueAsync(CancellationToken.None);
        Assert.Empty(purged); // the command already erased everything due
        return count == 0 ? [] : await ErasedCasesAsync();
    }

    private async Task<IReadOnlyList<Guid>> ErasedCasesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<DataKey>().Where(k => k.DestroyedAtUtc != null).Select(k => k.ScopeId).ToListAsync();
    }

    private async Task<HttpClient> AdministratorAsync()
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"admin@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        return factory.CreateClient().WithBearer(tokens.AccessToken);
    }

    /// <summary>
    /// Free text about the case that is not sealed under its key, with the family name in it: a legal hold placed and
    /// released, and an administrator's break-glass grant.
    /// </summary>
    private async Task PlantNamesBesideAsync(HttpClient http, Client c)
    {
        using (var hold = await http.PutAsJsonAsync($"/api/v1/admin/cases/{c.CaseId}/legal-hold", new { reason = $"Subpoena re {c.Family}" }))
        {
            Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
        }

        using (var release = await http.DeleteAsync($"/api/v1/admin/cases/{c.CaseId}/legal-hold"))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        using var admin = await AdministratorAsync();
        using var grant = await admin.PostAsJsonAsync("/api/v1/break-glass",
            new { caseId = c.CaseId, reason = $"{c.Given} {c.Family} asked for a copy of the file; attorney unreachable", minutes = 5 });
        Assert.Equal(HttpStatusCode.Created, grant.StatusCode);
    }

    /// <summary>
    /// The intake's page says the person was erased, and when, in English and in Spanish. The page is read by intake
    /// staff of the case's office: the case is moved into the demo intake user's office first.
    /// </summary>
    private async Task ErasedNoteOnThePageAsync(Guid caseId, DateTime erasedAtUtc)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var office = await db.Users.Where(u => u.Email == $"intake@{Seeder.DemoEmailDomain}").Select(u => u.OfficeId).SingleAsync();
            Assert.Equal(1, await db.Set<Case>().Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.OfficeId, office)));
        }

        var date = erasedAtUtc.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var browser = await AuthorizationCodeFlow.SignInToPagesAsync(factory, $"intake@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        var english = await browser.GetStringAsync($"/Intake/Details/{caseId}");
        Assert.Contains($"Erased by the retention policy on {date}", english, StringComparison.Ordinal);
        using var spanish = new HttpRequestMessage(HttpMethod.Get, $"/Intake/Details/{caseId}");
        spanish.Headers.AcceptLanguage.ParseAdd("es");
        using var answer = await browser.SendAsync(spanish);
        Assert.Contains($"Borrado por la política de conservación el {date}", System.Net.WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_erases_cases_past_retention_spares_legal_holds_and_leaves_nothing_readable()
    {
        using var http = await ClientAsync();
        using (var settings = await http.PutAsJsonAsync("/api/v1/admin/retention", new { daysAfterClosing = 30 }))
        {
            Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
            Assert.Equal(30, (await settings.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("effectiveDaysAfterClosing").GetInt32());
        }

        var expired = await DeclinedIntakeAsync(http, "Eulalia", 1, nameInLocation: true);
        await PlantNamesBesideAsync(http, expired);
        var held = await DeclinedIntakeAsync(http, "Anselmo", 2);
        var recent = await DeclinedIntakeAsync(http, "Rosalba", 3);
        await BackdateAsync(expired.CaseId, 40);
        await BackdateAsync(held.CaseId, 40);
        await BackdateAsync(recent.CaseId, 10);
        using (var hold = await http.PutAsJsonAsync($"/api/v1/admin/cases/{held.CaseId}/legal-hold", new { reason = "Subpoena challenge, matter 2026-14" }))
        {
            Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
        }

        // Before the purge the A-number's keyed hash is in the database in clear; the decline note naming the family is
        // sealed under the case's key (SealedText), so the family name is not...
        var before = await ReadableTracesAsync(recent);
        Assert.NotEmpty(before);
        Assert.DoesNotContain(recent.Family, before);
        // ...unless staff wrote it where text is kept in clear: the hearing location, a legal hold's or a grant's reason.
        Assert.Contains(expired.Family, await ReadableTracesAsync(expired));

        var erased = await PurgeAsync();
        Assert.Contains(expired.CaseId, erased);
        Assert.DoesNotContain(held.CaseId, erased);
        Assert.DoesNotContain(recent.CaseId, erased);

        Assert.Empty(await ReadableTracesAsync(expired));
        Assert.NotEmpty(await ReadableTracesAsync(held));
        Assert.NotEmpty(await ReadableTracesAsync(recent));
        var afterPurge = await http.GetFromJsonAsync<JsonElement>($"/api/v1/intakes/{expired.CaseId}");
        Assert.Equal(string.Empty, afterPurge.GetProperty("person").GetProperty("givenNames").GetString());
        Assert.Equal(JsonValueKind.Null, afterPurge.GetProperty("hearingLocation").ValueKind);
        var erasedAt = afterPurge.GetProperty("erasedAtUtc").GetDateTime();
        Assert.InRange(erasedAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        await ErasedNoteOnThePageAsync(expired.CaseId, erasedAt);

        // Once the hold is released, the next run erases the held case as well.
        using (var release = await http.DeleteAsync($"/api/v1/admin/cases/{held.CaseId}/legal-hold"))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        Assert.Contains(held.CaseId, await PurgeAsync());
        Assert.Empty(await ReadableTracesAsync(held));
    }

    [Fact]
    public async Task Retention_and_hold_requests_are_validated()
    {
        using var http = await ClientAsync();
        using var tooLong = await http.PutAsJsonAsync("/api/v1/admin/retention", new { daysAfterClosing = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        using var unknownCase = await http.PutAsJsonAsync($"/api/v1/admin/cases/{Guid.NewGuid()}/legal-hold", new { reason = "x" });
        Assert.Equal(HttpStatusCode.NotFound, unknownCase.StatusCode);
        using var noReason = await http.PutAsJsonAsync($"/api/v1/admin/cases/{Guid.NewGuid()}/legal-hold", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var noHold = await http.DeleteAsync($"/api/v1/admin/cases/{Guid.NewGuid()}/legal-hold");
        Assert.Equal(HttpStatusCode.NotFound, noHold.StatusCode);
    }
}

public sealed class SqliteRetentionTests(SqliteFactory factory) : RetentionTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresRetentionTests(PostgresFactory factory) : RetentionTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
