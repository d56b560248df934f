using CounselConnect.Infrastructure.Security;

namespace CounselConnect.UnitTests.Security;

/// <summary>Master-key configuration: the one-key form, several keys by id, and start-up errors that name ids, never keys.</summary>
public sealed class MasterKeySetTests
{
    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private static EncryptionOptions Options(string currentId, string? single = null, params (string Id, string Key)[] keys)
    {
        var options = new EncryptionOptions { MasterKeyId = currentId, MasterKey = single };
        foreach (var (id, key) in keys)
        {
            options.MasterKeys[id] = key;
        }

        return options;
    }

    [Fact]
    public void The_single_master_key_is_the_key_of_the_configured_id()
    {
        var set = MasterKeySet.From(Options("master-1", KeyA));
        Assert.Equal("master-1", set.CurrentId);
        Assert.Equal(Convert.FromBase64String(KeyA), set.Current);
        Assert.Equal(["master-1"], set.Ids);
    }

    [Fact]
    public void Several_keys_by_id_with_the_current_one_first()
    {
        var set = MasterKeySet.From(Options("master-2", null, ("master-1", KeyA), ("master-2", KeyB)));
        Assert.Equal(["master-2", "master-1"], set.Ids);
        Assert.Equal(Convert.FromBase64String(KeyB), set.Current);
        Assert.Equal(Convert.FromBase64String(KeyA), set["master-1"]);
        Assert.True(set.Contains("master-1"));
        Assert.False(set.Contains("master-3"));
    }

    [Fact]
    public void The_single_key_may_repeat_the_listed_current_key_but_not_contradict_it()
    {
        Assert.Equal(["master-2", "master-1"], MasterKeySet.From(Options("master-2", KeyB, ("master-1", KeyA), ("master-2", KeyB))).Ids);
        var error = Assert.Throws<InvalidOperationException>(() => MasterKeySet.From(Options("master-2", KeyA, ("master-2", KeyB))));
        Assert.Contains("both set, to different keys", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Encryption:MasterKey is not set")]
    [InlineData("not base64!", "is not valid base64")]
    [InlineData("c2hvcnQ=", "must be 32 bytes")]
    public void A_missing_or_malformed_key_stops_the_start_without_quoting_it(string? key, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => MasterKeySet.From(Options("master-1", key)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        if (key is not null)
        {
            Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_current_id_without_a_key_stops_the_start_and_names_the_configured_ids()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MasterKeySet.From(Options("master-3", null, ("master-1", KeyA))));
        Assert.Contains("'master-3'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Configured ids: master-1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyA, error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => MasterKeySet.From(Options(" ", KeyA)));
    }

    [Fact]
    public void Asking_for_an_unconfigured_id_says_how_to_configure_it()
    {
        var set = MasterKeySet.From(Options("master-2", KeyB));
        var error = Assert.Throws<InvalidOperationException>(() => set["master-1"]);
        Assert.Contains("'master-1', which this server does not have", error.Message, StringComparison.Ordinal);
        Assert.Contains("Encryption__MasterKeys__<id>", error.Message, StringComparison.Ordinal);
    }
}
