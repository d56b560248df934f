using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Intake;

/// <summary>Personal data is ciphertext at rest, and destroying a client's data key erases it for good.</summary>
public abstract class EncryptionTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private static object Intake(string given, string family, string aNumber) => new
    {
        person = new { givenNames = given, familyNames = family, aliases = new[] { given + " Alias" + family }, dateOfBirth = "1987-09-23", aNumber },
        relatedParties = Array.Empty<object>(),
        custody = "released",
        courtCode = "NWK",
        primaryLanguage = "por",
        languages = Array.Empty<object>(),
        reliefSought = Array.Empty<string>(),
    };

    /// <summary>Every text and blob cell of the table, as the database holds it.</summary>
    private async Task<string> RawTableAsync(string table)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                text.Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) + Encoding.Latin1.GetString(bytes) : value.ToString()).Append('|');
            }
        }

        return text.ToString();
    }

    [Fact]
    public async Task Names_birth_date_and_A_number_are_not_readable_in_the_database()
    {
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        var family = "Figueiredo" + Guid.NewGuid().ToString("N")[..6];
        using var response = await client.PostAsJsonAsync("/api/v1/intakes", Intake("Joaquim", family, "A 203-445-118"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(family, body.GetProperty("person").GetProperty("familyNames")[0].GetString());
        Assert.Equal("A203-445-118", body.GetProperty("person").GetProperty("aNumber").GetString());

        var raw = await RawTableAsync("Parties");
        Assert.DoesNotContain(family, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Joaquim", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("203445118", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("1987-09-23", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(family, await RawTableAsync("DataKeys"), StringComparison.Ordinal);

        // The A-number's keyed hash finds the party without decrypting anything.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var index = scope.ServiceProvider.GetRequiredService<ProtectedData>().ANumberIndex(ANumber.Parse("203445118"));
        var found = await db.Set<Party>().Where(p => EF.Property<string>(p, ProtectedData.ANumberIndexProperty) == index).ToListAsync();
        Assert.Equal(family, Assert.Single(found).FamilyNames[0]);
    }

    [Fact]
    public async Task Client_email_and_phone_are_not_readable_in_the_database()
    {
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        var family = "Beaubrun" + Guid.NewGuid().ToString("N")[..6];
        using var created = await client.PostAsJsonAsync("/api/v1/intakes", Intake("Nadège", family, "A 415-926-535"));
        var caseId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var email = $"nadege.{family.ToLowerInvariant()}@example.test";
        using var contact = await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact", new
        {
            email,
            phone = "+15551234567",
            preferredLanguage = "hat",
            timeZone = "America/New_York",
            emailConsent = true,
            smsConsent = true,
        });
        Assert.Equal(HttpStatusCode.OK, contact.StatusCode);
        Assert.Equal(email, (await contact.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());

        var raw = await RawTableAsync("ClientContacts");
        Assert.Contains("hat", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(email, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("5551234567", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Destroying_the_client_data_key_erases_the_personal_data_everywhere()
    {
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        var family = "Desrosiers" + Guid.NewGuid().ToString("N")[..6];
        using var response = await client.PostAsJsonAsync("/api/v1/intakes", Intake("Wideline", family, "A 777-123-456"));
        var intake = await response.Content.ReadFromJsonAsync<JsonElement>();
        var caseId = Guid.Parse(intake.GetProperty("id").GetString()!);
        var checkBody = new { givenNames = "Wideline", familyNames = family, aliases = Array.Empty<string>(), aNumber = "777123456" };
        var reference = intake.GetProperty("reference").GetString();
        using (var control = await client.PostAsJsonAsync("/api/v1/conflict-checks", checkBody))
        {
            var found = await control.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(found.GetProperty("matches").EnumerateArray(), m => m.GetProperty("caseReference").GetString() == reference);
        }

        var before = await RawTableAsync("Parties");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DataKeyShredder>().DestroyAsync(caseId, CancellationToken.None));
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Empty((await db.Set<DataKey>().AsNoTracking().SingleAsync(k => k.ScopeId == caseId)).WrappedKey);
        }

        // The ciphertext is still there (as in any backup) but nothing can open it any more.
        Assert.Equal(before, await RawTableAsync("Parties"));
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/intakes/{caseId}");
        Assert.Equal(string.Empty, after.GetProperty("person").GetProperty("givenNames").GetString());
        Assert.Equal(0, after.GetProperty("person").GetProperty("familyNames").GetArrayLength());
        using var check = await client.PostAsJsonAsync("/api/v1/conflict-checks", checkBody);
        var result = await check.Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(result.GetProperty("matches").EnumerateArray(), m => m.GetProperty("caseReference").GetString() == reference);
    }
}

public sealed class SqliteEncryptionTests(SqliteFactory factory) : EncryptionTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresEncryptionTests(PostgresFactory factory) : EncryptionTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
