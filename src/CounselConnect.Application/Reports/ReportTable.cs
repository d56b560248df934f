namespace CounselConnect.Application.Reports;

/// <summary>
/// One report: counts by row and column with row and column totals, after small-count suppression (a null count
/// is suppressed), and measures per row (rates, percentiles) that are null wherever they would rest on a
/// suppressed count. No row key is ever an identifying field: keys are categories, codes or an attorney's user id.
/// </summary>
public sealed record ReportTable(
    string Report,
    string? Dimension,
    DateOnly? From,
    DateOnly? To,
    int SuppressionThreshold,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Measures,
    IReadOnlyList<ReportRow> Rows,
    ReportRow Totals);

/// <summary>A row: its key, a count per column (null when suppressed), its total, and one value per measure.</summary>
public sealed record ReportRow(string Key, IReadOnlyList<long?> Cells, long? Total, IReadOnlyList<double?> Measures);
