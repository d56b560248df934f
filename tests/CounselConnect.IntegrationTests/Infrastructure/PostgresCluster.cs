using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace CounselConnect.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for integration tests.
/// <para>
/// If the environment variable <c>COUNSELCONNECT_TEST_POSTGRES</c> holds a connection string, that server is
/// used: databases are created there and dropped again on dispose. Otherwise a private cluster is created with
/// <c>initdb</c> in a fresh temporary folder, started on a free 127.0.0.1 port and deleted on dispose. When the
/// process runs as root (PostgreSQL refuses to), initdb and pg_ctl run as an unprivileged user.
/// </para>
/// Anything missing or failing throws a <see cref="PostgresClusterException"/> with a clear message: tests that
/// need PostgreSQL fail loudly, they are never skipped.
/// </summary>
public sealed partial class PostgresCluster : IAsyncDisposable
{
    public const string ExternalServerVariable = "COUNSELCONNECT_TEST_POSTGRES";

    private const string Superuser = "postgres";
    private const string DedicatedUser = "counselconnect-pg";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly LocalServer? _local;
    private readonly List<string> _createdDatabases = [];
    private readonly Lock _gate = new();
    private int _disposed;

    private PostgresCluster(NpgsqlConnectionStringBuilder server, LocalServer? local)
    {
        _server = server;
        _local = local;
        if (_local is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }
    }

    /// <summary>True when this instance runs its own private cluster (not the server named by the environment).</summary>
    public bool IsPrivateCluster => _local is not null;

