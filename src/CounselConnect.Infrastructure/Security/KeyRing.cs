using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CounselConnect.Infrastructure.Security;

/// <summary>
/// The master keys, the cache of unwrapped data keys, the hashing secrets, and the primitives: AES-256-GCM for
/// values (with the key id in every ciphertext) and HMAC-SHA256 keyed hashes (blind indexes) for exact lookups and
/// blocking keys. Ciphertext layout: version (1 byte) | data key id (16) | nonce (12) | tag (16) | ciphertext.
/// Several master keys may be configured (a rotation in progress): each wrapped key is opened with the master key
/// its row names, and new keys are wrapped with the current one. The blind-index and audit-chain secrets are stored
/// in <c>KeyMaterial</c>, wrapped like data keys, and loaded once (<see cref="InitializeAsync"/>, at start-up).
/// </summary>
public sealed class KeyRing : IKeyRingPreloader, IDisposable
{
    private const byte Version = 1;
    private const int HeaderLength = 1 + 16 + 12 + 16;
    private const int KeyMaterialVersion = 1;

    private readonly MasterKeySet _masters;
    private readonly ConcurrentDictionary<Guid, CachedKey> _keys = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _keyLifetime;
    private readonly SemaphoreSlim _materialLock = new(1, 1);
    private volatile HashingKeys? _hashing;
    private long _lastSweep;

    public KeyRing(IOptions<EncryptionOptions> options, IServiceScopeFactory scopes, TimeProvider? clock = null)
    {
        _scopes = scopes;
        _clock = clock ?? TimeProvider.System;
        _keyLifetime = options.Value.DataKeyCacheLifetime;
        _lastSweep = _clock.GetTimestamp();
        _masters = MasterKeySet.From(options.Value);
        MasterKeyId = _masters.CurrentId;
    }

    /// <summary>The current master key's id: new data keys are wrapped by it.</summary>
    public string MasterKeyId { get; }

    public void Dispose() => _materialLock.Dispose();

    /// <summary>Every configured master key id, the current one first.</summary>
    public IReadOnlyList<string> ConfiguredMasterKeyIds => _masters.Ids;

    /// <summary>Whether this server holds the master key with this id.</summary>
    public bool IsConfigured(string masterKeyId) => _masters.Contains(masterKeyId);

    /// <summary>A new random data key, already cached, and its wrapped form for storage.</summary>
    public (Guid Id, byte[] Wrapped) NewDataKey()
    {
        var id = Guid.CreateVersion7();
        var key = RandomNumberGenerator.GetBytes(32);
        _keys[id] = Cached(key);
        return (id, Seal(_masters.Current, id, key));
    }

    public byte[] Encrypt(Guid keyId, byte[] plaintext) =>
        Seal(Key(keyId) ?? throw new CryptographicException("The data key has been destroyed."), keyId, plaintext);

    /// <summary>Decrypts, or returns null when the data key was destroyed (the value is erased for good).</summary>
    public byte[]? Decrypt(byte[] ciphertext)
    {
        if (ciphertext.Length < HeaderLength || ciphertext[0] != Version)
        {
            throw new CryptographicException("Unknown ciphertext format.");
        }

        var keyId = new Guid(ciphertext.AsSpan(1, 16));
        var key = Key(keyId);
        return key is null ? null : Open(key, keyId, ciphertext);
    }

    /// <summary>HMAC-SHA256 of a value under the blind-index key, hex: equal inputs give equal outputs, nothing else leaks.</summary>
    public string BlindIndex(string purpose, string value)
    {
        var hash = HMACSHA256.HashData(Hashing().BlindIndex, Encoding.UTF8.GetBytes(purpose + "\u001f" + value));
        return Convert.ToHexString(hash);
    }

    /// <summary>HMAC-SHA256 (hex) of an audit entry's canonical content under the audit-chain key.</summary>
    public string AuditHash(string canonical) => Convert.ToHexString(HMACSHA256.HashData(Hashing().AuditChain, Encoding.UTF8.GetBytes(canonical)));

    /// <summary>Forgets a destroyed key on this server.</summary>
    public void Forget(Guid keyId) => _keys[keyId] = Cached(null);

    public async Task PreloadForPartiesAsync(IReadOnlyCollection<Guid> partyIds, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = partyIds.ToList();
        var keys = await db.Set<DataKey>().AsNoTracking()
            .Where(k => db.Set<Domain.People.Party>().Any(p => ids.Contains(p.Id) && EF.Property<Guid>(p, ProtectedData.DataKeyIdProperty) == k.Id))
            .Select(k => new { k.Id, k.WrappedKey, k.MasterKeyId, k.DestroyedAtUtc })
            .ToListAsync(ct);
        foreach (var k in keys.Where(k => !IsFresh(k.Id)))
        {
            _keys[k.Id] = Cached(k.DestroyedAtUtc.HasValue ? null : Unwrap(k.Id, k.WrappedKey, k.MasterKeyId));
        }
    }

