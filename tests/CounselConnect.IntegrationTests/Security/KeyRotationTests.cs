using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Application.Auditing;
using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// Master-key rotation: one database served in turn by a server with the development master key, one with a new
/// current master key beside the old one (the rotation runs there), and one with only the new key.
/// </summary>
public abstract class KeyRotationTests
{
    private const string OldId = "development";
    private const string NewId = "rotated-2026";
    private static readonly string NewKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static readonly string OldKey = "ZGV2ZWxvcG1lbnQtb25seS1ub3QtYS1yZWFsLWtleSE="; // appsettings.Development.json

    protected abstract CounselConnectFactory NewFactory();

    private static object Intake(string given, string family, string aNumber) => new
    {
        person = new { givenNames = given, familyNames = family, aliases = Array.Empty<string>(), dateOfBirth = "1990-04-02", aNumber },
        relatedParties = Array.Empty<object>(),
        custody = "released",
        courtCode = "NWK",
        primaryLanguage = "spa",
        languages = Array.Empty<object>(),
        reliefSought = Array.Empty<string>(),
    };

    [Fact]
    public async Task Rotating_to_a_new_master_key_keeps_every_value_index_and_audit_chain_and_the_old_key_can_go()
    {
        var first = NewFactory();
        await first.InitializeAsync();
        try
        {
            var connection = first.ConnectionString;
            var suffix = Guid.NewGuid().ToString("N")[..6];
            var cases = new Dictionary<string, (Guid Id, string ANumber)>();
            var references = new Dictionary<Guid, string>();
            using (var client = first.CreateClient())
            {
                client.WithBearer(await client.GetClientCredentialsTokenAsync());
                foreach (var (family, number) in new[] { ("Okonkwo" + suffix, "A 301-552-104"), ("Ivanova" + suffix, "A 301-552-105"), ("Shredded" + suffix, "A 301-552-106") })
                {
                    using var created = await client.PostAsJsonAsync("/api/v1/intakes", Intake("Ada", family, number));
                    Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                    var body = await created.Content.ReadFromJsonAsync<JsonElement>();
                    cases[family] = (Guid.Parse(body.GetProperty("id").GetString()!), number);
                    references[cases[family].Id] = body.GetProperty("reference").GetString()!;
                }

                using var contact = await client.PutAsJsonAsync($"/api/v1/cases/{cases["Okonkwo" + suffix].Id}/client-contact", new
                {
                    email = $"ada.{suffix}@example.test", phone = "+15550001111", preferredLanguage = "spa", timeZone = "America/New_York", emailConsent = true, smsConsent = false,
                });
                Assert.Equal(HttpStatusCode.OK, contact.StatusCode);
            }

            await using (var scope = first.Services.CreateAsyncScope())
            {
                Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DataKeyShredder>().DestroyAsync(cases["Shredded" + suffix].Id, CancellationToken.None));
            }

            // Only administrators see key status or start a rotation.
            await AssertRefusedToNonAdministratorsAsync(first);
            await first.DisposeAsync();

            // Configured with only a new key before the rotation: refuses to start, naming the missing key.
            var premature = new SameDatabaseFactory(first.Provider, connection, OnlyNewKey);
            var refused = await Assert.ThrowsAnyAsync<Exception>(premature.InitializeAsync);
            Assert.Contains($"'{OldId}', which this server does not have", refused.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(NewKey, refused.ToString(), StringComparison.Ordinal);
            await premature.DisposeAsync();

            // The new key is current, the old one still configured: new data keys go under the new key, then the rotation.
            var rotating = new SameDatabaseFactory(first.Provider, connection, new Dictionary<string, string>
            {
                ["Encryption:MasterKey"] = string.Empty,
                ["Encryption:MasterKeyId"] = NewId,
                [$"Encryption:MasterKeys:{OldId}"] = OldKey,
                [$"Encryption:MasterKeys:{NewId}"] = NewKey,
            });
            await rotating.InitializeAsync();
            using (var client = rotating.CreateClient())
            {
                client.WithBearer(await client.GetClientCredentialsTokenAsync());
                using var created = await client.PostAsJsonAsync("/api/v1/intakes", Intake("Ada", "Mensah" + suffix, "A 301-552-107"));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                cases["Mensah" + suffix] = (Guid.Parse((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!), "A 301-552-107");
                await AssertCasesReadAsync(client, cases, "Shredded" + suffix);
            }

            using (var admin = rotating.CreateClient())
            {
                admin.WithBearer((await AuthorizationCodeFlow.SignInAsync(rotating, $"admin@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword)).AccessToken);
                var before = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/keys");
                Assert.Equal(NewId, before.GetProperty("currentMasterKeyId").GetString());
                var old = Usage(before, OldId);
                Assert.True(old.GetProperty("dataKeys").GetInt64() >= 2, before.ToString());
                Assert.Equal(2, old.GetProperty("keyMaterial").GetInt64());
                Assert.True(Usage(before, NewId).GetProperty("dataKeys").GetInt64() >= 1);
                Assert.Equal(1, before.GetProperty("destroyedDataKeys").GetInt64());

                using (var wrongTarget = await admin.PostAsJsonAsync("/api/v1/admin/keys/rotation", new { targetMasterKeyId = OldId }))
                {
                    Assert.Equal(HttpStatusCode.BadRequest, wrongTarget.StatusCode);
                    Assert.True((await wrongTarget.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("targetMasterKeyId", out _));
                }

                using (var started = await admin.PostAsJsonAsync("/api/v1/admin/keys/rotation", new { targetMasterKeyId = NewId }))
                {
                    Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
                }

                var after = await WaitForCompletionAsync(admin);
                Assert.True(Usage(after, OldId).GetProperty("dataKeys").GetInt64() == 0, after.ToString());
                Assert.True(Usage(after, OldId).GetProperty("keyMaterial").GetInt64() == 0, after.ToString());
                Assert.Equal(2, Usage(after, NewId).GetProperty("keyMaterial").GetInt64());
                Assert.Equal(0, after.GetProperty("keysToRotate").GetInt64());
                Assert.Equal(JsonValueKind.Null, after.GetProperty("running").ValueKind);
                var latest = after.GetProperty("latest");
                Assert.Equal(latest.GetProperty("total").GetInt64(), latest.GetProperty("done").GetInt64());
                Assert.Equal(old.GetProperty("dataKeys").GetInt64() + 2, latest.GetProperty("total").GetInt64());

                using var again = await admin.PostAsJsonAsync("/api/v1/admin/keys/rotation", new { targetMasterKeyId = NewId });
                Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
                Assert.Equal("NothingToRotate", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
            }

            await using (var scope = rotating.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                Assert.All(await db.Set<DataKey>().AsNoTracking().ToListAsync(), k => Assert.Equal(NewId, k.MasterKeyId));
                var shredded = await db.Set<DataKey>().AsNoTracking().SingleAsync(k => k.ScopeId == cases["Shredded" + suffix].Id);
                Assert.True(shredded.IsDestroyed);
                Assert.Empty(shredded.WrappedKey);
                Assert.Contains(await db.Set<Domain.Auditing.AuditEntry>().AsNoTracking().Select(e => e.Action).ToListAsync(), a => a == "keys.rotation.complete");
            }

            await rotating.DisposeAsync();

            // Only the new key configured now (the one-key form): starts, reads everything, finds by A-number, chains intact.
            var renewed = new SameDatabaseFactory(first.Provider, connection, OnlyNewKey);
            await renewed.InitializeAsync();
            try
            {
                using var client = renewed.CreateClient();
                client.WithBearer(await client.GetClientCredentialsTokenAsync());
                await AssertCasesReadAsync(client, cases, "Shredded" + suffix);
                using (var check = await client.PostAsJsonAsync("/api/v1/conflict-checks",
                    new { givenNames = "Someone", familyNames = "Else", aliases = Array.Empty<string>(), aNumber = "301552105" }))
                {
                    var matches = (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches");
                    Assert.Contains(matches.EnumerateArray(), m => m.GetProperty("caseReference").GetString() == references[cases["Ivanova" + suffix].Id]);
                }

                await using var scope = renewed.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var index = scope.ServiceProvider.GetRequiredService<ProtectedData>().ANumberIndex(ANumber.Parse("301552104"));
                var found = await db.Set<Party>().Where(p => EF.Property<string>(p, ProtectedData.ANumberIndexProperty) == index).ToListAsync();
                Assert.Equal("Okonkwo" + suffix, Assert.Single(found).FamilyNames[0]);
                var contact = await db.Set<Domain.Reminders.ClientContact>().AsNoTracking().SingleAsync(c => c.CaseId == cases["Okonkwo" + suffix].Id);
                Assert.Equal($"ada.{suffix}@example.test", contact.Email);

                var report = await scope.ServiceProvider.GetRequiredService<IAuditChainVerifier>().VerifyAsync(null, CancellationToken.None);
                Assert.True(report.Intact, report.FirstBreak?.Reason);
                Assert.True(report.EntriesChecked > 0);
            }
            finally
            {
                await renewed.DisposeAsync();
            }
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    private static readonly Dictionary<string, string> OnlyNewKey = new()
    {
        ["Encryption:MasterKey"] = NewKey,
        ["Encryption:MasterKeyId"] = NewId,
    };

    private static JsonElement Usage(JsonElement status, string id) =>
        status.GetProperty("masterKeys").EnumerateArray().Single(u => u.GetProperty("masterKeyId").GetString() == id);

    private static async Task<JsonElement> WaitForCompletionAsync(HttpClient admin)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var status = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/keys");
            var latest = status.GetProperty("latest");
            if (latest.ValueKind == JsonValueKind.Object && latest.GetProperty("status").GetString() != "running")
            {
                Assert.Equal("completed", latest.GetProperty("status").GetString());
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, "The rotation did not complete in 90 s: " + status);
            await Task.Delay(500);
        }
    }

    private static async Task AssertCasesReadAsync(HttpClient client, Dictionary<string, (Guid Id, string ANumber)> cases, string shredded)
    {
        foreach (var (family, (id, number)) in cases)
        {
            var intake = await client.GetFromJsonAsync<JsonElement>($"/api/v1/intakes/{id}");
            var person = intake.GetProperty("person");
            if (family == shredded)
            {
                Assert.Equal(0, person.GetProperty("familyNames").GetArrayLength());
                Assert.Equal(string.Empty, person.GetProperty("givenNames").GetString());
            }
            else
            {
                Assert.Equal(family, person.GetProperty("familyNames")[0].GetString());
                Assert.Equal(ANumber.Parse(number).ToString(), person.GetProperty("aNumber").GetString());
            }
        }
    }

    private static async Task AssertRefusedToNonAdministratorsAsync(CounselConnectFactory factory)
    {
        using (var anonymous = factory.CreateClient())
        {
            using var status = await anonymous.GetAsync("/api/v1/admin/keys");
            Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        }

        foreach (var user in new[] { "intake", "manager" })
        {
            using var client = factory.CreateClient();
            client.WithBearer((await AuthorizationCodeFlow.SignInAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword)).AccessToken);
            using var status = await client.GetAsync("/api/v1/admin/keys");
            Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
            using var start = await client.PostAsJsonAsync("/api/v1/admin/keys/rotation", new { targetMasterKeyId = OldId });
            Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<KeyRotation>().AnyAsync());
    }
}

/// <summary>
/// A server on a database another factory made (not dropped when it stops), with settings of its own; on a real
/// loopback port (Kestrel) when a browser is to reach it.
/// </summary>
internal sealed class SameDatabaseFactory : CounselConnectFactory
{
    private readonly DatabaseProvider provider;
    private readonly string connectionString;
    private readonly IReadOnlyDictionary<string, string> settings;

    public SameDatabaseFactory(DatabaseProvider provider, string connectionString, IReadOnlyDictionary<string, string> settings, bool kestrel = false)
    {
        this.provider = provider;
        this.connectionString = connectionString;
        this.settings = settings;
        if (kestrel)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
    }

    public override DatabaseProvider Provider => provider;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => settings;

    protected override Task<string> ProvisionDatabaseAsync() => Task.FromResult(connectionString);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}

public sealed class SqliteKeyRotationTests : KeyRotationTests
{
    protected override CounselConnectFactory NewFactory() => new SqliteFactory();
}

public sealed class PostgresKeyRotationTests : KeyRotationTests
{
    protected override CounselConnectFactory NewFactory() => new PostgresFactory();
}
