namespace CounselConnect.Infrastructure.Auditing;

/// <summary>Tells this server's chainer that a save has just added unchained entries, so it need not wait for its next poll.</summary>
public sealed class AuditChainSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Nudge()
    {
        if (_pending.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another save nudged it at the same moment: one wake-up is enough.
        }
    }

    /// <summary>Waits for a nudge or for the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);

    public void Dispose() => _pending.Dispose();
}
