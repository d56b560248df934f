using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>
/// The built CounselConnect.Web app as a separate OS process (<c>dotnet CounselConnect.Web.dll</c>), configured by
/// environment variables, listening on a free loopback port. Its console output is kept (last lines) for failure messages.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WebProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>The name the process's delivery runs write into claimed rows (see DeliverRemindersJob.Claimer).</summary>
    public string Claimer => $"{Environment.MachineName}:{_process.Id}";

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the app with <paramref name="settings"/> as environment variables and waits until /health/ready answers 200.</summary>
    public static async Task<WebProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan readyTimeout)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CounselConnect.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("The built web app is not next to the test assembly.", dll);
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var web = new WebProcess(process, address);
        process.OutputDataReceived += (_, e) => web.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => web.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await web.WaitUntilReadyAsync(readyTimeout);
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }

        return web;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>SIGKILL: the process gets no chance to finish anything (Process.Kill sends SIGKILL on Unix).</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public string OutputTail() => string.Join('\n', _output);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = CreateClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The web process exited with {_process.ExitCode} before it was ready:\n{OutputTail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The web process was not ready within {timeout.TotalSeconds:0} s:\n{OutputTail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
