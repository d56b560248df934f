using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Reminders;
using CounselConnect.IntegrationTests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// Property-level check for the roles that must not see client files: every GET endpoint the role matrix admits for a
/// program manager or an administrator (from the app's own endpoint list), called with the id of a case that has a
/// client with known names, birth date and A-number, assigned to the demo attorney, answers without any of those values
/// (in any spelling of the A-number). The intake staff member who took the case sees them, so the values are real.
/// </summary>
public abstract class RoleFieldTests<TFactory>(TFactory factory, ITestOutputHelper output) where TFactory : CounselConnectFactory
{
    [Fact]
    public async Task Program_managers_and_administrators_get_no_client_identity_from_any_endpoint()
    {
        var letters = new string([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26)))]);
        var given = "Qx" + letters;
        var family = "Zy" + letters;
        var digits = string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + Random.Shared.Next(10))));
        var dateOfBirth = $"19{Random.Shared.Next(40, 99)}-0{Random.Shared.Next(1, 9)}-1{Random.Shared.Next(0, 9)}";
        string[] secrets = [given, family, digits, $"{digits[..3]}-{digits[3..6]}-{digits[6..]}", dateOfBirth];

        var intakeToken = (await AuthorizationCodeFlow.SignInAsync(factory, $"intake@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword)).AccessToken;
        Guid caseId;
        using (var intake = factory.CreateClient().WithBearer(intakeToken))
        {
            caseId = await IntakeRequests.SubmitAsync(intake, given, family, dateOfBirth, digits);

            // The values are in what intake staff see: a check that the scan below could find them.
            var own = await intake.GetStringAsync($"/api/v1/intakes/{caseId}");
            Assert.Contains(given, own, StringComparison.Ordinal);
            Assert.Contains(family, own, StringComparison.Ordinal);
        }

        await CaseAssignments.AssignAsync(factory.Services, caseId, await CaseAssignments.UserIdAsync(factory.Services, $"attorney@{Seeder.DemoEmailDomain}"));

        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
                && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? false))
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
        var scanned = 0;
        var leaks = new List<string>();
        foreach (var (role, user) in new[] { ("ProgramManager", "manager"), ("Administrator", "admin") })
        {
            var token = (await AuthorizationCodeFlow.SignInAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword)).AccessToken;
            using var http = factory.CreateClient().WithBearer(token);
            foreach (var route in endpoints.Where(r => AuthorizationMatrixTests.Matrix[$"GET {r}"].Contains(role)).Order(StringComparer.Ordinal))
            {
                var path = System.Text.RegularExpressions.Regex.Replace(route.Replace("{caseId:guid}", caseId.ToString(), StringComparison.Ordinal),
                    @"\{[^}]+\}", Guid.NewGuid().ToString());
                using var response = await http.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode < 500, $"GET {route} as {role}: {(int)response.StatusCode}");
                scanned++;
                leaks.AddRange(secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(_ => $"GET {route} as {role}"));
            }
        }

        output.WriteLine($"{scanned} responses scanned; {leaks.Count} with client identity.");
        Assert.True(scanned >= 20, $"Only {scanned} responses scanned.");
        Assert.True(leaks.Count == 0, "Client identity in: " + string.Join("; ", leaks.Distinct()));
    }
}

public sealed class SqliteRoleFieldTests(SqliteFactory factory, ITestOutputHelper output)
    : RoleFieldTests<SqliteFactory>(factory, output), IClassFixture<SqliteFactory>;

public sealed class PostgresRoleFieldTests(PostgresFactory factory, ITestOutputHelper output)
    : RoleFieldTests<PostgresFactory>(factory, output), IClassFixture<PostgresFactory>;