    /// <summary>
    /// Caches data keys already read from the database (id, wrapped bytes, destroyed or not), e.g. by the bulk
    /// import's single per-batch query, so that sealing or opening values under them asks the database nothing more.
    /// </summary>
    public void Preload(IEnumerable<(Guid Id, byte[]? Wrapped, bool Destroyed)> keys)
    {
        foreach (var (id, wrapped, destroyed) in keys)
        {
            if (!IsFresh(id))
            {
                _keys[id] = Cached(destroyed || wrapped is null || wrapped.Length == 0 ? null : Unwrap(id, wrapped, masterKeyId: null));
            }
        }
    }

    /// <summary>Loads many data keys by id in one query (those not cached yet).</summary>
    public async Task PreloadKeysAsync(IReadOnlyCollection<Guid> keyIds, CancellationToken ct)
    {
        var missing = keyIds.Where(id => !IsFresh(id)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keys = await db.Set<DataKey>().AsNoTracking()
            .Where(k => missing.Contains(k.Id))
            .Select(k => new { k.Id, k.WrappedKey, k.MasterKeyId, k.DestroyedAtUtc })
            .ToListAsync(ct);
        foreach (var k in keys)
        {
            _keys[k.Id] = Cached(k.DestroyedAtUtc.HasValue || k.WrappedKey.Length == 0 ? null : Unwrap(k.Id, k.WrappedKey, k.MasterKeyId));
        }
    }

    /// <summary>
    /// A wrapped key (a data key or key material, <paramref name="id"/> bound into it) re-wrapped from the master key
    /// <paramref name="fromMasterKeyId"/> to the current one. The key inside does not change.
    /// </summary>
    public byte[] Rewrap(Guid id, byte[] wrapped, string fromMasterKeyId) =>
        Seal(_masters.Current, id, Open(_masters[fromMasterKeyId], id, wrapped));

    /// <summary>
    /// Loads the blind-index and audit-chain secrets from <c>KeyMaterial</c>, creating the rows on the first start
    /// (with the bytes earlier releases derived from the master key, so existing hashes stay valid), and checks that
    /// every master key the database names is configured. Call after migrating, before anything hashes.
    /// </summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Set<DataKey>().AsNoTracking().Where(k => k.DestroyedAtUtc == null).Select(k => k.MasterKeyId).Distinct()
            .Union(db.Set<KeyMaterial>().AsNoTracking().Select(k => k.MasterKeyId).Distinct())
            .ToListAsync(ct);
        var unknown = stored.Where(id => !_masters.Contains(id)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(MasterKeySet.NotConfigured(unknown));
        }

        await LoadHashingKeysAsync(db, ct);
    }

