using System.Text;
using System.Text.Json;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CounselConnect.Infrastructure.Security;

/// <summary>
/// Encrypts a party's personal fields (names, aliases, birth date, A-number) and a client's contact details (email,
/// phone) on save and decrypts them on load,
/// so the domain works with plain values while the database holds only ciphertext (<c>Protected</c>), the id of
/// the client's data key (<c>DataKeyId</c>) and a keyed hash of the A-number for exact lookups
/// (<c>ANumberIndex</c>), and of a judge-set deadline's identity for its unique index (<c>SameDeadlineIndex</c>).
/// A case's client and related people share the case's key; an imported party has its own.
/// The free text about a case listed in <c>SealedText</c> (notes, reasons, descriptions) is sealed under the case's
/// key as well.
/// </summary>
public sealed class ProtectedData(KeyRing keyRing, TimeProvider clock) : SaveChangesInterceptor, IMaterializationInterceptor
{
    public const string ProtectedProperty = "Protected";
    public const string DataKeyIdProperty = "DataKeyId";
    public const string ANumberIndexProperty = "ANumberIndex";
    public const string SameDeadlineIndexProperty = "SameDeadlineIndex";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Protect(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await Protect(eventData.Context, cancellationToken);
        return result;
    }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (SealedText.FieldsOf(entity.GetType()) is { } sealedFields)
        {
            foreach (var field in sealedFields)
            {
                var sealedValue = materializationData.GetPropertyValue<byte[]?>(field.SealedProperty);
                field.Set(entity, sealedValue is null ? materializationData.GetPropertyValue<string?>(field.ClearProperty) : OpenText(sealedValue));
            }

            return entity;
        }

        if (entity is Domain.Reminders.ClientContact contact)
        {
            var plaintext = keyRing.Decrypt(materializationData.GetPropertyValue<byte[]>(ProtectedProperty));
            var data = plaintext is null ? null : JsonSerializer.Deserialize<ContactPayload>(plaintext, Json);
            contact.RestoreContactDetails(data?.E, data?.P);
        }

        if (entity is Party party)
        {
            var sealedValue = materializationData.GetPropertyValue<byte[]?>(ProtectedProperty);
            var plaintext = sealedValue is null ? null : keyRing.Decrypt(sealedValue);
            if (plaintext is null)
            {
                party.MarkErased();
            }
            else
            {
                var data = OpenParty(plaintext);
                party.RestorePersonalData(data.GivenNames, data.FamilyNames, data.Aliases, data.DateOfBirth, data.ANumber);
            }
        }

