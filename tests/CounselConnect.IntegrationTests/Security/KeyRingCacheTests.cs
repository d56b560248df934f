using System.Text;
using CounselConnect.Domain.Organisations;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// A purge on one server destroys a data key that another server holds unwrapped in memory: that server must stop
/// opening the values within <see cref="EncryptionOptions.DataKeyCacheLifetime"/>, not keep them until it restarts.
/// </summary>
public sealed class KeyRingCacheTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task A_key_destroyed_by_another_server_stops_opening_values_here_once_the_cache_lifetime_has_passed()
    {
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        var clock = new SteppedClock();
        using var other = AnotherServersRing(clock);

        // This server (the app's own ring) makes a key and seals a value; the other server opens it, caching the key.
        var here = factory.Services.GetRequiredService<KeyRing>();
        var (keyId, wrapped) = here.NewDataKey();
        var scopeId = Guid.NewGuid();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var organisationId = await db.Set<Organisation>().Select(o => o.Id).FirstAsync();
            db.Set<DataKey>().Add(new DataKey(keyId, scopeId, organisationId, wrapped, here.MasterKeyId, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var secret = here.Encrypt(keyId, Encoding.UTF8.GetBytes("a client's note"));
        Assert.Equal("a client's note", Encoding.UTF8.GetString(other.Decrypt(secret)!));

        // The purge runs here: the key is destroyed in the database and forgotten by this server at once.
        await using (var scope = scopes.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<DataKeyShredder>().DestroyAsync(scopeId, CancellationToken.None));
        }

        Assert.Null(here.Decrypt(secret));

        // The other server still trusts its copy within the lifetime, and no longer after it.
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.NotNull(other.Decrypt(secret));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(other.Decrypt(secret));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(other.Decrypt(secret));
    }

    [Fact]
    public async Task Keys_not_used_within_the_cache_lifetime_are_let_go_and_read_again_when_needed()
    {
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        var clock = new SteppedClock();
        using var ring = AnotherServersRing(clock);

        var here = factory.Services.GetRequiredService<KeyRing>();
        var secrets = new List<byte[]>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var organisationId = await db.Set<Organisation>().Select(o => o.Id).FirstAsync();
            for (var i = 0; i < 3; i++)
            {
                var (keyId, wrapped) = here.NewDataKey();
                db.Set<DataKey>().Add(new DataKey(keyId, Guid.NewGuid(), organisationId, wrapped, here.MasterKeyId, DateTime.UtcNow));
                secrets.Add(here.Encrypt(keyId, Encoding.UTF8.GetBytes($"note {i}")));
            }

            await db.SaveChangesAsync();
        }

        // Two keys opened now, the third four minutes later; at six minutes only the third is still held.
        Assert.Equal("note 0", Encoding.UTF8.GetString(ring.Decrypt(secrets[0])!));
        Assert.Equal("note 1", Encoding.UTF8.GetString(ring.Decrypt(secrets[1])!));
        Assert.Equal(2, ring.CachedKeyCount);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("note 2", Encoding.UTF8.GetString(ring.Decrypt(secrets[2])!));
        Assert.Equal(3, ring.CachedKeyCount);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("note 2", Encoding.UTF8.GetString(ring.Decrypt(secrets[2])!));
        Assert.Equal(1, ring.CachedKeyCount);

        // A key let go is read from the database and unwrapped again on its next use.
        Assert.Equal("note 0", Encoding.UTF8.GetString(ring.Decrypt(secrets[0])!));
        Assert.Equal(2, ring.CachedKeyCount);
    }

    /// <summary>A second key ring on the same database and master keys (another server), on a clock the test moves.</summary>
    private KeyRing AnotherServersRing(SteppedClock clock)
    {
        var configured = factory.Services.GetRequiredService<IOptions<EncryptionOptions>>().Value;
        return new KeyRing(Options.Create(new EncryptionOptions
        {
            MasterKey = configured.MasterKey,
            MasterKeyId = configured.MasterKeyId,
            MasterKeys = configured.MasterKeys,
            DataKeyCacheLifetime = TimeSpan.FromMinutes(5),
        }), factory.Services.GetRequiredService<IServiceScopeFactory>(), clock);
    }

    /// <summary>A monotonic clock the test moves (the key cache measures lifetimes with timestamps).</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