    private HashingKeys Hashing()
    {
        if (_hashing is { } loaded)
        {
            return loaded;
        }

        // Not initialised at start-up (a command such as verify-audit that starts no hosted service): load now.
        using var scope = _scopes.CreateScope();
        return LoadHashingKeysAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None).GetAwaiter().GetResult();
    }

    private async Task<HashingKeys> LoadHashingKeysAsync(AppDbContext db, CancellationToken ct)
    {
        await _materialLock.WaitAsync(ct);
        try
        {
            if (_hashing is { } loaded)
            {
                return loaded;
            }

            var blindIndex = await MaterialAsync(db, KeyMaterial.BlindIndex, "counselconnect:blind-index:v1", ct);
            var auditChain = await MaterialAsync(db, KeyMaterial.AuditChain, "counselconnect:audit-chain:v1", ct);
            var keys = new HashingKeys(blindIndex, auditChain);
            _hashing = keys;
            return keys;
        }
        finally
        {
            _materialLock.Release();
        }
    }

    /// <summary>The stored secret for a purpose, or a new row holding what earlier releases derived from the master key.</summary>
    private async Task<byte[]> MaterialAsync(AppDbContext db, string purpose, string legacyInfo, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var row = await db.Set<KeyMaterial>().AsNoTracking()
                .FirstOrDefaultAsync(k => k.Purpose == purpose && k.Version == KeyMaterialVersion, ct);
            if (row is not null)
            {
                return Open(_masters[row.MasterKeyId], row.Id, row.WrappedValue);
            }

            // Earlier releases derived the secret (HKDF) from the master key in use then: the one that wrapped the
            // first data key, or the current one in a database that has none yet.
            var legacyMasterId = await db.Set<DataKey>().AsNoTracking().OrderBy(k => k.CreatedAtUtc).Select(k => k.MasterKeyId)
                .FirstOrDefaultAsync(ct) ?? _masters.CurrentId;
            if (!_masters.Contains(legacyMasterId))
            {
                throw new InvalidOperationException(
                    $"The blind-index and audit-chain keys are derived, on this version's first start, from master key '{legacyMasterId}' " +
                    $"(the one that wrapped the first data key), which is not configured. Configure it as Encryption__MasterKeys__{legacyMasterId} for this start.");
            }

            var secret = HKDF.DeriveKey(HashAlgorithmName.SHA256, _masters[legacyMasterId], 32, info: Encoding.UTF8.GetBytes(legacyInfo));
            var id = Guid.CreateVersion7();
            db.Set<KeyMaterial>().Add(new KeyMaterial(id, purpose, KeyMaterialVersion, Seal(_masters.Current, id, secret), _masters.CurrentId, DateTime.UtcNow));
            try
            {
                await db.SaveChangesAsync(ct);
                return secret;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another server created it first (unique purpose and version): read theirs.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Opens a wrapped key with the master key its row names, or (row not at hand) with each configured one.</summary>
    private byte[] Unwrap(Guid id, byte[] wrapped, string? masterKeyId)
    {
        if (masterKeyId is not null)
        {
            return Open(_masters[masterKeyId], id, wrapped);
        }

        var candidates = _masters.Ids;
        foreach (var candidate in candidates)
        {
            try
            {
                return Open(_masters[candidate], id, wrapped);
            }
            catch (CryptographicException) when (candidate != candidates[^1])
            {
                // Wrapped by another master key (a rotation in progress): try the next.
            }
        }

        throw new CryptographicException("No configured master key opens this data key.");
    }

    /// <summary>
    /// A data key from the cache, or read (again) from the database. A live key is trusted for
    /// <see cref="EncryptionOptions.DataKeyCacheLifetime"/>, then checked again, so a key destroyed by another server (a
    /// purge there) stops opening values here within that time; a destroyed key stays destroyed.
    /// </summary>
    private byte[]? Key(Guid keyId)
    {
        SweepIfDue();
        if (_keys.TryGetValue(keyId, out var cached) && Fresh(cached))
        {
            return cached.Key;
        }

        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = db.Set<DataKey>().AsNoTracking().FirstOrDefault(k => k.Id == keyId);
        var key = stored is null || stored.IsDestroyed ? null : cached.Key ?? Unwrap(keyId, stored.WrappedKey, stored.MasterKeyId);
        _keys[keyId] = Cached(key);
        return key;
    }

    private CachedKey Cached(byte[]? key) => new(key, _clock.GetTimestamp());

    /// <summary>How many data keys this server holds in memory (diagnostics and tests).</summary>
    public int CachedKeyCount => _keys.Count;

    /// <summary>
    /// Once per <see cref="EncryptionOptions.DataKeyCacheLifetime"/>, forgets the keys not checked within it: they would
    /// be read again before their next use anyway, and after a bulk import or a conflict-index catch-up that opened a
    /// million parties they are about 130 MB (docs/benchmarks.md). A key forgotten here is read and unwrapped again.
    /// </summary>
    private void SweepIfDue()
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (_clock.GetElapsedTime(last) < _keyLifetime || Interlocked.CompareExchange(ref _lastSweep, _clock.GetTimestamp(), last) != last)
        {
            return;
        }

        foreach (var pair in _keys)
        {
            if (_clock.GetElapsedTime(pair.Value.CheckedAt) >= _keyLifetime)
            {
                _keys.TryRemove(pair);
            }
        }
    }

    private bool Fresh(CachedKey cached) => cached.Key is null || _clock.GetElapsedTime(cached.CheckedAt) < _keyLifetime;

    private bool IsFresh(Guid keyId) => _keys.TryGetValue(keyId, out var cached) && Fresh(cached);

    /// <summary>An unwrapped data key (null: destroyed) and when this server last saw it live in the database.</summary>
    private readonly record struct CachedKey(byte[]? Key, long CheckedAt);

    private static byte[] Seal(byte[] key, Guid keyId, byte[] plaintext)
    {
        var output = new byte[HeaderLength + plaintext.Length];
        output[0] = Version;
        keyId.TryWriteBytes(output.AsSpan(1, 16));
        var nonce = output.AsSpan(17, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderLength), output.AsSpan(29, 16), output.AsSpan(0, 17));
        return output;
    }

    private static byte[] Open(byte[] key, Guid keyId, byte[] sealedValue)
    {
        if (sealedValue.Length < HeaderLength || new Guid(sealedValue.AsSpan(1, 16)) != keyId)
        {
            throw new CryptographicException("The ciphertext does not belong to this key.");
        }

        var plaintext = new byte[sealedValue.Length - HeaderLength];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedValue.AsSpan(17, 12), sealedValue.AsSpan(HeaderLength), sealedValue.AsSpan(29, 16), plaintext, sealedValue.AsSpan(0, 17));
        return plaintext;
    }

    private sealed record HashingKeys(byte[] BlindIndex, byte[] AuditChain);
}
