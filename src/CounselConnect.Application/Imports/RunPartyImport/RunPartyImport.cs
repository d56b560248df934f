using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Imports;
using CounselConnect.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sylvan.Data.Csv;

namespace CounselConnect.Application.Imports.RunPartyImport;

/// <summary>
/// The background half of an import: streams the stored CSV, validates row by row, upserts parties by
/// external id (so running it again changes nothing), saves in batches and reports progress after each.
/// </summary>
public sealed record RunPartyImportCommand(Guid ImportId) : ICommand;

public sealed class RunPartyImportHandler(IApplicationDbContext db, TimeProvider clock, ILogger<RunPartyImportHandler> logger)
    : ICommandHandler<RunPartyImportCommand>
{
    public const int BatchSize = 2000;

    public async ValueTask<Unit> Handle(RunPartyImportCommand command, CancellationToken cancellationToken)
    {
        var import = await db.Set<PartyImport>().FirstOrDefaultAsync(i => i.Id == command.ImportId, cancellationToken);
        if (import is null || import.Status == ImportStatus.Completed)
        {
            return Unit.Value;
        }

        var file = await db.Set<ImportFile>().AsNoTracking().FirstOrDefaultAsync(f => f.ImportId == import.Id, cancellationToken);
        if (file is null)
        {
            import.Fail("The uploaded file is no longer stored.", clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }

        import.Start(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);

        long read = 0, accepted = 0, rejected = 0;
        var batch = new List<(long Line, PartyImportCsv.Row Row)>(BatchSize);
        var errors = new List<ImportRowError>();
        using var text = new StreamReader(new MemoryStream(file.Content), detectEncodingFromByteOrderMarks: true);
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true }, cancellationToken);
        var ordinals = PartyImportCsv.Header.ToDictionary(h => h, h => FindOrdinal(csv, h), StringComparer.Ordinal);
        while (await csv.ReadAsync(cancellationToken))
        {
            read++;
            var line = read + 1;
            if (csv.RowFieldCount != csv.FieldCount)
            {
                rejected++;
                errors.Add(new ImportRowError(line, $"Expected {csv.FieldCount} fields, found {csv.RowFieldCount}."));
            }
            else
            {
                var (row, error) = PartyImportCsv.Parse(name => csv.GetString(ordinals[name]));
                if (row is null)
                {
                    rejected++;
                    errors.Add(new ImportRowError(line, error!));
                }
                else
                {
                    batch.Add((line, row));
                }
            }

            if (batch.Count >= BatchSize)
            {
                accepted += await SaveBatchAsync(import, batch, cancellationToken);
                await ReportAsync(import, read, accepted, rejected, errors, cancellationToken);
            }
        }

        accepted += await SaveBatchAsync(import, batch, cancellationToken);
        await ReportAsync(import, read, accepted, rejected, errors, cancellationToken);
        import.Complete(clock.GetUtcNow().UtcDateTime);
        await db.Set<ImportFile>().Where(f => f.ImportId == import.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Import {ImportId} completed: {Accepted} rows accepted, {Rejected} rejected", import.Id, accepted, rejected);
        return Unit.Value;
    }

    private static int FindOrdinal(CsvDataReader csv, string name)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (string.Equals(csv.GetName(i).Trim().TrimStart('\uFEFF'), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new InvalidOperationException("The header was checked when the import was accepted.");
    }

    private async Task<int> SaveBatchAsync(PartyImport import, List<(long Line, PartyImportCsv.Row Row)> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ids = batch.Select(b => b.Row.ExternalId).Distinct().ToList();
        var existing = await db.Set<Party>()
            .Where(p => p.OrganisationId == import.OrganisationId && p.ExternalId != null && ids.Contains(p.ExternalId))
            .ToDictionaryAsync(p => p.ExternalId!, StringComparer.Ordinal, ct);
        foreach (var (_, row) in batch)
        {
            if (!existing.TryGetValue(row.ExternalId, out var party))
            {
                party = new Party(import.OrganisationId, row.Role, row.GivenNames, row.FamilyNames, row.Aliases, row.DateOfBirth, row.ANumber, now);
                db.Set<Party>().Add(party);
                existing[row.ExternalId] = party;
            }

            party.ApplyImport(row.ExternalId, row.Role, row.GivenNames, row.FamilyNames, row.Aliases, row.DateOfBirth, row.ANumber, row.CaseReference, now);
        }

        await db.SaveChangesAsync(ct);
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    private async Task ReportAsync(PartyImport import, long read, long accepted, long rejected, List<ImportRowError> errors, CancellationToken ct)
    {
        import.Progress(read, accepted, rejected, errors, clock.GetUtcNow().UtcDateTime);
        errors.Clear();
        await db.SaveChangesAsync(ct);
        if (db is DbContext context)
        {
            // Keep memory flat over a million rows: forget everything but the import record.
            foreach (var entry in context.ChangeTracker.Entries().Where(e => e.Entity is not PartyImport).ToList())
            {
                entry.State = EntityState.Detached;
            }
        }
    }
}
