using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Imports;
using CounselConnect.Domain.People;
using Mediator;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sylvan.Data.Csv;

namespace CounselConnect.Application.Imports.RunPartyImport;

/// <summary>
/// The background half of an import: streams the stored CSV, validates row by row, upserts parties by
/// external id (so running it again changes nothing), saves in batches and reports progress after each.
/// Where the engine has a bulk path (<see cref="IPartyBulkWriter"/>: PostgreSQL, SQLite) the work is a pipeline:
/// one task parses, validates and seals the next batch while the previous one is written; elsewhere (SQL Server)
/// parties go through EF Core in batches of <see cref="BatchSize"/>.
/// </summary>
public sealed record RunPartyImportCommand(Guid ImportId) : ICommand;

public sealed class RunPartyImportHandler(IApplicationDbContext db, TimeProvider clock, ILogger<RunPartyImportHandler> logger, IPartyBulkWriter bulk,
    Conflicts.ConflictIndexCache conflictIndex, IImportFileStore files)
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

        var content = await files.OpenAsync(import.Id, cancellationToken);
        if (content is null)
        {
            import.Fail("The uploaded file is no longer stored.", clock.GetUtcNow().UtcDateTime);
            await files.DiscardAsync(import.Id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }

        import.Start(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);

        if (bulk.IsAvailable)
        {
            await RunBulkAsync(import, content, cancellationToken);
            return Unit.Value;
        }

        long read = 0, accepted = 0, rejected = 0;
        var batch = new List<(long Line, PartyImportCsv.Row Row)>(BatchSize);
        var errors = new List<ImportRowError>();
        using var text = new StreamReader(new MemoryStream(content), detectEncodingFromByteOrderMarks: true);
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
        await CompleteAsync(import, accepted, rejected, cancellationToken);
        return Unit.Value;
    }

    private async Task CompleteAsync(PartyImport import, long accepted, long rejected, CancellationToken ct)
    {
        import.Complete(clock.GetUtcNow().UtcDateTime);
        // The file and its data key go as soon as the import ends: nothing of the upload stays readable.
        await files.DiscardAsync(import.Id, ct);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Import {ImportId} completed: {Accepted} rows accepted, {Rejected} rejected", import.Id, accepted, rejected);

        // Start indexing the imported parties now, in the background, rather than in the next conflict check.
        _ = conflictIndex.RequestCatchUp();
    }

    /// <summary>What the parsing task hands to the writing task: one sealed batch and the rows counted with it.</summary>
    private sealed record Chunk(PreparedPartyBatch? Batch, long Read, long Accepted, long Rejected, List<ImportRowError> Errors);

    private async Task RunBulkAsync(PartyImport import, byte[] content, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Two batches in flight at most: memory stays flat while parsing and sealing run ahead of the writes.
        var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var organisationId = import.OrganisationId;
        var producer = Task.Run(() => ProduceAsync(organisationId, content, channel.Writer, stop.Token), stop.Token);
        long read = 0, accepted = 0, rejected = 0;
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(stop.Token))
            {
                if (chunk.Batch is { Count: > 0 } batch)
                {
                    await bulk.WriteAsync(batch, stop.Token);
                }

                read += chunk.Read;
                accepted += chunk.Accepted;
                rejected += chunk.Rejected;
                await ReportAsync(import, read, accepted, rejected, chunk.Errors, stop.Token);
            }

            await producer;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(producer);
        }

        await CompleteAsync(import, accepted, rejected, ct);
    }

    private async Task ProduceAsync(Guid organisationId, byte[] content, ChannelWriter<Chunk> output, CancellationToken ct)
    {
        try
        {
            long line = 1, read = 0, rejected = 0;
            var rows = new List<PartyImportCsv.Row>(bulk.BatchSize);
            var errors = new List<ImportRowError>();
            using var text = new StreamReader(new MemoryStream(content), detectEncodingFromByteOrderMarks: true);
            await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true }, ct);
            var ordinals = PartyImportCsv.Header.ToDictionary(h => h, h => FindOrdinal(csv, h), StringComparer.Ordinal);
            Func<string, string> field = name => csv.GetString(ordinals[name]);
            while (await csv.ReadAsync(ct))
            {
                read++;
                line++;
                if (csv.RowFieldCount != csv.FieldCount)
                {
                    rejected++;
                    errors.Add(new ImportRowError(line, $"Expected {csv.FieldCount} fields, found {csv.RowFieldCount}."));
                }
                else
                {
                    var (row, error) = PartyImportCsv.Parse(field);
                    if (row is null)
                    {
                        rejected++;
                        errors.Add(new ImportRowError(line, error!));
                    }
                    else
                    {
                        rows.Add(row);
                    }
                }

                if (rows.Count >= bulk.BatchSize)
                {
                    await output.WriteAsync(Seal(organisationId, rows, read, rejected, errors), ct);
                    rows = new List<PartyImportCsv.Row>(bulk.BatchSize);
                    errors = [];
                    read = 0;
                    rejected = 0;
                }
            }

            await output.WriteAsync(Seal(organisationId, rows, read, rejected, errors), ct);
            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
            throw;
        }
    }

    private Chunk Seal(Guid organisationId, List<PartyImportCsv.Row> rows, long read, long rejected, List<ImportRowError> errors) =>
        new(rows.Count == 0 ? null : bulk.Prepare(organisationId, rows, clock.GetUtcNow().UtcDateTime), read, rows.Count, rejected, errors);

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
