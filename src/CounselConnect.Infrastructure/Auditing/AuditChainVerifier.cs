using CounselConnect.Application.Auditing;
using CounselConnect.Domain.Auditing;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Infrastructure.Auditing;

/// <summary>Reads each chain in order of position, in batches, and recomputes every link.</summary>
public sealed class AuditChainVerifier(AppDbContext db, AuditChain chain) : IAuditChainVerifier
{
    private const int BatchSize = 2000;

    public async Task<AuditChainReport> VerifyAsync(Guid? organisationId, CancellationToken ct)
    {
        var chains = organisationId is { } only
            ? [only]
            : await db.Set<AuditEntry>().AsNoTracking().Select(e => e.OrganisationId).Distinct().ToListAsync(ct);
        long checkedCount = 0;
        AuditChainBreak? firstBreak = null;
        var heads = new List<AuditChainHead>();
        foreach (var organisation in chains.Order())
        {
            long expected = 1;
            var previous = string.Empty;
            var done = false;
            while (!done)
            {
                var from = expected;
                var batch = await db.Set<AuditEntry>().AsNoTracking()
                    .Where(e => e.OrganisationId == organisation && e.Sequence >= from)
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
        }

        return new AuditChainReport(chains.Count, checkedCount, firstBreak is null, firstBreak, heads);
    }
}
