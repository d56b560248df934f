using System.Globalization;
using CounselConnect.Application.Auditing;
using CounselConnect.Domain.Auditing;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CounselConnect.Infrastructure.Auditing;

/// <summary>
/// Reads each chain in order of position, in batches, and recomputes every link; then counts the entries the
/// chainer has not linked yet, and reports one still unchained after <see cref="AuditChainOptions.UnchainedAlarm"/>
/// as a problem (the chainer is not running, or the entry was written around it).
/// </summary>
public sealed class AuditChainVerifier(AppDbContext db, AuditChain chain, IOptions<AuditChainOptions> options, TimeProvider clock) : IAuditChainVerifier
{
    private const int BatchSize = 2000;

    public async Task<AuditChainReport> VerifyAsync(Guid? organisationId, CancellationToken ct)
    {
        var chains = organisationId is { } only
            ? [only]
            : await db.Set<AuditEntry>().AsNoTracking().Select(e => e.OrganisationId).Distinct().ToListAsync(ct);
        long checkedCount = 0;
        long unchained = 0;
        AuditChainBreak? firstBreak = null;
        var heads = new List<AuditChainHead>();
        var alarm = options.Value.UnchainedAlarm;
        var staleBefore = clock.GetUtcNow().UtcDateTime - alarm;
        foreach (var organisation in chains.Order())
        {
            long expected = 1;
            var previous = string.Empty;
            var done = false;
            while (!done)
            {
                var from = expected;
                var batch = await db.Set<AuditEntry>().AsNoTracking()
                    .Where(e => e.OrganisationId == organisation && e.Sequence > 0 && e.Sequence >= from)
                    .OrderBy(e => e.Sequence).Take(BatchSize)
                    .ToListAsync(ct);
                foreach (var entry in batch)
                {
                    checkedCount++;
                    if (chain.Check(entry, expected, previous) is { } reason)
                    {
                        firstBreak ??= new AuditChainBreak(organisation, entry.Sequence, entry.Id, reason);
                        done = true;
                        break;
                    }

                    expected = entry.Sequence + 1;
                    previous = entry.Hash;
                }

                done |= batch.Count < BatchSize;
            }

            if (expected > 1)
            {
                heads.Add(new AuditChainHead(organisation, expected - 1, previous));
            }

            var waiting = db.Set<AuditEntry>().AsNoTracking().Where(e => e.OrganisationId == organisation && e.Sequence == 0);
            unchained += await waiting.LongCountAsync(ct);
            if (firstBreak is null
                && await waiting.Where(e => e.AtUtc < staleBefore).OrderBy(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct) is { } stale)
            {
                firstBreak = new AuditChainBreak(organisation, 0, stale, string.Create(CultureInfo.InvariantCulture,
                    $"The entry has not been chained for more than {alarm.TotalMinutes:0.#} minutes: the chainer is not running, or the entry was written around it."));
            }
        }

        return new AuditChainReport(chains.Count, checkedCount, firstBreak is null, firstBreak, heads, unchained);
    }
}
