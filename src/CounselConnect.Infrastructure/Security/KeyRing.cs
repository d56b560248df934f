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
/// The master key, the cache of unwrapped data keys, and the primitives: AES-256-GCM for values (with the key id
/// in every ciphertext) and HMAC-SHA256 keyed hashes (blind indexes) for exact lookups and blocking keys.
/// Ciphertext layout: version (1 byte) | data key id (16) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class KeyRing : IKeyRingPreloader
{
    private const byte Version = 1;
    private const int HeaderLength = 1 + 16 + 12 + 16;

    private readonly byte[] _master;
    private readonly byte[] _blindIndexKey;
    private readonly byte[] _auditChainKey;
    private readonly ConcurrentDictionary<Guid, byte[]?> _keys = new();
    private readonly IServiceScopeFactory _scopes;

    public KeyRing(IOptions<EncryptionOptions> options, IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        MasterKeyId = options.Value.MasterKeyId;
        var master = options.Value.MasterKey;
        if (string.IsNullOrWhiteSpace(master))
        {
            throw new InvalidOperationException(
                "Encryption:MasterKey is not set. Personal data is encrypted at rest and needs a master key: set " +
                "Encryption__MasterKey to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`), kept in a secret store.");
        }

        try
        {
            _master = Convert.FromBase64String(master);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException("Encryption:MasterKey is not valid base64.", ex);
        }

        if (_master.Length != 32)
        {
            throw new InvalidOperationException("Encryption:MasterKey must be 32 bytes (base64 of 32 random bytes).");
        }

        _blindIndexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, info: Encoding.UTF8.GetBytes("counselconnect:blind-index:v1"));
        _auditChainKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, info: Encoding.UTF8.GetBytes("counselconnect:audit-chain:v1"));
    }

    public string MasterKeyId { get; }

    /// <summary>A new random data key, already cached, and its wrapped form for storage.</summary>
    public (Guid Id, byte[] Wrapped) NewDataKey()
    {
        var id = Guid.CreateVersion7();
        var key = RandomNumberGenerator.GetBytes(32);
        _keys[id] = key;
        return (id, Seal(_master, id, key));
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
        var hash = HMACSHA256.HashData(_blindIndexKey, Encoding.UTF8.GetBytes(purpose + "\u001f" + value));
        return Convert.ToHexString(hash);
    }

    /// <summary>HMAC-SHA256 (hex) of an audit entry's canonical content under the audit-chain key.</summary>
    public string AuditHash(string canonical) => Convert.ToHexString(HMACSHA256.HashData(_auditChainKey, Encoding.UTF8.GetBytes(canonical)));

    /// <summary>Forgets a destroyed key on this server.</summary>
    public void Forget(Guid keyId) => _keys[keyId] = null;

    public async Task PreloadForPartiesAsync(IReadOnlyCollection<Guid> partyIds, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = partyIds.ToList();
        var keys = await db.Set<DataKey>().AsNoTracking()
            .Where(k => db.Set<Domain.People.Party>().Any(p => ids.Contains(p.Id) && EF.Property<Guid>(p, ProtectedData.DataKeyIdProperty) == k.Id))
            .Select(k => new { k.Id, k.WrappedKey, k.DestroyedAtUtc })
            .ToListAsync(ct);
        foreach (var k in keys)
        {
            _keys.TryAdd(k.Id, k.DestroyedAtUtc.HasValue ? null : Open(_master, k.Id, k.WrappedKey));
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
            if (!_keys.ContainsKey(id))
            {
                _keys[id] = destroyed || wrapped is null || wrapped.Length == 0 ? null : Open(_master, id, wrapped);
            }
        }
    }

    /// <summary>Loads many data keys by id in one query (those not cached yet).</summary>
    public async Task PreloadKeysAsync(IReadOnlyCollection<Guid> keyIds, CancellationToken ct)
    {
        var missing = keyIds.Where(id => !_keys.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keys = await db.Set<DataKey>().AsNoTracking()
            .Where(k => missing.Contains(k.Id))
            .Select(k => new { k.Id, k.WrappedKey, k.DestroyedAtUtc })
            .ToListAsync(ct);
        Preload(keys.Select(k => (k.Id, (byte[]?)k.WrappedKey, k.DestroyedAtUtc.HasValue)));
    }

    private byte[]? Key(Guid keyId)
    {
        if (_keys.TryGetValue(keyId, out var cached))
        {
            return cached;
        }

        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = db.Set<DataKey>().AsNoTracking().FirstOrDefault(k => k.Id == keyId);
        var key = stored is null || stored.IsDestroyed ? null : Open(_master, keyId, stored.WrappedKey);
        _keys[keyId] = key;
        return key;
    }

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
}
