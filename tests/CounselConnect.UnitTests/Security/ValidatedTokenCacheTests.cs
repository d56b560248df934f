using System.Security.Claims;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Web.Security;
using OpenIddict.Abstractions;

namespace CounselConnect.UnitTests.Security;

public sealed class ValidatedTokenCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public long Ticks { get; set; } = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;

        public override DateTimeOffset GetUtcNow() => Start.AddTicks(Ticks);
    }

    private static readonly TokenEntrySnapshot ValidEntry = new(true, true, false, null, null, null, "t1", "access_token");

    private static (ManualClock Clock, TokenEntryCache Entries, ValidatedTokenCache Cache) Create()
    {
        var clock = new ManualClock();
        var entries = new TokenEntryCache(clock, TimeSpan.FromSeconds(15));
        return (clock, entries, new ValidatedTokenCache(clock, entries));
    }

    private static ClaimsPrincipal Principal(DateTimeOffset expires) =>
        new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "someone")], "test"))
            .SetTokenId("t1").SetExpirationDate(expires);

    [Fact]
    public void A_validated_token_is_served_as_a_copy_while_its_entry_is_held_and_not_after_the_lifetime()
    {
        var (clock, entries, cache) = Create();
        entries.Store("t1", ValidEntry, entries.Generation);
        var principal = Principal(clock.GetUtcNow().AddMinutes(30));
        cache.Store("token-a", principal);

        clock.Ticks += TimeSpan.FromSeconds(10).Ticks;
        Assert.True(cache.TryGet("token-a", out var hit));
        Assert.NotSame(principal, hit);
        Assert.Equal("someone", hit.FindFirst("sub")?.Value);
        Assert.False(cache.TryGet("token-b", out _));

        clock.Ticks += TimeSpan.FromSeconds(6).Ticks;
        Assert.False(cache.TryGet("token-a", out _));
    }

    [Fact]
    public void A_revocation_on_this_server_stops_the_cached_token_at_once()
    {
        var (clock, entries, cache) = Create();
        entries.Store("t1", ValidEntry, entries.Generation);
        cache.Store("token-a", Principal(clock.GetUtcNow().AddMinutes(30)));
        Assert.True(cache.TryGet("token-a", out _));

        entries.Clear(); // what RevocationAwareTokenManager does on any revocation
        Assert.False(cache.TryGet("token-a", out _));

        // The entry read again after the revocation says the token is no longer valid.
        entries.Store("t1", ValidEntry with { Valid = false }, entries.Generation);
        Assert.False(cache.TryGet("token-a", out _));
    }

    [Fact]
    public void An_expired_token_is_not_served_even_within_the_lifetime()
    {
        var (clock, entries, cache) = Create();
        entries.Store("t1", ValidEntry, entries.Generation);
        cache.Store("token-a", Principal(clock.GetUtcNow().AddSeconds(5)));
        Assert.True(cache.TryGet("token-a", out _));

        clock.Ticks += TimeSpan.FromSeconds(5).Ticks;
        Assert.False(cache.TryGet("token-a", out _));
    }

    [Fact]
    public void Nothing_is_kept_when_token_entries_are_not_cached()
    {
        var clock = new ManualClock();
        var entries = new TokenEntryCache(clock, TimeSpan.Zero);
        var cache = new ValidatedTokenCache(clock, entries);
        cache.Store("token-a", Principal(clock.GetUtcNow().AddMinutes(30)));
        Assert.False(cache.TryGet("token-a", out _));
    }
}
