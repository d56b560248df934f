using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Domain.Organisations;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Intake;

/// <summary>
/// The organisation's conflict thresholds are read with the check's own query, so a change committed by any server
/// (here: straight in the database, as another node would) decides the very next check.
/// </summary>
public abstract class ConflictThresholdTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    /// <summary>Records an intake (detained, NYC, Spanish, asylum) of <paramref name="person"/>: a party later checks find.</summary>
    private static async Task RecordAsync(HttpClient client, object person) =>
        (await client.PostAsJsonAsync("/api/v1/intakes", new
        {
            person,
            relatedParties = Array.Empty<object>(),
            custody = "detained",
            courtCode = "NYC",
            primaryLanguage = "spa",
            languages = new[] { new { code = "spa", speaks = true, reads = true } },
            interpreterNeeded = false,
            reliefSought = new[] { "asylum" },
        })).EnsureSuccessStatusCode();

    [Fact]
    public async Task A_threshold_change_committed_elsewhere_decides_the_next_ad_hoc_check()
    {
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        var family = "Brown" + Guid.NewGuid().ToString("N")[..6];
        await RecordAsync(client, new { givenNames = "Michael", familyNames = family, aliases = Array.Empty<string>(), dateOfBirth = "1975-06-01" });
        var person = new { givenNames = "Mike", familyNames = new[] { family + "e" }, aliases = Array.Empty<string>(), dateOfBirth = "1975" };

        try
        {
            var (outcome, score) = await CheckAsync(client, person);
            Assert.NotEqual("no_match", outcome);
            Assert.InRange(score, 0.01, 0.99);

            // Both thresholds above the score: the same person is no match at all.
            await SetThresholdsAsync(Math.Min(1, score + 0.005), Math.Min(1, score + 0.005));
            Assert.Equal(("no_match", 0.0), await CheckAsync(client, person));

            // Both below it: a likely conflict.
            await SetThresholdsAsync(score - 0.01, score - 0.005);
            Assert.Equal("likely", (await CheckAsync(client, person)).Outcome);

            // Potential below, likely above: a potential conflict.
            await SetThresholdsAsync(score - 0.01, Math.Min(1, score + 0.005));
            Assert.Equal("potential", (await CheckAsync(client, person)).Outcome);
        }
        finally
        {
            await SetThresholdsAsync(null, null);
        }
    }

    [Theory]
    [InlineData(0.6, 0.9)]
    [InlineData(0.75, 0.8)]
    [InlineData(0.95, 0.99)]
    public async Task An_identical_common_full_name_is_potential_under_the_organisations_own_higher_threshold(double potential, double likely)
    {
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        await RecordAsync(client, new { givenNames = "Maria", familyNames = "Garcia", aliases = Array.Empty<string>() });

        try
        {
            await SetThresholdsAsync(potential, likely);

            // The uncorroborated namesake is shown, as a potential (not likely) match, scored at the organisation's threshold.
            using var response = await client.PostAsJsonAsync("/api/v1/conflict-checks",
                new { givenNames = "Maria", familyNames = new[] { "Garcia" }, aliases = Array.Empty<string>() });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("potential", body.GetProperty("outcome").GetString());
            var top = body.GetProperty("matches")[0];
            Assert.InRange(top.GetProperty("score").GetDouble(), potential, likely - 1e-9);
            Assert.Contains("full name identical", top.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

            // A shared common surname alone is still no match.
            var (outcome, _) = await CheckAsync(client, new { givenNames = "Rosa", familyNames = new[] { "Garcia" }, aliases = Array.Empty<string>() });
            Assert.Equal("no_match", outcome);
        }
        finally
        {
            await SetThresholdsAsync(null, null);
        }
    }

    private static async Task<(string Outcome, double TopScore)> CheckAsync(HttpClient client, object person)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/conflict-checks", person);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var matches = body.GetProperty("matches");
        return (body.GetProperty("outcome").GetString()!, matches.GetArrayLength() == 0 ? 0 : matches[0].GetProperty("score").GetDouble());
    }

    private async Task SetThresholdsAsync(double? potential, double? likely)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organisation = await db.Set<Organisation>().SingleAsync(o => o.Name == Seeder.DemoOrganisationName);
        organisation.SetConflictThresholds(potential, likely);
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteConflictThresholdTests(SqliteFactory factory) : ConflictThresholdTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresConflictThresholdTests(PostgresFactory factory) : ConflictThresholdTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
