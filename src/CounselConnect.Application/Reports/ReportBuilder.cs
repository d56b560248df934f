using System.Linq.Expressions;
using System.Text.Json;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reports;

/// <summary>
/// Builds each report with one GROUP BY in the database over <see cref="CaseClosing"/> (and its funding-source
/// tags), then applies small-count suppression. Percentiles come from a grouped histogram of day counts, so no
/// report loads a row per case. Periods are inclusive; which date a period filters is given per report.
/// </summary>
public sealed class ReportBuilder(IApplicationDbContext db)
{
    private const string Unknown = "unknown";

    public static string KeyOf<TEnum>(TEnum? value) where TEnum : struct, Enum =>
        value is { } v ? JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()) : Unknown;

    /// <summary>
    /// Cases protected under 8 U.S.C. 1367 are left out of every report and export. Every report reads its rows through
    /// <see cref="ClosingsAsync"/> or <see cref="FundingSourcesAsync"/>, and both leave out the cases listed here. The
    /// protected cases are few, so their ids are read first and excluded as a list (none: no filter at all). A correlated
    /// NOT EXISTS per closing cost SQLite a primary-key probe for each of a million rows (13 to 21 s per report,
    /// docs/benchmarks.md).
    /// </summary>
    private Task<List<Guid>> ProtectedCaseIdsAsync(Guid organisationId, CancellationToken ct) =>
        db.Set<Domain.Cases.Case>().AsNoTracking()
            .Where(k => k.OrganisationId == organisationId && k.Protection != Domain.Cases.CaseProtection.None)
            .Select(k => k.Id).ToListAsync(ct);

    /// <summary>The organisation's closings, without those of protected cases.</summary>
    private async Task<IQueryable<CaseClosing>> ClosingsAsync(Guid organisationId, CancellationToken ct)
    {
        var protectedCases = await ProtectedCaseIdsAsync(organisationId, ct);
        var closings = db.Set<CaseClosing>().AsNoTracking().Where(c => c.OrganisationId == organisationId);
        return protectedCases.Count == 0 ? closings : closings.Where(c => !protectedCases.Contains(c.CaseId));
    }

    /// <summary>The organisation's funding-source tags of closings, without those of protected cases.</summary>
    private async Task<IQueryable<ClosingFundingSource>> FundingSourcesAsync(Guid organisationId, CancellationToken ct)
    {
        var protectedCases = await ProtectedCaseIdsAsync(organisationId, ct);
        var tags = db.Set<ClosingFundingSource>().AsNoTracking().Where(s => s.OrganisationId == organisationId);
        return protectedCases.Count == 0 ? tags : tags.Where(s => !protectedCases.Contains(s.CaseId));
    }

    /// <summary>Closings whose intake falls in the period: the cases of the representation rate and of time to counsel.</summary>
    private async Task<IQueryable<CaseClosing>> IntakeClosingsAsync(Guid organisationId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var q = await ClosingsAsync(organisationId, ct);
        if (from is { } f)
        {
            q = q.Where(c => c.IntakeDate >= f);
        }

        if (to is { } t)
        {
            q = q.Where(c => c.IntakeDate <= t);
        }

        return q;
    }

    /// <summary>
    /// The representation table's rows (custody: represented, unrepresented) from counts per custody, in key order.
    /// Time to counsel builds the same rows from its histogram, so both reports suppress the same table.
    /// </summary>
    private static List<(string Key, long[] Cells)> RepresentationRows(
        IEnumerable<(Domain.Cases.CustodyStatus Custody, long Represented, long All)> counts) =>
        [.. counts.GroupBy(c => KeyOf<Domain.Cases.CustodyStatus>(c.Custody), StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Cells: new long[] { g.Sum(c => c.Represented), g.Sum(c => c.All - c.Represented) }))
            .OrderBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>Cases with intake in the period, represented or not, by custody.</summary>
    public async Task<ReportTable> RepresentationRateAsync(Guid organisationId, DateOnly? from, DateOnly? to, int threshold, CancellationToken ct)
    {
        var rows = await RepresentationRowsAsync(organisationId, from, to, ct);
        return Build("representation-rate", null, from, to, threshold, ["represented", "unrepresented"], ["representation_rate"], rows,
            Suppress(rows, 2, threshold), (s, r) => [Rate(s.Shown(r, 0), s.Shown(r, s.Columns))]);
    }

    private async Task<List<(string Key, long[] Cells)>> RepresentationRowsAsync(Guid organisationId, DateOnly? from, DateOnly? to,
        CancellationToken ct)
    {
        var q = await IntakeClosingsAsync(organisationId, from, to, ct);
        var groups = await q.GroupBy(c => c.Custody)
            .Select(g => new { g.Key, Represented = g.Count(c => c.RepresentativeType != null), All = g.Count() })
            .ToListAsync(ct);
        return RepresentationRows(groups.Select(g => (g.Key, (long)g.Represented, (long)g.All)));
    }

    /// <summary>
    /// Whether the representation rate over all time withholds its represented (column 0) or unrepresented (column 1)
    /// total. Without a period, caseload's total and the success rate's "unrepresented" row count the same cases as
    /// those totals whenever every represented case has an attorney id and nothing is pending, so they withhold them
    /// too (docs/reports.md, "Reports that show the same counts"). With a period they count by other dates.
    /// </summary>
    private async Task<bool> RepresentationWithholdsTotalAsync(Guid organisationId, int column, int threshold, CancellationToken ct)
    {
        var rows = await RepresentationRowsAsync(organisationId, null, null, ct);
        return Suppress(rows, 2, threshold).IsHidden(rows.Count, column);
    }

    /// <summary>
    /// Represented cases with intake in the period: days from intake to counsel, by custody. Its counts are the
    /// representation rate's "represented" cells (the same closings, period and rows), so it shows them only where
    /// that table shows them: it takes the representation table's suppression, column "represented", instead of
    /// suppressing on its own (which could show a count the representation rate withholds, and so give away the
    /// unrepresented count by subtraction from the row's total). A custody group with no represented case is left
    /// out only when the representation rate shows that zero; otherwise it is a withheld row.
    /// </summary>
    public async Task<ReportTable> TimeToCounselAsync(Guid organisationId, DateOnly? from, DateOnly? to, int threshold, CancellationToken ct)
    {
        var q = await IntakeClosingsAsync(organisationId, from, to, ct);

        // One GROUP BY over the representation index: per (custody, days to counsel), the represented and all cases.
        // Days to counsel is set exactly when a representative is (rule RepresentationNeedsTypeAndDate).
        var groups = await q.GroupBy(c => new { c.Custody, c.DaysToCounsel })
            .Select(g => new { g.Key.Custody, g.Key.DaysToCounsel, Represented = g.Count(c => c.RepresentativeType != null), All = g.Count() })
            .ToListAsync(ct);
        var representationRows = RepresentationRows(groups.Select(g => (g.Custody, (long)g.Represented, (long)g.All)));
        var representation = Suppress(representationRows, 2, threshold);

        var histogram = groups.Where(g => g.DaysToCounsel != null && g.Represented > 0)
            .Select(g => (Key: KeyOf<Domain.Cases.CustodyStatus>(g.Custody), Days: g.DaysToCounsel!.Value, Count: (long)g.Represented)).ToList();
        var all = histogram.Select(h => (h.Days, h.Count)).ToList();
        var kept = Enumerable.Range(0, representationRows.Count)
            .Where(r => representation.Value(r, 0) > 0 || representation.IsHidden(r, 0)).ToList();
        var rows = kept.Select(r => (representationRows[r].Key, Cells: new long[] { representationRows[r].Cells[0] })).ToList();
        return Build("time-to-counsel", null, from, to, threshold, ["represented"], ["median_days", "p90_days"], rows,
            representation.ColumnOf(0, kept),
            (s, r) =>
            {
                if (s.IsHidden(r, 0))
                {
                    return [null, null];
                }

                var h = r == s.Rows ? all : [.. histogram.Where(x => x.Key == rows[r].Key).Select(x => (x.Days, x.Count))];
                return [Percentile(h, 0.5), Percentile(h, 0.9)];
            });
    }

    /// <summary>Cases decided in the period, in TRAC's groups, by a dimension; pending cases are left out.</summary>
    public async Task<ReportTable> SuccessRateAsync(Guid organisationId, ReportDimension dimension, DateOnly? from, DateOnly? to,
        int threshold, CancellationToken ct)
    {
        var q = (await ClosingsAsync(organisationId, ct)).Where(c => c.DecisionDate != null);
        if (from is { } f)
        {
            q = q.Where(c => c.DecisionDate >= f);
        }

        if (to is { } t)
        {
            q = q.Where(c => c.DecisionDate <= t);
        }

        var counts = dimension switch
        {
            ReportDimension.Custody => await SuccessByAsync(q, c => c.Custody, k => KeyOf<Domain.Cases.CustodyStatus>(k), ct),
            ReportDimension.Relief => await SuccessByAsync(q, c => c.PrimaryReliefSought, KeyOf, ct),
            ReportDimension.Court => await SuccessByAsync(q, c => c.CourtCode, k => k, ct),
            ReportDimension.Language => await SuccessByAsync(q, c => c.PrimaryLanguage, k => k, ct),
            ReportDimension.Nationality => await SuccessByAsync(q, c => c.Nationality, k => k ?? Unknown, ct),
            ReportDimension.RepresentativeType => await SuccessByAsync(q, c => c.RepresentativeType,
                k => k is null ? "unrepresented" : KeyOf(k), ct),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
        };
        var rows = counts.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var unrepresented = rows.FindIndex(r => r.Key == "unrepresented");
        (int, int)[] withheld = dimension == ReportDimension.RepresentativeType && from is null && to is null && unrepresented >= 0
            && await RepresentationWithholdsTotalAsync(organisationId, 1, threshold, ct)
            ? [(unrepresented, 3)]
            : [];
        return Build("success-rate", KeyOf<ReportDimension>(dimension), from, to, threshold,
            ["allowed_to_stay", "ordered_to_leave", "other_decided"], ["success_rate"], rows, Suppress(rows, 3, threshold, withheld),
            (s, r) =>
            {
                var allowed = s.Shown(r, 0);
                var ordered = s.Shown(r, 1);
                return [allowed is { } a && ordered is { } o && a + o > 0 ? Math.Round((double)a / (a + o), 4) : null];
            });
    }

    private static async Task<List<(string Key, long[] Cells)>> SuccessByAsync<TKey>(IQueryable<CaseClosing> q,
        Expression<Func<CaseClosing, TKey>> key, Func<TKey, string> format, CancellationToken ct)
    {
        var groups = await q.GroupBy(key)
            .Select(g => new SuccessCounts<TKey>(g.Key,
                g.Count(c => c.OutcomeGroup == OutcomeGroup.AllowedToStay),
                g.Count(c => c.OutcomeGroup == OutcomeGroup.OrderedToLeave),
                g.Count(c => c.OutcomeGroup == OutcomeGroup.OtherDecided)))
            .ToListAsync(ct);
        return [.. groups.Select(g => (format(g.Key), new long[] { g.Allowed, g.Ordered, g.Other }))];
    }

    private sealed record SuccessCounts<TKey>(TKey Key, int Allowed, int Ordered, int Other);

    /// <summary>
    /// Per attorney (user id), the cases they held during the period: counsel assigned on or before its end and not
    /// decided before its start; split into still open at the end of the period and decided within it. Without a
    /// period its total is withheld where the representation rate withholds its represented total.
    /// </summary>
    public async Task<ReportTable> CaseloadAsync(Guid organisationId, DateOnly? from, DateOnly? to, int threshold, CancellationToken ct)
    {
        var q = (await ClosingsAsync(organisationId, ct)).Where(c => c.AttorneyId != null);
        if (to is { } t)
        {
            q = q.Where(c => c.CounselAssignedDate <= t);
        }

        if (from is { } f)
        {
            q = q.Where(c => c.DecisionDate == null || c.DecisionDate >= f);
        }

        var end = to ?? DateOnly.MaxValue;
        var groups = await q.GroupBy(c => c.AttorneyId)
            .Select(g => new { g.Key, Open = g.Count(c => c.DecisionDate == null || c.DecisionDate > end), All = g.Count() })
            .ToListAsync(ct);
        var rows = groups.Select(g => (Key: g.Key!.Value.ToString(), Cells: new long[] { g.Open, g.All - g.Open }))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        (int, int)[] withheld = from is null && to is null && await RepresentationWithholdsTotalAsync(organisationId, 0, threshold, ct)
            ? [(rows.Count, 2)]
            : [];
        return Build("caseload", null, from, to, threshold, ["open", "decided"], [], rows, Suppress(rows, 2, threshold, withheld),
            (_, _) => []);
    }

    /// <summary>
    /// Per funding-source tag, decided cases (decision in the period) by LSC closing code. Reads the tag rows alone
    /// (they carry copies of the closing's organisation, code and decision date), so it is one covering-index scan.
    /// </summary>
    public async Task<ReportTable> FunderClosingCodesAsync(Guid organisationId, DateOnly? from, DateOnly? to, int threshold, CancellationToken ct)
    {
        var q = (await FundingSourcesAsync(organisationId, ct)).Where(s => s.DecisionDate != null);
        if (from is { } f)
        {
            q = q.Where(s => s.DecisionDate >= f);
        }

        if (to is { } t)
        {
            q = q.Where(s => s.DecisionDate <= t);
        }

        var groups = await q.GroupBy(s => new { s.Tag, s.ClosingCode })
            .Select(g => new { g.Key.Tag, g.Key.ClosingCode, Count = g.Count() })
            .ToListAsync(ct);
        var codes = Enum.GetValues<LscClosingCode>();
        var columns = codes.Select(c => c.ToString()).Append("none").ToArray();
        var rows = groups.GroupBy(g => g.Tag, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var cells = new long[columns.Length];
                foreach (var x in g)
                {
                    cells[x.ClosingCode is { } code ? Array.IndexOf(codes, code) : codes.Length] += x.Count;
                }

                return (g.Key, cells);
            }).ToList();
        return Build("funder-closing-codes", null, from, to, threshold, columns, [], rows, Suppress(rows, columns.Length, threshold), (_, _) => []);
    }

    /// <summary>Small-count and complementary suppression of a table's rows (each row's cells, in column order).</summary>
    private static ComplementarySuppression.Result Suppress(List<(string Key, long[] Cells)> rows, int columns, int threshold,
        IReadOnlyCollection<(int Row, int Column)>? withheld = null)
    {
        var cells = new long[rows.Count, columns];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                cells[r, c] = rows[r].Cells[c];
            }
        }

        return ComplementarySuppression.Apply(cells, threshold, withheld);
    }

    /// <summary>The table from its rows and their suppression <paramref name="s"/> (same rows, same columns).</summary>
    private static ReportTable Build(string report, string? dimension, DateOnly? from, DateOnly? to, int threshold,
        string[] columns, string[] measures, List<(string Key, long[] Cells)> rows, ComplementarySuppression.Result s,
        Func<ComplementarySuppression.Result, int, IReadOnlyList<double?>> measure)
    {
        ReportRow Row(int r, string key) =>
            new(key, [.. Enumerable.Range(0, columns.Length).Select(c => s.Shown(r, c))], s.Shown(r, columns.Length), measure(s, r));
        return new ReportTable(report, dimension, from, to, threshold, columns, measures,
            [.. rows.Select((row, r) => Row(r, row.Key))], Row(rows.Count, "total"));
    }

    private static double? Rate(long? part, long? whole) =>
        part is { } p && whole is { } w && w > 0 ? Math.Round((double)p / w, 4) : null;

    /// <summary>Nearest-rank percentile of a histogram (value, count): the smallest value whose cumulative count reaches ⌈p·n⌉.</summary>
    public static double? Percentile(IReadOnlyList<(int Value, long Count)> histogram, double p)
    {
        var n = histogram.Sum(h => h.Count);
        if (n == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(p * n);
        long seen = 0;
        foreach (var (value, count) in histogram.OrderBy(h => h.Value))
        {
            seen += count;
            if (seen >= Math.Max(rank, 1))
            {
                return value;
            }
        }

        return histogram.Max(h => h.Value);
    }
}
