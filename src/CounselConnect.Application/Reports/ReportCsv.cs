using System.Globalization;
using System.Text;

namespace CounselConnect.Application.Reports;

/// <summary>Writes a report as CSV: key, one column per count, total, one column per measure; "suppressed" for hidden counts.</summary>
public static class ReportCsv
{
    public const string Suppressed = "suppressed";

    public static string Write(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.AppendJoin(',', new[] { table.Dimension ?? "key" }.Concat(table.Columns).Append("total").Concat(table.Measures).Select(Escape));
        sb.Append("\r\n");
        foreach (var row in table.Rows.Append(table.Totals))
        {
            sb.AppendJoin(',', new[] { Escape(row.Key) }
                .Concat(row.Cells.Append(row.Total).Select(c => c?.ToString(CultureInfo.InvariantCulture) ?? Suppressed))
                .Concat(row.Measures.Select(m => m?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)));
            sb.Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>
    /// The download's file name: the report, its dimension and its period, e.g.
    /// <c>success-rate-by-court-from-2025-01-01-to-2025-06-30.csv</c>, so that downloads of different periods differ.
    /// </summary>
    public static string FileName(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return table.Report + (table.Dimension is null ? string.Empty : "-by-" + table.Dimension) +
            (table.From is { } from ? "-from-" + Date(from) : string.Empty) +
            (table.To is { } to ? "-to-" + Date(to) : string.Empty) + ".csv";
    }

    private static string Escape(string value)
    {
        // Keys are codes and categories, but never let a cell start a spreadsheet formula.
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
