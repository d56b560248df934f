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

    private static string Escape(string value)
    {
        // Keys are codes and categories, but never let a cell start a spreadsheet formula.
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
