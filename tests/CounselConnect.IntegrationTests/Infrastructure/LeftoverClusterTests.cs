namespace CounselConnect.IntegrationTests.Infrastructure;

/// <summary>
/// Private clusters that earlier runs left in the temp folder are deleted when a run starts its first one; a cluster
/// whose server runs, or that was touched recently, is kept.
/// </summary>
public sealed class LeftoverClusterTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("leftover-clusters-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string Cluster(string name, TimeSpan age, bool running = false, TimeSpan? logAge = null)
    {
        var root = Path.Combine(_temp, "counselconnect-pg-" + name);
        Directory.CreateDirectory(Path.Combine(root, "data", "base"));
        File.WriteAllText(Path.Combine(root, "data", "base", "1"), "table");
        if (running)
        {
            File.WriteAllText(Path.Combine(root, "data", "postmaster.pid"), "4242");
        }

        var log = Path.Combine(root, "postgres.log");
        File.WriteAllText(log, "LOG:  database system is shut down");
        File.SetLastWriteTimeUtc(log, DateTime.UtcNow - (logAge ?? age));
        Directory.SetLastWriteTimeUtc(root, DateTime.UtcNow - age);
        return root;
    }

    [Fact]
    public void Only_stopped_clusters_untouched_for_the_leftover_age_are_deleted()
    {
        var old = PostgresCluster.LeftoverAge + TimeSpan.FromMinutes(1);
        var leftover = Cluster("leftover", old);
        var running = Cluster("running", old, running: true);
        var young = Cluster("young", TimeSpan.FromMinutes(1));
        var restarting = Cluster("restarting", old, logAge: TimeSpan.FromSeconds(5));
        var other = Directory.CreateDirectory(Path.Combine(_temp, "someone-elses-folder")).FullName;
        Directory.SetLastWriteTimeUtc(other, DateTime.UtcNow - old);

        Assert.Equal(1, PostgresCluster.DeleteLeftoverClusters(_temp, DateTime.UtcNow));

        Assert.False(Directory.Exists(leftover));
        Assert.True(Directory.Exists(running));
        Assert.True(Directory.Exists(young));
        Assert.True(Directory.Exists(restarting));
        Assert.True(Directory.Exists(other));
    }
}
