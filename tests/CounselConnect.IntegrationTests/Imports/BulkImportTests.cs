using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Imports;
using CounselConnect.Application.Imports.RunPartyImport;
using CounselConnect.Domain.Imports;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CounselConnect.IntegrationTests.Imports;

/// <summary>
/// The bulk import path (PostgreSQL COPY, SQLite prepared inserts) against the EF path it replaces, on each engine:
/// same stored parties, idempotent re-imports, rejected rows leave nothing behind, and the conflict index of the
/// server picks the imported parties up.
/// </summary>
public abstract class BulkImportTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private const string Header = "external_id,role,given_names,family_names,aliases,date_of_birth,a_number,case_reference\n";

    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        return client;
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..6];

    /// <summary>Rows with every kind of field: aliases, partial and full dates, A-numbers, empty optional fields.</summary>
    private static string Rows(string prefix, string tag, int count)
    {
        var csv = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var aliases = i % 3 == 0 ? $"Alias{i} {tag}|Otro {tag}" : string.Empty;
            var dob = (i % 4) switch { 0 => "1980", 1 => "1975-06", 2 => $"1990-01-{1 + (i % 28):00}", _ => string.Empty };
            var aNumber = i % 2 == 0 ? $"A{200_000_000 + i}" : string.Empty;
            var reference = i % 5 == 0 ? string.Empty : $"REF-{i}";
            csv.Append($"{prefix}-{tag}-{i},{(i % 2 == 0 ? "client" : "Adverse_Party")},Given{i} Núñez,Family{tag}{i}|Second{i},{aliases},{dob},{aNumber},{reference}\n");
        }

        return csv.ToString();
    }

    [Fact]
    public void The_engine_has_a_bulk_writer()
    {
        using var scope = factory.Services.CreateScope();
        Assert.True(scope.ServiceProvider.GetRequiredService<IPartyBulkWriter>().IsAvailable);
    }

    [Fact]
    public async Task Bulk_import_stores_the_same_parties_as_the_EF_path()
    {
        var tag = Unique();
        var bulkImport = await RunImportAsync(Header + Rows("bulk", tag, 60), useBulk: true);
        var efImport = await RunImportAsync(Header + Rows("ef", tag, 60), useBulk: false);
        Assert.Equal(60, bulkImport.RowsAccepted);
        Assert.Equal(60, efImport.RowsAccepted);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var bulk = await StoredAsync(db, $"bulk-{tag}-");
        var ef = await StoredAsync(db, $"ef-{tag}-");
        Assert.Equal(60, bulk.Count);
        // Only the leading prefix is swapped: the random tag may itself contain "ef-" (e.g. tag "dfefef").
        Assert.Equal(ef.Keys.Select(k => k["ef-".Length..]).Order(), bulk.Keys.Select(k => k["bulk-".Length..]).Order());
        foreach (var (externalId, party) in bulk)
        {
            var twin = ef["ef-" + externalId["bulk-".Length..]];
            Assert.False(party.Entity.IsErased);
            Assert.Equal(twin.Entity.GivenNames, party.Entity.GivenNames);
            Assert.Equal(twin.Entity.FamilyNames, party.Entity.FamilyNames);
            Assert.Equal(twin.Entity.Aliases, party.Entity.Aliases);
            Assert.Equal(twin.Entity.DateOfBirth, party.Entity.DateOfBirth);
            Assert.Equal(twin.Entity.ANumber, party.Entity.ANumber);
            Assert.Equal(twin.Entity.Role, party.Entity.Role);
            Assert.Equal(twin.Entity.CaseReference, party.Entity.CaseReference);
            Assert.Equal(twin.ANumberIndex, party.ANumberIndex);
            Assert.Equal(twin.Entity.CreatedAtUtc.Date, party.Entity.CreatedAtUtc.Date);
            Assert.Null(party.Entity.UpdatedAtUtc);

            // Its own data key, scoped to the party, as the EF path stores it.
            var key = await db.Set<DataKey>().AsNoTracking().SingleAsync(k => k.Id == party.DataKeyId);
            Assert.Equal(party.Entity.Id, key.ScopeId);
            Assert.Equal(party.Entity.OrganisationId, key.OrganisationId);
            Assert.Equal(1, await db.Set<PartyChange>().CountAsync(c => c.PartyId == party.Entity.Id));
        }

        // Nothing readable in the stored row: the given name is only in the ciphertext.
        var sample = bulk.Values.First();
        Assert.Equal(-1, sample.Protected.AsSpan().IndexOf(Encoding.UTF8.GetBytes(sample.Entity.GivenNames)));
    }

    [Fact]
    public async Task Re_importing_the_same_file_updates_in_place_and_adds_no_party()
    {
        var tag = Unique();
        var csv = Header + Rows("again", tag, 40);
        var first = await RunImportAsync(csv, useBulk: true);
        Assert.Equal(40, first.RowsAccepted);
        var (parties, keys) = await CountsAsync();

        var second = await RunImportAsync(csv, useBulk: true);
        Assert.Equal(40, second.RowsAccepted);
        Assert.Equal((parties, keys), await CountsAsync());

        // A changed row and a row repeated later in the same file: one party each, the last values win.
        var changed = Header + $"again-{tag}-1,client,Renamed,Changed{tag},,1961,A099999999,NEW-1\n"
            + $"again-{tag}-new,client,Twice,First{tag},,,,\n"
            + $"again-{tag}-new,client,Twice,Second{tag},,,,\n";
        var third = await RunImportAsync(changed, useBulk: true);
        Assert.Equal(3, third.RowsAccepted);
        Assert.Equal((parties + 1, keys + 1), await CountsAsync());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await StoredAsync(db, $"again-{tag}-");
        var renamed = stored[$"again-{tag}-1"];
        Assert.Equal("Renamed", renamed.Entity.GivenNames);
        Assert.Equal(["Changed" + tag], renamed.Entity.FamilyNames);
        Assert.Equal("099999999", renamed.Entity.ANumber!.Value.Digits);
        Assert.Equal("NEW-1", renamed.Entity.CaseReference);
        Assert.NotNull(renamed.Entity.UpdatedAtUtc);
        Assert.Equal(["Second" + tag], stored[$"again-{tag}-new"].Entity.FamilyNames);
        var protectedData = scope.ServiceProvider.GetRequiredService<ProtectedData>();
        Assert.Equal(protectedData.ANumberIndex(renamed.Entity.ANumber!.Value), renamed.ANumberIndex);
    }

    [Fact]
    public async Task Bad_rows_are_rejected_with_their_line_numbers_and_nothing_of_them_is_stored()
    {
        using var client = await ClientAsync();
        var tag = Unique();
        var csv = Header
            + $"ok-{tag}-1,client,Amina,Okafor{tag},,1990,,\n"       // line 2
            + $"bad-{tag}-1,client,Bad,Date{tag},,1990-02-30,,\n"     // line 3
            + $"bad-{tag}-2,client,Bad,Number{tag},,,A12,\n"          // line 4
            + $"bad-{tag}-3,,No,Role{tag},,,,\n"                      // line 5
            + $"bad-{tag}-4,client,Too,Few{tag}\n"                    // line 6
            + $"ok-{tag}-2,client,Bola,Adeyemi{tag},,,,\n";           // line 7
        var (parties, keys) = await CountsAsync();

        using var response = await client.PostAsync("/api/v1/imports/parties", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await WaitAsync(client, response.Headers.Location!);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(2, status.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal(4, status.GetProperty("rowsRejected").GetInt64());
        var lines = status.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt64()).ToArray();
        Assert.Equal(new long[] { 3, 4, 5, 6 }, lines);
        Assert.All(status.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("reason").GetString())));
        Assert.DoesNotContain("Date" + tag, status.GetProperty("errors").ToString(), StringComparison.Ordinal);

        Assert.Equal((parties + 2, keys + 2), await CountsAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(0, await db.Set<Party>().CountAsync(p => p.ExternalId!.StartsWith($"bad-{tag}")));
        Assert.Equal(2, await db.Set<Party>().CountAsync(p => p.ExternalId!.StartsWith($"ok-{tag}")));
    }

    [Fact]
    public async Task The_conflict_index_catches_up_with_a_bulk_import_and_finds_its_parties()
    {
        using var client = await ClientAsync();
        var tag = Unique();
        // More rows than one page of the change feed, so the catch-up runs over several pages.
        var csv = new StringBuilder(Header).Append(Rows("index", tag, 6000))
            .Append($"index-{tag}-target,client,Guadalupe,Ximénez Ortega{tag},,1984-07-09,A087654321,IDX-1\n").ToString();
        using var response = await client.PostAsync("/api/v1/imports/parties", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var status = await WaitAsync(client, response.Headers.Location!);
        Assert.Equal(6001, status.GetProperty("rowsAccepted").GetInt64());

        // The import job started the shared catch-up; a check waits for it at most a second, so wait for it here.
        var cache = factory.Services.GetRequiredService<ConflictIndexCache>();
        await cache.CatchUpAsync(CancellationToken.None);

        using var check = await client.PostAsJsonAsync("/api/v1/conflict-checks",
            new { givenNames = "Lupe", familyNames = "Jimenez Ortega" + tag, aliases = Array.Empty<string>(), dateOfBirth = "1984-09-07" });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var result = await check.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual("no_match", result.GetProperty("outcome").GetString());
        Assert.Equal($"index-{tag}-target", result.GetProperty("matches")[0].GetProperty("externalId").GetString());
        var targetId = result.GetProperty("matches")[0].GetProperty("partyId").GetGuid();

        using var byNumber = await client.PostAsJsonAsync("/api/v1/conflict-checks",
            new { givenNames = "Given4", familyNames = $"Family{tag}4", aliases = Array.Empty<string>(), aNumber = "200000004" });
        var numberResult = await byNumber.Content.ReadFromJsonAsync<JsonElement>();
        // Other tests of this class import rows with the same generated A-numbers (and names that differ only in their tag),
        // so this party must be among the best-scored matches, not necessarily first of them.
        var numberMatches = numberResult.GetProperty("matches").EnumerateArray().ToList();
        var best = numberMatches[0].GetProperty("score").GetDouble();
        Assert.Contains(numberMatches, m => m.GetProperty("externalId").GetString() == $"index-{tag}-4" && m.GetProperty("score").GetDouble() == best);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(cache.AppliedSequence >= await db.Set<PartyChange>().Where(c => c.PartyId == targetId).MaxAsync(c => c.Seq));
    }

    private sealed record Stored(Party Entity, Guid DataKeyId, string? ANumberIndex, byte[] Protected);

    private static async Task<Dictionary<string, Stored>> StoredAsync(AppDbContext db, string prefix)
    {
        var rows = await db.Set<Party>().AsNoTracking()
            .Where(p => p.ExternalId!.StartsWith(prefix))
            .Select(p => new
            {
                Entity = p,
                Key = EF.Property<Guid>(p, ProtectedData.DataKeyIdProperty),
                Index = EF.Property<string?>(p, ProtectedData.ANumberIndexProperty),
                Sealed = EF.Property<byte[]>(p, ProtectedData.ProtectedProperty),
            })
            .ToListAsync();
        return rows.ToDictionary(r => r.Entity.ExternalId!, r => new Stored(r.Entity, r.Key, r.Index, r.Sealed), StringComparer.Ordinal);
    }

    private async Task<(int Parties, int Keys)> CountsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Parties' data keys only: an uploaded file has a key of its own (scope: the import), destroyed when it ends.
        return (await db.Set<Party>().CountAsync(), await db.Set<DataKey>().CountAsync(k => !db.Set<PartyImport>().Any(i => i.Id == k.ScopeId)));
    }

    /// <summary>Runs the import job in this process, through the bulk writer or (as on SQL Server) through EF.</summary>
    private async Task<PartyImport> RunImportAsync(string csv, bool useBulk)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organisationId = await db.Set<Organisation>().Select(o => o.Id).FirstAsync();
        var import = new PartyImport(organisationId, "test.csv", "test", DateTime.UtcNow);
        db.Add(import);
        db.Add(new ImportFile(import.Id, Encoding.UTF8.GetBytes(csv)));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var writer = useBulk ? scope.ServiceProvider.GetRequiredService<IPartyBulkWriter>() : new NoBulkWriter();
        var handler = new RunPartyImportHandler(scope.ServiceProvider.GetRequiredService<IApplicationDbContext>(), TimeProvider.System,
            NullLogger<RunPartyImportHandler>.Instance, writer,
            scope.ServiceProvider.GetRequiredService<ConflictIndexCache>(), scope.ServiceProvider.GetRequiredService<IImportFileStore>());
        await handler.Handle(new RunPartyImportCommand(import.Id), CancellationToken.None);
        db.ChangeTracker.Clear();
        var done = await db.Set<PartyImport>().AsNoTracking().SingleAsync(i => i.Id == import.Id);
        Assert.Equal(ImportStatus.Completed, done.Status);
        return done;
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, Uri location)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(location);
            if (status.GetProperty("status").GetString() is "completed" or "failed")
            {
                return status;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The import did not finish within 60 seconds.");
    }

    private sealed class NoBulkWriter : IPartyBulkWriter
    {
        public bool IsAvailable => false;

        public int BatchSize => 0;

        public PreparedPartyBatch Prepare(Guid organisationId, IReadOnlyList<PartyImportCsv.Row> rows, DateTime nowUtc) =>
            throw new NotSupportedException();

        public Task WriteAsync(PreparedPartyBatch prepared, CancellationToken ct) => throw new NotSupportedException();
    }
}

public sealed class SqliteBulkImportTests(SqliteFactory factory) : BulkImportTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresBulkImportTests(PostgresFactory factory) : BulkImportTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
