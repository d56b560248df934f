using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide, while its logger factory belongs to one host. When a process runs
/// several hosts one after the other (the integration tests), the provider can outlive the host whose factory it
/// holds; creating a job client then threw <see cref="ObjectDisposedException"/> and turned a good request into a
/// 500. This provider logs through the host's factory and, once that factory is disposed, drops the line instead.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new SafeLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return SafeLog.Silent;
        }
    }

    private sealed class SafeLog(ILog? inner) : ILog
    {
        public static SafeLog Silent { get; } = new(null);

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (inner is null)
            {
                return false;
            }

            try
            {
                return inner.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
