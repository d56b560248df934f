namespace CounselConnect.Application.Reports;

/// <summary>The reports, by the name used in their address (/api/v1/reports/{name}).</summary>
public enum ReportKind
{
    RepresentationRate,
    TimeToCounsel,
    SuccessRate,
    Caseload,
    FunderClosingCodes,
}

/// <summary>What the success rate is broken down by.</summary>
public enum ReportDimension
{
    Custody,
    Relief,
    Court,
    Language,
    Nationality,
    RepresentativeType,
}

/// <summary>Settings under <c>Reports</c>.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Counts from 1 to this value minus one are suppressed (with complementary suppression).</summary>
    public int SuppressionThreshold { get; set; } = 5;
}
