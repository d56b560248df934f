using CounselConnect.Infrastructure.Identity;

namespace CounselConnect.UnitTests.Identity;

public sealed class TokenEntryCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; } = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;
    }

    private static readonly TokenEntrySnapshot Valid = new(true, true, false, null, null, null, "t1", "access_token");

    [Fact]
    public void A_snapshot_is_served_within_its_lifetime_and_not_after()
    {
        var clock = new ManualClock();
        var cache = new TokenEntryCache(clock, TimeSpan.FromSeconds(15));
        cache.Store("t1", Valid, cache.Generation);
        clock.Ticks += TimeSpan.FromSeconds(14).Ticks;
        Assert.True(cache.TryGet("t1", out var hit));
        Assert.Same(Valid, hit);
        clock.Ticks += TimeSpan.FromSeconds(2).Ticks;
        Assert.False(cache.TryGet("t1", out _));
    }

    [Fact]
    public void A_revocation_forgets_every_snapshot_and_one_read_before_it_is_not_stored()
    {
        var cache = new TokenEntryCache(new ManualClock(), TimeSpan.FromSeconds(15));
        cache.Store("t1", Valid, cache.Generation);
        var before = cache.Generation;
        cache.Clear();
        Assert.False(cache.TryGet("t1", out _));

        // Read from the database before the revocation, stored after it: possibly stale, so dropped.
        cache.Store("t1", Valid, before);
        Assert.False(cache.TryGet("t1", out _));
        cache.Store("t1", Valid, cache.Generation);
        Assert.True(cache.TryGet("t1", out _));
    }

    [Fact]
    public void A_lifetime_of_zero_turns_the_cache_off()
    {
        var cache = new TokenEntryCache(new ManualClock(), TimeSpan.Zero);
        cache.Store("t1", Valid, cache.Generation);
        Assert.False(cache.TryGet("t1", out _));
    }
}