        return entity;
    }

    /// <summary>A party's decrypted payload, as <see cref="Party"/>'s personal fields (also read by the conflict feed).</summary>
    internal static OpenedParty OpenParty(byte[] plaintext)
    {
        var data = JsonSerializer.Deserialize<Payload>(plaintext, Json)!;
        return new OpenedParty(data.G, data.F, data.A, data.D is null ? null : PartialDate.Parse(data.D), data.N is null ? null : ANumber.Parse(data.N));
    }

    /// <summary>The keyed hash stored for an A-number, for exact lookups without decrypting.</summary>
    public string ANumberIndex(ANumber number) => keyRing.BlindIndex("a-number", number.Digits);

    /// <summary>
    /// The keyed hash stored for a judge-set deadline's <see cref="JudgeSetDeadline.SameDeadlineKey()"/> (case, date,
    /// description), unique among the rows: the same deadline posted twice at once is stored once.
    /// </summary>
    public string SameDeadlineIndex(JudgeSetDeadline deadline) => keyRing.BlindIndex("judge-set-deadline", deadline.SameDeadlineKey());

    /// <summary>
    /// Seals a whole party in one go for the bulk import path: the same payload and A-number index as
    /// <see cref="SavingChangesAsync"/> writes, under <paramref name="dataKeyId"/> when the party already has a key,
    /// or under a new data key of its own (returned wrapped, for the <c>DataKeys</c> table) when it has none.
    /// One key lookup per party, no change tracker.
    /// </summary>
    public SealedParty SealParty(Guid? dataKeyId, string givenNames, IReadOnlyList<string> familyNames, IReadOnlyList<string> aliases,
        PartialDate? dateOfBirth, ANumber? aNumber)
    {
        byte[]? wrapped = null;
        Guid keyId;
        if (dataKeyId is { } existing)
        {
            keyId = existing;
        }
        else
        {
            (keyId, wrapped) = keyRing.NewDataKey();
        }

        var payload = new Payload(givenNames, familyNames, aliases, dateOfBirth?.ToString(), aNumber?.Digits);
        var sealedValue = keyRing.Encrypt(keyId, JsonSerializer.SerializeToUtf8Bytes(payload, Json));
        return new SealedParty(keyId, wrapped, sealedValue, aNumber is { } n ? ANumberIndex(n) : null);
    }

    private async Task Protect(DbContext? context, CancellationToken ct)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<Domain.Reminders.ClientContact>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
        {
            var contact = entry.Entity;
            var keyProperty = entry.Property<Guid>(DataKeyIdProperty);
            if (keyProperty.CurrentValue == Guid.Empty)
            {
                var caseIsNew = context.ChangeTracker.Entries<Domain.Cases.Case>().Any(c => c.Entity.Id == contact.CaseId && c.State == EntityState.Added);
                keyProperty.CurrentValue = await KeyForScopeAsync(context, contact.CaseId, contact.OrganisationId, caseIsNew, ct);
            }

            entry.Property<byte[]>(ProtectedProperty).CurrentValue =
                keyRing.Encrypt(keyProperty.CurrentValue, JsonSerializer.SerializeToUtf8Bytes(new ContactPayload(contact.Email, contact.Phone), Json));
        }

        var entries = context.ChangeTracker.Entries<Party>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        foreach (var entry in entries)
        {
            var party = entry.Entity;
            if (party.IsErased)
            {
                continue;
            }

            var keyProperty = entry.Property<Guid>(DataKeyIdProperty);
            if (keyProperty.CurrentValue == Guid.Empty)
            {
                // A new party outside any case, or a party of a case created in this same unit of work, cannot have a
                // stored key yet: no need to ask the database (this keeps a million-row import from a million queries).
                var scopeIsNew = party.CaseId is { } caseId
                    ? context.ChangeTracker.Entries<Domain.Cases.Case>().Any(c => c.Entity.Id == caseId && c.State == EntityState.Added)
                    : entry.State == EntityState.Added;
                keyProperty.CurrentValue = await KeyForScopeAsync(context, party.CaseId ?? party.Id, party.OrganisationId, scopeIsNew, ct);
            }

            var payload = new Payload(party.GivenNames, party.FamilyNames, party.Aliases, party.DateOfBirth?.ToString(), party.ANumber?.Digits);
            entry.Property<byte[]>(ProtectedProperty).CurrentValue = keyRing.Encrypt(keyProperty.CurrentValue, JsonSerializer.SerializeToUtf8Bytes(payload, Json));
            entry.Property<string?>(ANumberIndexProperty).CurrentValue = party.ANumber is { } n ? ANumberIndex(n) : null;
        }

        foreach (var entry in context.ChangeTracker.Entries<JudgeSetDeadline>().Where(e => e.State == EntityState.Added))
        {
            entry.Property<string?>(SameDeadlineIndexProperty).CurrentValue = SameDeadlineIndex(entry.Entity);
        }

        await SealTextAsync(context, ct);
    }

    /// <summary>
    /// Seals the free-text fields (<see cref="SealedText"/>) of new and changed entities under their case's data key,
    /// after the parties so that a case created in this unit of work already has its key. A field whose text did not
    /// change keeps its ciphertext (so a field erased with its key stays as it is); a row still holding clear text
    /// from before encryption is sealed and its clear column emptied.
    /// </summary>
    private async Task SealTextAsync(DbContext context, CancellationToken ct)
    {
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && SealedText.FieldsOf(e.Metadata.ClrType) is not null)
            .ToList();
        Dictionary<Guid, Guid>? keysByCase = null;
        foreach (var entry in entries)
        {
            foreach (var field in SealedText.FieldsOf(entry.Metadata.ClrType)!)
            {
                var text = field.Get(entry.Entity);
                var sealedProperty = entry.Property(field.SealedProperty);
                var clearProperty = entry.Property(field.ClearProperty);
                if (entry.State == EntityState.Modified && clearProperty.CurrentValue is null && sealedProperty.CurrentValue is byte[] current
                    && string.Equals(OpenText(current), text, StringComparison.Ordinal))
                {
                    continue;
                }

                if (entry.State == EntityState.Modified && clearProperty.CurrentValue is null && sealedProperty.CurrentValue is null && text is null)
                {
                    continue;
                }

                clearProperty.CurrentValue = null;
                if (text is null)
                {
                    sealedProperty.CurrentValue = null;
                    continue;
                }

                var caseId = await SealedText.CaseIdAsync(context, entry.Entity, ct);
                keysByCase ??= [];
                if (!keysByCase.TryGetValue(caseId, out var keyId))
                {
                    keyId = await KeyForCaseAsync(context, caseId, ct);
                    keysByCase[caseId] = keyId;
                }

                sealedProperty.CurrentValue = keyRing.Encrypt(keyId, Encoding.UTF8.GetBytes(text));
            }
        }
    }

    /// <summary>A sealed text opened: the text, or <see cref="SealedText.Erased"/> when its data key was destroyed.</summary>
    private string OpenText(byte[] sealedValue) => keyRing.Decrypt(sealedValue) is { } plaintext ? Encoding.UTF8.GetString(plaintext) : SealedText.Erased;

    private async Task<Guid> KeyForCaseAsync(DbContext context, Guid caseId, CancellationToken ct)
    {
        var tracked = context.ChangeTracker.Entries<Domain.Cases.Case>().FirstOrDefault(c => c.Entity.Id == caseId);
        var organisationId = tracked?.Entity.OrganisationId
            ?? await context.Set<Domain.Cases.Case>().AsNoTracking().Where(c => c.Id == caseId).Select(c => c.OrganisationId).FirstAsync(ct);
        return await KeyForScopeAsync(context, caseId, organisationId, tracked?.State == EntityState.Added, ct);
    }

    private async Task<Guid> KeyForScopeAsync(DbContext context, Guid scopeId, Guid organisationId, bool scopeIsNew, CancellationToken ct)
    {
        if (!scopeIsNew || context.ChangeTracker.Entries<DataKey>().Any())
        {
            var pending = context.ChangeTracker.Entries<DataKey>().FirstOrDefault(k => k.Entity.ScopeId == scopeId && !k.Entity.IsDestroyed);
            if (pending is not null)
            {
                return pending.Entity.Id;
            }
        }

        if (!scopeIsNew)
        {
            var existing = await context.Set<DataKey>().AsNoTracking()
                .Where(k => k.ScopeId == scopeId && k.DestroyedAtUtc == null)
                .Select(k => (Guid?)k.Id)
                .FirstOrDefaultAsync(ct);
            if (existing is { } id)
            {
                return id;
            }
        }

        var (keyId, wrapped) = keyRing.NewDataKey();
        context.Add(new DataKey(keyId, scopeId, organisationId, wrapped, keyRing.MasterKeyId, clock.GetUtcNow().UtcDateTime));
        return keyId;
    }

    private sealed record ContactPayload(string? E, string? P);

    private sealed record Payload(string G, IReadOnlyList<string> F, IReadOnlyList<string> A, string? D, string? N);
}

/// <summary>A party's sealed personal fields: its data key (wrapped when new), the ciphertext and the A-number index.</summary>
internal sealed record OpenedParty(string GivenNames, IReadOnlyList<string> FamilyNames, IReadOnlyList<string> Aliases,
    PartialDate? DateOfBirth, ANumber? ANumber);

public sealed record SealedParty(Guid DataKeyId, byte[]? WrappedKey, byte[] Protected, string? ANumberIndex);
