using System.Net.Http.Json;
using System.Text;
using CounselConnect.IntegrationTests.Support;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>Names, birth dates and A-numbers never reach a log line, on success, on bad input or in background jobs.</summary>
public sealed class LogPrivacyTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task No_personal_value_appears_in_any_log_line()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var given = "Xiomara" + tag;
        var family = "Quenteros" + tag;
        const string birth = "1983-11-29";
        const string aNumber = "314159265";
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());

        (await client.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = given, familyNames = family, aliases = Array.Empty<string>(), dateOfBirth = birth, aNumber },
            custody = "detained",
            courtCode = "ELP",
            primaryLanguage = "spa",
        })).EnsureSuccessStatusCode();
        await client.PostAsJsonAsync("/api/v1/conflict-checks", new { givenNames = given, familyNames = family, dateOfBirth = birth, aNumber });
        // Bad input that carries the values: rejected, and the rejection must not log them either.
        await client.PostAsJsonAsync("/api/v1/intakes", new { person = new { givenNames = given, familyNames = family, dateOfBirth = "1983-13-45", aNumber = aNumber + "9" } });
        await client.PostAsync("/api/v1/intakes", new StringContent($"{{\"person\":{{\"givenNames\":\"{given}\",", Encoding.UTF8, "application/json"));
        using var import = await client.PostAsync("/api/v1/imports/parties", new StringContent(
            $"external_id,role,given_names,family_names,aliases,date_of_birth,a_number,case_reference\nlog-{tag},client,{given},{family},,{birth},{aNumber},\nbad-{tag},client,{given},{family},,not-a-date,,\n",
            Encoding.UTF8, "text/csv"));
        var location = import.Headers.Location!;
        for (var i = 0; i < 120 && !(await client.GetStringAsync(location)).Contains("\"completed\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(250);
        }

        Assert.NotEmpty(LogSink.Lines);
        var leaks = LogSink.Lines.Where(l => l.Contains(given, StringComparison.OrdinalIgnoreCase) || l.Contains(family, StringComparison.OrdinalIgnoreCase)
            || l.Contains(birth, StringComparison.Ordinal) || l.Contains(aNumber, StringComparison.Ordinal) || l.Contains("314-159-265", StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "Personal data in logs: " + string.Join(" | ", leaks.Take(3)));
    }
}
