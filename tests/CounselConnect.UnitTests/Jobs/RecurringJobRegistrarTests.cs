using CounselConnect.Infrastructure.Jobs;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace CounselConnect.UnitTests.Jobs;

public sealed class RecurringJobRegistrarTests
{
    [Fact]
    public async Task A_held_lock_does_not_stop_start_up_and_the_registration_is_retried_until_it_succeeds()
    {
        var attempts = 0;
        using var registrar = new RecurringJobRegistrar(NullLogger.Instance, "test", TimeSpan.FromMilliseconds(20));

        registrar.Start(() =>
        {
            if (++attempts < 3)
            {
                throw attempts == 1 ? new DistributedLockTimeoutException("recurring-job:x") : new PostgreSqlDistributedLockException("held");
            }
        });

        Assert.Equal(1, attempts);
        await registrar.Registered.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, attempts);
    }

    [Fact]
    public void Other_failures_still_stop_start_up()
    {
        using var registrar = new RecurringJobRegistrar(NullLogger.Instance, "test", TimeSpan.FromMilliseconds(20));
        Assert.Throws<InvalidOperationException>(() => registrar.Start(() => throw new InvalidOperationException("storage is broken")));
    }

    [Fact]
    public async Task Stopping_ends_the_retries()
    {
        var attempts = 0;
        using var registrar = new RecurringJobRegistrar(NullLogger.Instance, "test", TimeSpan.FromMilliseconds(20));
        registrar.Start(() =>
        {
            attempts++;
            throw new DistributedLockTimeoutException("recurring-job:x");
        });

        await Task.Delay(100);
        await registrar.StopAsync();
        var after = attempts;
        await Task.Delay(100);
        Assert.True(after >= 1);
        Assert.Equal(after, attempts);
    }

    [Fact]
    public async Task Stopping_twice_and_after_dispose_is_harmless_as_when_a_host_stops_and_is_disposed()
    {
        var registrar = new RecurringJobRegistrar(NullLogger.Instance, "test", TimeSpan.FromMilliseconds(20));
        registrar.Start(() => throw new DistributedLockTimeoutException("recurring-job:x"));
        await registrar.StopAsync();
        await registrar.StopAsync();
        registrar.Dispose();
        await registrar.StopAsync();
        registrar.Dispose();

        var registered = new RecurringJobRegistrar(NullLogger.Instance, "test");
        registered.Start(() => { });
        registered.Dispose();
        await registered.StopAsync();
    }
}
