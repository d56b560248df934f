namespace CounselConnect.Infrastructure.Security;

/// <summary>
/// The configured master keys by id, and which one is current. Built from <see cref="EncryptionOptions"/> with
/// start-up errors that say what to set; error messages name key ids, never key bytes.
/// </summary>
public sealed class MasterKeySet
{
    public const int MaxIdLength = 64;

    private readonly Dictionary<string, byte[]> _keys;

    private MasterKeySet(string currentId, Dictionary<string, byte[]> keys)
    {
        CurrentId = currentId;
        _keys = keys;
    }

    public string CurrentId { get; }

    public byte[] Current => _keys[CurrentId];

    /// <summary>Every configured id, the current one first.</summary>
    public IReadOnlyList<string> Ids => [CurrentId, .. _keys.Keys.Where(k => k != CurrentId).Order(StringComparer.Ordinal)];

    public bool Contains(string id) => _keys.ContainsKey(id);

    public byte[] this[string id] => _keys.TryGetValue(id, out var key)
        ? key
        : throw new InvalidOperationException(NotConfigured([id]));

    public static string NotConfigured(IEnumerable<string> ids) =>
        $"Keys in the database are wrapped by master key {string.Join(", ", ids.Select(i => $"'{i}'"))}, which this server does not have. " +
        "Configure each as Encryption__MasterKeys__<id> (base64 of 32 bytes). Remove an old master key only after the key rotation " +
        "has moved every key off it (GET /api/v1/admin/keys or the page /Admin/Keys shows the count per master key).";

    public static MasterKeySet From(EncryptionOptions options)
    {
        var currentId = options.MasterKeyId?.Trim();
        if (string.IsNullOrEmpty(currentId) || currentId.Length > MaxIdLength)
        {
            throw new InvalidOperationException(
                $"Encryption:MasterKeyId must name the current master key (1 to {MaxIdLength} characters), e.g. master-1.");
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, value) in options.MasterKeys)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (id.Length > MaxIdLength)
            {
                throw new InvalidOperationException($"Encryption:MasterKeys: the id '{id[..16]}…' is longer than {MaxIdLength} characters.");
            }

            keys[id] = Parse(value, $"Encryption:MasterKeys:{id}");
        }

        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            var single = Parse(options.MasterKey, "Encryption:MasterKey");
            if (keys.TryGetValue(currentId, out var listed) && !listed.AsSpan().SequenceEqual(single))
            {
                throw new InvalidOperationException(
                    $"Encryption:MasterKey and Encryption:MasterKeys:{currentId} are both set, to different keys. When rotating, list every " +
                    "master key under Encryption__MasterKeys__<id> (the old ones under their old ids) and leave Encryption__MasterKey empty.");
            }

            keys[currentId] = single;
        }

        if (keys.Count == 0)
        {
            throw new InvalidOperationException(
                "Encryption:MasterKey is not set. Personal data is encrypted at rest and needs a master key: set " +
                "Encryption__MasterKey to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`), kept in a secret store " +
                "(or Encryption__MasterKeys__<id> for each master key, with Encryption__MasterKeyId naming the current one).");
        }

        if (!keys.ContainsKey(currentId))
        {
            throw new InvalidOperationException(
                $"Encryption:MasterKeyId is '{currentId}', but no key with that id is configured: set Encryption__MasterKeys__{currentId} " +
                $"(or Encryption__MasterKey) to the base64 of 32 random bytes. Configured ids: {string.Join(", ", keys.Keys.Order(StringComparer.Ordinal))}.");
        }

        return new MasterKeySet(currentId, keys);
    }

    private static byte[] Parse(string value, string setting)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value.Trim());
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{setting} is not valid base64.", ex);
        }

        return bytes.Length == 32
            ? bytes
            : throw new InvalidOperationException($"{setting} must be 32 bytes (base64 of 32 random bytes), not {bytes.Length}.");
    }
}