    /// <summary>Starts a private cluster, or connects to the server named by <c>COUNSELCONNECT_TEST_POSTGRES</c>.</summary>
    public static async Task<PostgresCluster> StartAsync(CancellationToken ct = default)
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return await UseExternalServerAsync(external, ct).ConfigureAwait(false);
        }

        return await StartPrivateClusterAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Always a private cluster (ignores <c>COUNSELCONNECT_TEST_POSTGRES</c>): for tests that stop the server.</summary>
    public static Task<PostgresCluster> StartPrivateAsync(CancellationToken ct = default) => StartPrivateClusterAsync(ct);

    /// <summary>Stops the private cluster's server (fast shutdown: sessions are ended) and keeps its data.</summary>
    public Task StopServerAsync() =>
        (_local ?? throw new InvalidOperationException("Only a private cluster can be stopped.")).StopServerAsync(CancellationToken.None);

    /// <summary>Starts the private cluster's server again on the same port, after <see cref="StopServerAsync"/>.</summary>
    public Task StartServerAsync() =>
        (_local ?? throw new InvalidOperationException("Only a private cluster can be started.")).StartServerAsync(CancellationToken.None);

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database };
        return builder.ConnectionString;
    }

    /// <summary>Creates an empty database; it is dropped (or deleted with the cluster) on dispose.</summary>
    public async Task CreateDatabaseAsync(string name)
    {
        ValidateDatabaseName(name);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        try
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            throw new PostgresClusterException(
                $"Could not create test database '{name}' on {Describe()}: {ex.MessageText}", ex);
        }

        lock (_gate)
        {
            _createdDatabases.Add(name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (_local is null)
        {
            await DropCreatedDatabasesAsync().ConfigureAwait(false);
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await _local.StopAndDeleteAsync().ConfigureAwait(false);
    }

    public override string ToString() => Describe();

    private string Describe() =>
        _local is null
            ? $"the server from {ExternalServerVariable} ({_server.Host}:{_server.Port})"
            : $"the private PostgreSQL cluster at 127.0.0.1:{_server.Port} (data in {_local.Root})";

    private string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Pooling = false }.ConnectionString;

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _local?.StopAndDeleteAsync().GetAwaiter().GetResult();
        }
    }

    private async Task DropCreatedDatabasesAsync()
    {
        string[] names;
        lock (_gate)
        {
            names = [.. _createdDatabases];
            _createdDatabases.Clear();
        }

        if (names.Length == 0)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync().ConfigureAwait(false);
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static void ValidateDatabaseName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!DatabaseNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Test database name '{name}' must be 1-63 characters: letters, digits and underscores, not starting with a digit.",
                nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex DatabaseNamePattern();

    // ---------------------------------------------------------------- external server

    private static async Task<PostgresCluster> UseExternalServerAsync(string connectionString, CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new PostgresClusterException(
                $"{ExternalServerVariable} is set but is not a valid Npgsql connection string: {ex.Message}", ex);
        }

        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }

        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw new PostgresClusterException(
                $"{ExternalServerVariable} names {builder.Host}:{builder.Port} but it cannot be reached: {ex.Message}", ex);
        }

        return new PostgresCluster(builder, local: null);
    }

    // ---------------------------------------------------------------- private cluster

    /// <summary>How long a stopped cluster's folder must have been untouched before a later run deletes it.</summary>
    internal static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(10);

    private const string FolderPrefix = "counselconnect-pg-";
    private static int _leftoversDeleted;

    private static async Task<PostgresCluster> StartPrivateClusterAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _leftoversDeleted, 1) == 0)
        {
            DeleteLeftoverClusters(Path.GetTempPath(), DateTime.UtcNow);
        }

        var binDir = FindPostgresBinDirectory();
        var runAs = await ChooseUnprivilegedUserAsync(ct).ConfigureAwait(false);
        var local = new LocalServer(binDir, runAs);
        try
        {
            var port = await local.InitAndStartAsync(ct).ConfigureAwait(false);
            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = Superuser,
                Database = "postgres",
                Timeout = 30,
                IncludeErrorDetail = true,
            };
            await WaitUntilAcceptingAsync(builder, local, ct).ConfigureAwait(false);
            return new PostgresCluster(builder, local);
        }
        catch
        {
            await local.StopAndDeleteAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Deletes the folders of private clusters that earlier runs left behind (hundreds of MB each): the run's shared
    /// cluster is stopped when the process exits, but the test host may end the process before the folder is deleted.
    /// A folder counts as left behind when its server is not running (no <c>postmaster.pid</c>) and neither the folder
    /// nor the server's log changed for <see cref="LeftoverAge"/>; so a cluster that another run is creating, or has
    /// stopped for a moment, is kept. Returns how many folders were deleted.
    /// </summary>
    internal static int DeleteLeftoverClusters(string tempPath, DateTime nowUtc)
    {
        var deleted = 0;
        foreach (var root in Directory.EnumerateDirectories(tempPath, FolderPrefix + "*"))
        {
            try
            {
                if (File.Exists(Path.Combine(root, "data", "postmaster.pid")))
                {
                    continue;
                }

                var log = Path.Combine(root, "postgres.log");
                var lastChange = Directory.GetLastWriteTimeUtc(root);
                if (File.Exists(log) && File.GetLastWriteTimeUtc(log) > lastChange)
                {
                    lastChange = File.GetLastWriteTimeUtc(log);
                }

                if (nowUtc - lastChange >= LeftoverAge)
                {
                    Directory.Delete(root, recursive: true);
                    deleted++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another run may be deleting it too, or it is not ours to delete: leave it.
            }
        }

        return deleted;
    }

    private static async Task WaitUntilAcceptingAsync(NpgsqlConnectionStringBuilder server, LocalServer local, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false, Timeout = 5 };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe.ConnectionString);
                await connection.OpenAsync(ct).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
            {
                if (deadline.Elapsed > ReadyTimeout)
                {
                    throw new PostgresClusterException(
                        $"PostgreSQL at 127.0.0.1:{server.Port} did not accept connections within {ReadyTimeout.TotalSeconds:0} s: {ex.Message}\n"
                        + local.LogTail(), ex);
                }
            }

            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The first folder holding initdb, pg_ctl and postgres: PATH first, then /usr/lib/postgresql/*/bin, newest first.</summary>
    private static string FindPostgresBinDirectory()
    {
        string[] required = ["initdb", "pg_ctl", "postgres"];
        var candidates = new List<string>();
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        candidates.AddRange(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            candidates.AddRange(
                Directory.GetDirectories(debianRoot)
                    .Select(dir => (dir, version: ParseVersion(Path.GetFileName(dir))))
                    .OrderByDescending(x => x.version)
                    .Select(x => Path.Combine(x.dir, "bin")));
        }

        foreach (var dir in candidates)
        {
            if (required.All(tool => File.Exists(Path.Combine(dir, tool))))
            {
                // PATH entries are often symlinks (/usr/local/bin/initdb -> /usr/lib/postgresql/NN/bin/initdb):
                // use the real folder so initdb and pg_ctl find their own postgres.
                var initdb = new FileInfo(Path.Combine(dir, "initdb"));
                var target = initdb.ResolveLinkTarget(returnFinalTarget: true);
                var realDir = target is null ? dir : Path.GetDirectoryName(target.FullName)!;
                return required.All(tool => File.Exists(Path.Combine(realDir, tool))) ? realDir : dir;
            }
        }

        throw new PostgresClusterException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH nor in /usr/lib/postgresql/*/bin. "
            + "Install them (Debian: apt-get install -y postgresql) or set "
            + ExternalServerVariable + " to the connection string of a server whose user may create databases. "
            + "bash tests/run-tests.sh installs PostgreSQL itself when run as root.");
    }

    private static Version ParseVersion(string text) =>
        Version.TryParse(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0", out var v) ? v : new Version(0, 0);

    private static bool IsRoot()
    {
        if (string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            var (exit, output) = ProcessRunner.RunAsync("id", ["-u"], null, TimeSpan.FromSeconds(10), CancellationToken.None)
                .GetAwaiter().GetResult();
            return exit == 0 && output.Trim() == "0";
        }
        catch (PostgresClusterException)
        {
            return false;
        }
    }

    /// <summary>Null when not root; otherwise an existing unprivileged account (created if needed) to run PostgreSQL as.</summary>
    private static async Task<UnprivilegedUser?> ChooseUnprivilegedUserAsync(CancellationToken ct)
    {
        if (!IsRoot())
        {
            return null;
        }

        foreach (var name in new[] { DedicatedUser, "postgres", "nobody" })
        {
            var user = await LookUpUserAsync(name, ct).ConfigureAwait(false);
            if (user is not null)
            {
                return user;
            }
        }

        var (exit, output) = await ProcessRunner.RunAsync(
            "useradd",
            ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", DedicatedUser],
            null, CommandTimeout, ct).ConfigureAwait(false);
        var created = await LookUpUserAsync(DedicatedUser, ct).ConfigureAwait(false);
        return created ?? throw new PostgresClusterException(
            $"Running as root, PostgreSQL needs an unprivileged user, but none of {DedicatedUser}, postgres, nobody exists "
            + $"and 'useradd {DedicatedUser}' failed (exit {exit}): {output}");
    }

    private static async Task<UnprivilegedUser?> LookUpUserAsync(string name, CancellationToken ct)
    {
        var (uidExit, uid) = await ProcessRunner.RunAsync("id", ["-u", name], null, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        var (gidExit, gid) = await ProcessRunner.RunAsync("id", ["-g", name], null, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        if (uidExit != 0 || gidExit != 0 || uid.Trim() == "0")
        {
            return null;
        }

        return new UnprivilegedUser(name, uid.Trim(), gid.Trim());
    }

    private sealed record UnprivilegedUser(string Name, string Uid, string Gid);

    /// <summary>One initdb'd cluster in a temporary folder: init, start, stop, delete.</summary>
    private sealed class LocalServer(string binDir, UnprivilegedUser? runAs)
    {
        private int _stopped;

        public string Root { get; } = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);

        private string DataDir => Path.Combine(Root, "data");

        private string LogFile => Path.Combine(Root, "postgres.log");

        private string PgCtl => Path.Combine(binDir, "pg_ctl");

        public async Task<int> InitAndStartAsync(CancellationToken ct)
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PostgresClusterException(
                    $"A private PostgreSQL cluster is only supported on Linux; set {ExternalServerVariable} instead.");
            }

            Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (runAs is not null)
            {
                await RunCheckedAsync("chown", ["-R", $"{runAs.Uid}:{runAs.Gid}", Root], asUser: false, "hand the temp folder to " + runAs.Name, ct)
                    .ConfigureAwait(false);
                var (exit, output) = await RunAsync("test", ["-w", Root], asUser: true, ct).ConfigureAwait(false);
                if (exit != 0)
                {
                    throw new PostgresClusterException(
                        $"User '{runAs.Name}' cannot write to {Root} (a parent folder is not traversable?). "
                        + $"Point TMPDIR at a folder such as /tmp. {output}");
                }
            }

            await RunCheckedAsync(
                Path.Combine(binDir, "initdb"),
                ["-D", DataDir, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"],
                asUser: true, "initdb", ct).ConfigureAwait(false);

            PostgresClusterException? last = null;
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                var port = FreeLoopbackPort();
                WriteSettings(port);
                var (exit, output) = await RunAsync(
                    PgCtl, ["-D", DataDir, "-l", LogFile, "-w", "-t", "60", "start"], asUser: true, ct).ConfigureAwait(false);
                if (exit == 0)
                {
                    return port;
                }

                last = new PostgresClusterException(
                    $"pg_ctl start failed (exit {exit}, port {port}, attempt {attempt}/3): {output.Trim()}\n{LogTail()}");
                await RunAsync(PgCtl, ["-D", DataDir, "-m", "immediate", "-w", "stop"], asUser: true, ct).ConfigureAwait(false);
            }

            throw last!;
        }

        public Task StopServerAsync(CancellationToken ct) =>
            RunCheckedAsync(PgCtl, ["-D", DataDir, "-m", "fast", "-w", "-t", "30", "stop"], asUser: true, "pg_ctl stop", ct);

        // The port is in postgresql.auto.conf, so the server comes back where clients expect it.
        public Task StartServerAsync(CancellationToken ct) =>
            RunCheckedAsync(PgCtl, ["-D", DataDir, "-l", LogFile, "-w", "-t", "60", "start"], asUser: true, "pg_ctl start", ct);

        public async Task StopAndDeleteAsync()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0)
            {
                return;
            }

            try
            {
                if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
                {
                    var (exit, _) = await RunAsync(
                        PgCtl, ["-D", DataDir, "-m", "fast", "-w", "-t", "30", "stop"], asUser: true, CancellationToken.None).ConfigureAwait(false);
                    if (exit != 0)
                    {
                        await RunAsync(PgCtl, ["-D", DataDir, "-m", "immediate", "-w", "-t", "30", "stop"], asUser: true, CancellationToken.None)
                            .ConfigureAwait(false);
                    }
                }
            }
            catch (PostgresClusterException)
            {
                // Best effort: deleting the folder below still cleans up the disk.
            }

            try
            {
                if (Directory.Exists(Root))
                {
                    Directory.Delete(Root, recursive: true);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        public string LogTail()
        {
            try
            {
                if (!File.Exists(LogFile))
                {
                    return "(no server log)";
                }

                var lines = File.ReadAllLines(LogFile);
                return "server log (last lines):\n" + string.Join('\n', lines.TakeLast(30));
            }
            catch (IOException ex)
            {
                return "(server log unreadable: " + ex.Message + ")";
            }
        }

        private void WriteSettings(int port)
        {
            // postgresql.auto.conf is read last and overrides postgresql.conf; rewriting it keeps retries clean.
            var settings = new StringBuilder()
                .AppendLine("# Written by CounselConnect's PostgresCluster for tests only.")
                .AppendLine("listen_addresses = '127.0.0.1'")
                .AppendLine($"port = {port}")
                .AppendLine($"unix_socket_directories = '{Root}'")
                .AppendLine("fsync = off")
                .AppendLine("full_page_writes = off")
                .AppendLine("synchronous_commit = off")
                .AppendLine("max_connections = 200")
                .AppendLine("shared_buffers = 64MB")
                .AppendLine("log_min_messages = warning")
                .ToString();
            var file = Path.Combine(DataDir, "postgresql.auto.conf");
            File.WriteAllText(file, settings);
            if (runAs is not null)
            {
                RunCheckedAsync("chown", [$"{runAs.Uid}:{runAs.Gid}", file], asUser: false, "chown postgresql.auto.conf", CancellationToken.None)
                    .GetAwaiter().GetResult();
            }
        }

        private async Task RunCheckedAsync(string file, IReadOnlyList<string> args, bool asUser, string what, CancellationToken ct)
        {
            var (exit, output) = await RunAsync(file, args, asUser, ct).ConfigureAwait(false);
            if (exit != 0)
            {
                throw new PostgresClusterException($"{what} failed (exit {exit}): {file} {string.Join(' ', args)}\n{output.Trim()}");
            }
        }

        private Task<(int Exit, string Output)> RunAsync(string file, IReadOnlyList<string> args, bool asUser, CancellationToken ct)
        {
            if (asUser && runAs is not null)
            {
                var runuser = FindSbin("runuser");
                if (runuser is not null)
                {
                    return ProcessRunner.RunAsync(runuser, ["-u", runAs.Name, "--", file, .. args], Root, CommandTimeout, ct);
                }

                var setpriv = FindSbin("setpriv")
                    ?? throw new PostgresClusterException("Running as root, but neither runuser nor setpriv (util-linux) is installed to drop privileges for PostgreSQL.");
                return ProcessRunner.RunAsync(
                    setpriv, [$"--reuid={runAs.Uid}", $"--regid={runAs.Gid}", "--clear-groups", "--", file, .. args], Root, CommandTimeout, ct);
            }

            return ProcessRunner.RunAsync(file, args, Directory.Exists(Root) ? Root : null, CommandTimeout, ct);
        }

        private static string? FindSbin(string tool)
        {
            var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
                .Select(dir => Path.Combine(dir, tool))
                .FirstOrDefault(File.Exists);
        }

        private static int FreeLoopbackPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }

    private static class ProcessRunner
    {
        public static async Task<(int Exit, string Output)> RunAsync(
            string file, IReadOnlyList<string> args, string? workingDirectory, TimeSpan timeout, CancellationToken ct)
        {
            var startInfo = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var arg in args)
            {
                startInfo.ArgumentList.Add(arg);
            }

            if (workingDirectory is not null)
            {
                startInfo.WorkingDirectory = workingDirectory;
            }

            startInfo.Environment["LC_ALL"] = "C";
            startInfo.Environment["LANG"] = "C";

            using var process = new Process { StartInfo = startInfo };
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new PostgresClusterException($"Could not start '{file}': {ex.Message}", ex);
            }

            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeoutCts.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }

                ct.ThrowIfCancellationRequested();
                throw new PostgresClusterException(
                    $"'{file} {string.Join(' ', args)}' did not finish within {timeout.TotalSeconds:0} s.");
            }

            var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
            return (process.ExitCode, output);
        }
    }
}

/// <summary>PostgreSQL for the tests could not be provided; the message says why and what to do.</summary>
public sealed class PostgresClusterException : Exception
{
    public PostgresClusterException()
    {
    }

    public PostgresClusterException(string message)
        : base(message)
    {
    }

    public PostgresClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
