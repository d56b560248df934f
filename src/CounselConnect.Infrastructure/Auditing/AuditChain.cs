using System.Globalization;
using CounselConnect.Domain.Auditing;
using CounselConnect.Infrastructure.Security;

namespace CounselConnect.Infrastructure.Auditing;

/// <summary>
/// The hash of one link: HMAC-SHA256, under the audit-chain key (stored in KeyMaterial, wrapped by the master key), of the previous entry's hash and
/// the entry's canonical content (every stored field except the row id, in a fixed order and format). The key
/// means a person who can write to the database but does not hold the master key cannot forge a consistent chain.
/// </summary>
public sealed class AuditChain(KeyRing keyRing)
{
    private const char Separator = '\u001f';

    public string HashOf(AuditEntry entry, long sequence, string previousHash) => keyRing.AuditHash(Canonical(entry, sequence, previousHash));

    /// <summary>Why the entry is not the expected next link of its chain, or null when it is.</summary>
    public string? Check(AuditEntry entry, long expectedSequence, string expectedPreviousHash)
    {
        if (entry.Sequence != expectedSequence)
        {
            return entry.Sequence > expectedSequence
                ? $"Entries {expectedSequence} to {entry.Sequence - 1} are missing."
                : $"Sequence {entry.Sequence} appears where {expectedSequence} was expected.";
        }

        if (!string.Equals(entry.PreviousHash, expectedPreviousHash, StringComparison.Ordinal))
        {
            return "The entry does not point to the hash of the entry before it.";
        }

        return string.Equals(entry.Hash, HashOf(entry, entry.Sequence, entry.PreviousHash), StringComparison.Ordinal)
            ? null
            : "The entry's content does not match its hash: it was changed after it was written.";
    }

    private static string Canonical(AuditEntry e, long sequence, string previousHash) => string.Join(Separator,
        "v1",
        e.OrganisationId.ToString("N"),
        sequence.ToString(CultureInfo.InvariantCulture),
        previousHash,
        e.Actor,
        e.Action,
        e.EntityType,
        e.EntityId?.ToString("N") ?? "-",
        e.FieldCategory,
        e.Route ?? "-",
        e.AtUtc.Ticks.ToString(CultureInfo.InvariantCulture));
}
