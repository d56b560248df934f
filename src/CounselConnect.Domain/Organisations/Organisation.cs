using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Organisations;

/// <summary>A legal-aid organisation or pro bono network running an access-to-counsel program.</summary>
public sealed class Organisation : Entity
{
    private readonly List<Office> _offices = [];

    private Organisation() { Name = string.Empty; }

    public Organisation(string name)
    {
        CheckRule(string.IsNullOrWhiteSpace(name), "OrganisationNameRequired", "An organisation needs a name.");
        Name = name.Trim();
    }

    public string Name { get; private set; }

    public IReadOnlyCollection<Office> Offices => _offices;

    /// <summary>Lowest conflict-check score reported as a potential match; null uses the product default.</summary>
    public double? ConflictPotentialThreshold { get; private set; }

    /// <summary>Lowest conflict-check score reported as a likely match; null uses the product default.</summary>
    public double? ConflictLikelyThreshold { get; private set; }

    public void SetConflictThresholds(double? potential, double? likely)
    {
        CheckRule(potential is < 0 or > 1 || likely is < 0 or > 1, "ThresholdRange", "Thresholds are scores between 0 and 1.");
        CheckRule(potential.HasValue && likely.HasValue && potential > likely, "ThresholdOrder",
            "The potential-match threshold cannot be above the likely-match threshold.");
        ConflictPotentialThreshold = potential;
        ConflictLikelyThreshold = likely;
    }

    public Office AddOffice(string name, string timeZone)
    {
        CheckRule(_offices.Exists(o => string.Equals(o.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)),
            "OfficeNameUnique", "An office with this name already exists in the organisation.");
        var office = new Office(Id, name, timeZone);
        _offices.Add(office);
        return office;
    }

    /// <summary>
    /// Reports hide counts from 1 to this value − 1 (small-count suppression); null uses the configured default.
    /// At least 2 (a single person is never shown), at most 100.
    /// </summary>
    public int? ReportSuppressionThreshold { get; private set; }

    public void SetReportSuppressionThreshold(int? threshold)
    {
        CheckRule(threshold is < 2 or > 100, "ReportSuppressionThresholdRange",
            "The suppression threshold is a whole number from 2 to 100.");
        ReportSuppressionThreshold = threshold;
    }

    /// <summary>Longest accepted retention period, in days (100 years).</summary>
    public const int MaxRetentionDays = 36_500;

    /// <summary>
    /// Days a case's client data is kept after the case is closed (or its intake declined); then the purge job
    /// destroys it unless a legal hold is in force. Null uses the deployment's default.
    /// </summary>
    public int? RetentionDaysAfterClosing { get; private set; }

    public void SetRetention(int? daysAfterClosing)
    {
        CheckRule(daysAfterClosing is < 1 or > MaxRetentionDays, "RetentionRange", $"Retention is between 1 and {MaxRetentionDays} days.");
        RetentionDaysAfterClosing = daysAfterClosing;
    }
}
