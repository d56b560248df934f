using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>
/// The same judge-set deadline (case, date, description) is stored once even when it is posted many times at the same
/// moment: one request is a 201, the others the same 409 a second sequential post gets. On each database engine.
/// </summary>
public abstract class DeadlineDuplicateTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private const int Parallel = 8;

    private async Task<HttpClient> PersonAsync(string user)
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        return factory.CreateClient().WithBearer(tokens.AccessToken);
    }

    private async Task<Guid> AssignedCaseAsync()
    {
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        var caseId = await IntakeRequests.SubmitAsync(client, "Plazo", "Doble" + Guid.NewGuid().ToString("N")[..6], "1991-04-05");
        await CaseAssignments.AssignAsync(factory.Services, caseId, await CaseAssignments.UserIdAsync(factory.Services, $"attorney@{Seeder.DemoEmailDomain}"));
        return caseId;
    }

    private async Task<List<JudgeSetDeadline>> DeadlinesAsync(Guid caseId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<JudgeSetDeadline>().AsNoTracking().Where(d => d.CaseId == caseId).ToListAsync();
    }

    [Fact]
    public async Task The_same_Deadline_posted_at_the_same_moment_is_stored_once_and_the_others_are_409()
    {
        var caseId = await AssignedCaseAsync();
        using var attorney = await PersonAsync("attorney");
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30));

        // Several rounds, each its own deadline, so that a race the check in memory loses shows up for sure.
        for (var round = 0; round < 4; round++)
        {
            var description = $"Brief and evidence per scheduling order {round}";
            var body = new { dueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), description };
            using var start = new SemaphoreSlim(0, Parallel);
            var posts = Enumerable.Range(0, Parallel).Select(async i =>
            {
                await start.WaitAsync();
                // Differently written, the same deadline: case and spaces do not make it another one.
                var written = i % 2 == 0 ? body : new { body.dueDate, description = "  " + description.ToUpperInvariant() + " " };
                using var response = await attorney.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", written);
                var text = await response.Content.ReadAsStringAsync();
                return (response.StatusCode, Text: text);
            }).ToList();
            start.Release(Parallel);
            var answers = await Task.WhenAll(posts);

            Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Created) == 1,
                "Answers: " + string.Join(", ", answers.Select(a => (int)a.StatusCode)));
            foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            {
                Assert.True(refused.StatusCode == HttpStatusCode.Conflict, $"{(int)refused.StatusCode}: {refused.Text}");
                var problem = JsonDocument.Parse(refused.Text).RootElement;
                Assert.Equal("JudgeSetDeadlineDuplicate", problem.GetProperty("rule").GetString());
                Assert.DoesNotContain(description, refused.Text, StringComparison.OrdinalIgnoreCase);
            }

            var stored = await DeadlinesAsync(caseId);
            Assert.Single(stored, d => d.DueDate == due && string.Equals(d.Description, description, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Equal(4, (await DeadlinesAsync(caseId)).Count);
    }

    [Fact]
    public async Task Deadlines_stored_before_the_index_get_their_keyed_hash_and_a_copy_stored_then_keeps_none()
    {
        var caseId = await AssignedCaseAsync();
        using var attorney = await PersonAsync("attorney");
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(31));
        const string description = "Pre-hearing statement per order";
        using (var first = await attorney.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines",
                   new { dueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), description }))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        // As an earlier release stored them: no keyed hash, and a copy that two posts at the same moment let through.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await Indexed(db, caseId).ExecuteUpdateAsync(s => s.SetProperty(d => EF.Property<string?>(d, ProtectedData.SameDeadlineIndexProperty), (string?)null));
            db.Add(JudgeSetDeadline.Enter(caseId, due, description.ToUpperInvariant(), Guid.NewGuid(), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            await Indexed(db, caseId).ExecuteUpdateAsync(s => s.SetProperty(d => EF.Property<string?>(d, ProtectedData.SameDeadlineIndexProperty), (string?)null));
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var backfill = ActivatorUtilities.CreateInstance<DeadlineIndexBackfill>(scope.ServiceProvider);
            Assert.True(await backfill.FillAllAsync(CancellationToken.None) >= 1);
            Assert.Equal(0, await backfill.FillAllAsync(CancellationToken.None));

            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await db.Set<JudgeSetDeadline>().AsNoTracking().Where(d => d.CaseId == caseId)
                .Select(d => new { Deadline = d, Index = EF.Property<string?>(d, ProtectedData.SameDeadlineIndexProperty) })
                .ToListAsync();
            Assert.Equal(2, rows.Count);
            var indexed = Assert.Single(rows, r => r.Index is not null);
            Assert.Equal(scope.ServiceProvider.GetRequiredService<ProtectedData>().SameDeadlineIndex(indexed.Deadline), indexed.Index);
        }

        // From now on the index holds it: another copy saved past the check is refused by the database.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Add(JudgeSetDeadline.Enter(caseId, due, description, Guid.NewGuid(), DateTimeOffset.UtcNow));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(2, (await DeadlinesAsync(caseId)).Count);
    }

    private static IQueryable<JudgeSetDeadline> Indexed(AppDbContext db, Guid caseId) =>
        db.Set<JudgeSetDeadline>().Where(d => d.CaseId == caseId && EF.Property<string?>(d, ProtectedData.SameDeadlineIndexProperty) != null);
}

public sealed class SqliteDeadlineDuplicateTests(SqliteFactory factory) : DeadlineDuplicateTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresDeadlineDuplicateTests(PostgresFactory factory) : DeadlineDuplicateTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
