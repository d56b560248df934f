using Hangfire.PostgreSql;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Infrastructure.Jobs;

/// <summary>
/// Registers recurring jobs at start-up without letting a dead server's lock stop this one from starting. A server
/// killed while it held a recurring job's distributed lock (SIGKILL during its own registration or a run) leaves the
/// lock row behind until the storage expires it (10 minutes with Hangfire's PostgreSQL storage); registering that job
/// then times out. The first attempt runs during start-up as before; if a lock is held, the service starts anyway and
/// the registration is retried in the background until it succeeds. The jobs are already registered by the servers
/// that ran before (registration only updates them), so nothing stops running meanwhile.
/// </summary>
public sealed class RecurringJobRegistrar(ILogger logger, string what, TimeSpan? retryDelay = null) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;
    private bool _disposed;

    /// <summary>Done when the jobs are registered (at once, or after the retries), or when stopped.</summary>
    public Task Registered => _retrying;

    private readonly TimeSpan _retryDelay = retryDelay ?? TimeSpan.FromSeconds(30);

    public void Start(Action register)
    {
        if (!TryRegister(register, attempt: 1))
        {
            _retrying = RetryAsync(register, _stopping.Token);
        }
    }

    /// <summary>Ends the retries, if any; safe to call more than once and after <see cref="Dispose"/> (a host stops twice).</summary>
    public async Task StopAsync()
    {
        if (_disposed || _retrying.IsCompleted)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await _retrying;
        }
        catch (OperationCanceledException)
        {
            // Stopping before the lock expired: the next start registers the jobs.
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_retrying.IsCompleted)
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    private async Task RetryAsync(Action register, CancellationToken ct)
    {
        for (var attempt = 2; ; attempt++)
        {
            await Task.Delay(_retryDelay, ct);
            if (TryRegister(register, attempt))
            {
                return;
            }
        }
    }

    private bool TryRegister(Action register, int attempt)
    {
        try
        {
            register();
            if (attempt > 1)
            {
                logger.LogInformation("{What}: recurring jobs registered at attempt {Attempt}", what, attempt);
            }

            return true;
        }
        catch (Exception e) when (e is DistributedLockTimeoutException or PostgreSqlDistributedLockException)
        {
            logger.LogWarning("{What}: a recurring job's lock is held (a stopped server's, until the storage expires it); "
                + "retrying in {Delay} (attempt {Attempt})", what, _retryDelay, attempt);
            return false;
        }
    }
}
