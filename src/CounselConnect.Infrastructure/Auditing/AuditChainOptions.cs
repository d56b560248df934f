namespace CounselConnect.Infrastructure.Auditing;

/// <summary>Settings of the background audit chainer (section <c>Auditing</c>; ADR 0015).</summary>
public sealed class AuditChainOptions
{
    public const string Section = "Auditing";

    /// <summary>Whether this server runs the chainer. Every server may: they take turns per organisation.</summary>
    public bool ChainerEnabled { get; set; } = true;

    /// <summary>How often the chainer looks for unchained entries when no save on this server has told it of any.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The pause after each pass, so that under load one pass links many entries in one transaction.</summary>
    public TimeSpan PassPause { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many entries of one organisation a pass links per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The verification reports an entry still unchained this long after it was written as a problem.</summary>
    public TimeSpan UnchainedAlarm { get; set; } = TimeSpan.FromMinutes(5);
}
