using CounselConnect.Application.Reports;

namespace CounselConnect.UnitTests.Reports;

public sealed class ComplementarySuppressionTests
{
    [Fact]
    public void A_small_cell_takes_the_smallest_cell_of_its_row_and_column_with_it()
    {
        // 10  3 | 13          S  S | 13
        //  8 12 | 20   ->     S  S | 20
        // 18 15 | 33         18 15 | 33
        var s = ComplementarySuppression.Apply(new long[,] { { 10, 3 }, { 8, 12 } }, threshold: 5);

        Assert.True(s.IsHidden(0, 1));
        Assert.True(s.IsHidden(0, 0));
        Assert.True(s.IsHidden(1, 0));
        Assert.True(s.IsHidden(1, 1));
        Assert.Equal(13, s.Shown(0, 2));
        Assert.Equal(20, s.Shown(1, 2));
        Assert.Equal(18, s.Shown(2, 0));
        Assert.Equal(15, s.Shown(2, 1));
        Assert.Equal(33, s.Shown(2, 2));
    }

    [Fact]
    public void A_single_row_hides_the_column_totals_that_would_repeat_the_cells()
    {
        // 3 10 | 13  ->  S S | 13, and the column totals (3, 10) are hidden too; the grand total stays.
        var s = ComplementarySuppression.Apply(new long[,] { { 3, 10 } }, threshold: 5);

        Assert.Null(s.Shown(0, 0));
        Assert.Null(s.Shown(0, 1));
        Assert.Null(s.Shown(1, 0));
        Assert.Null(s.Shown(1, 1));
        Assert.Equal(13, s.Shown(0, 2));
        Assert.Equal(13, s.Shown(1, 2));
    }

    [Fact]
    public void A_column_taken_from_a_table_is_hidden_where_the_table_hides_it_not_where_it_would_hide_itself()
    {
        // Represented / unrepresented by custody: 12 2 | 14 and 10 4 | 14 hide all four cells; 22 6 | 28 stay.
        var table = ComplementarySuppression.Apply(new long[,] { { 12, 2 }, { 10, 4 } }, threshold: 5);
        // The represented column on its own has no small count and would show 12 and 10, giving away 14 - 12 = 2.
        var alone = ComplementarySuppression.Apply(new long[,] { { 12 }, { 10 } }, threshold: 5);
        Assert.Equal(12, alone.Shown(0, 0));

        var column = table.ColumnOf(0, [0, 1]);

        Assert.Equal((2, 1), (column.Rows, column.Columns));
        for (var r = 0; r < 2; r++)
        {
            Assert.Null(column.Shown(r, 0));
            Assert.Null(column.Shown(r, 1));
        }

        Assert.Equal(22, column.Shown(2, 0));
        Assert.Equal(22, column.Shown(2, 1));
    }

    [Fact]
    public void A_column_may_leave_out_a_row_only_where_the_table_shows_a_zero()
    {
        // 0 9 | 9 shows its zero: the row can be left out, and the column total (12) still adds up.
        var shownZero = ComplementarySuppression.Apply(new long[,] { { 0, 9 }, { 12, 8 } }, threshold: 5);
        var column = shownZero.ColumnOf(0, [1]);
        Assert.Equal(1, column.Rows);
        Assert.Equal(12, column.Shown(0, 0));
        Assert.Equal(12, column.Shown(1, 0));

        // 0 2 | 2 over 6 3 | 9: the small counts hide the 6 (row), and the first column then hides its zero too.
        // Leaving the first row out would tell that its hidden count is zero.
        var hiddenZero = ComplementarySuppression.Apply(new long[,] { { 0, 2 }, { 6, 3 } }, threshold: 5);
        Assert.True(hiddenZero.IsHidden(0, 0));
        Assert.Throws<ArgumentException>(() => hiddenZero.ColumnOf(0, [1]));
    }

    [Fact]
    public void A_total_withheld_for_another_table_cannot_be_rebuilt_from_its_lines()
    {
        // Caseload by attorney: 9 4 | 13 and 6 3 | 9, nothing small. When the grand total (22) is withheld because
        // another table withholds the same count, its row and column of totals each hide one more entry, and so on.
        var s = ComplementarySuppression.Apply(new long[,] { { 9, 4 }, { 6, 3 } }, threshold: 3, withheld: [(2, 2)]);

        Assert.Null(s.Shown(2, 2));
        Assert.Contains(Enumerable.Range(0, 2), r => s.IsHidden(r, 2));
        Assert.Contains(Enumerable.Range(0, 2), c => s.IsHidden(2, c));

        // Without it, nothing is hidden.
        var plain = ComplementarySuppression.Apply(new long[,] { { 9, 4 }, { 6, 3 } }, threshold: 3);
        Assert.Equal(22, plain.Shown(2, 2));
    }

    [Fact]
    public void Zeros_and_counts_at_the_threshold_are_shown_when_nothing_needs_protecting()
    {
        var s = ComplementarySuppression.Apply(new long[,] { { 0, 5 }, { 7, 0 } }, threshold: 5);

        for (var r = 0; r <= 2; r++)
        {
            for (var c = 0; c <= 2; c++)
            {
                Assert.False(s.IsHidden(r, c));
            }
        }
    }

    [Fact]
    public void Suppressed_cells_cannot_be_recovered_by_subtraction_in_many_random_tables()
    {
        var rng = new Random(20261130);
        var suppressedSomething = 0;
        for (var trial = 0; trial < 3000; trial++)
        {
            var rows = rng.Next(1, 8);
            var cols = rng.Next(1, 8);
            var threshold = rng.Next(2, 11);
            var cells = new long[rows, cols];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++)
                {
                    // Skewed: many zeros and small counts, some large ones.
                    cells[r, c] = rng.Next(4) switch { 0 => 0, 1 => rng.Next(1, 6), 2 => rng.Next(1, 20), _ => rng.Next(0, 500) };
                }
            }

            // In a third of the tables, one entry (a cell or a total) is withheld because another table links to it.
            (int, int)[] withheld = trial % 3 == 0 ? [(rng.Next(0, rows + 1), rng.Next(0, cols + 1))] : [];
            var s = ComplementarySuppression.Apply(cells, threshold, withheld);
            var table = $"trial {trial}, threshold {threshold}, withheld {string.Join(' ', withheld)}";
            foreach (var (r, c) in withheld)
            {
                Assert.True(s.IsHidden(r, c), $"{table}: the withheld entry is shown");
            }

            // Every small count (1 .. threshold-1), cell or total, is hidden; every shown value is the true one.
            for (var r = 0; r <= rows; r++)
            {
                for (var c = 0; c <= cols; c++)
                {
                    var v = s.Value(r, c);
                    Assert.True(v is 0 || v >= threshold || s.IsHidden(r, c), $"{table}: small count at ({r},{c}) shown");
                    suppressedSomething += s.IsHidden(r, c) ? 1 : 0;
                }
            }

            for (var r = 0; r <= rows; r++)
            {
                for (var c = 0; c <= cols; c++)
                {
                    if (!s.IsHidden(r, c))
                    {
                        continue;
                    }

                    // In its row: if the row total is shown, some other entry of the row must be hidden too.
                    if (c < cols && !s.IsHidden(r, cols))
                    {
                        var others = Enumerable.Range(0, cols).Count(x => x != c && s.IsHidden(r, x));
                        Assert.True(others > 0, $"{table}: ({r},{c}) = row total minus the other cells");
                    }

                    // In its column: likewise with the column total.
                    if (r < rows && !s.IsHidden(rows, c))
                    {
                        var others = Enumerable.Range(0, rows).Count(x => x != r && s.IsHidden(x, c));
                        Assert.True(others > 0, $"{table}: ({r},{c}) = column total minus the other cells");
                    }

                    // A hidden total cannot be rebuilt by adding up a fully shown line either.
                    if (c == cols && r < rows)
                    {
                        Assert.True(Enumerable.Range(0, cols).Any(x => s.IsHidden(r, x)), $"{table}: hidden row total {r} = sum of shown cells");
                    }

                    if (r == rows && c < cols)
                    {
                        Assert.True(Enumerable.Range(0, rows).Any(x => s.IsHidden(x, c)), $"{table}: hidden column total {c} = sum of shown cells");
                    }

                    if (r == rows && c == cols)
                    {
                        Assert.True(Enumerable.Range(0, rows).Any(x => s.IsHidden(x, cols)), $"{table}: hidden grand total = sum of row totals");
                        Assert.True(Enumerable.Range(0, cols).Any(x => s.IsHidden(rows, x)), $"{table}: hidden grand total = sum of column totals");
                    }
                }
            }
        }

        Assert.True(suppressedSomething > 1000, "the random tables should exercise suppression");
    }

    [Fact]
    public void Percentiles_use_the_nearest_rank_of_the_histogram()
    {
        // Days: 2 x6, 10 x5, 30 x1 (n = 12): median = 6th value = 2; p90 = 11th value = 10.
        var histogram = new List<(int, long)> { (10, 5), (2, 6), (30, 1) };

        Assert.Equal(2, ReportBuilder.Percentile(histogram, 0.5));
        Assert.Equal(10, ReportBuilder.Percentile(histogram, 0.9));
        Assert.Equal(30, ReportBuilder.Percentile(histogram, 1.0));
        Assert.Null(ReportBuilder.Percentile([], 0.5));
    }

    [Fact]
    public void Csv_marks_suppressed_counts_and_leaves_unavailable_measures_empty()
    {
        var table = new ReportTable("success-rate", "custody", null, null, 5, ["allowed_to_stay", "ordered_to_leave"], ["success_rate"],
            [new ReportRow("detained", [6, null], null, [null]), new ReportRow("=cmd", [7, 8], 15, [0.4667])],
            new ReportRow("total", [13, null], null, [null]));

        var csv = ReportCsv.Write(table);

        Assert.Equal(
            "custody,allowed_to_stay,ordered_to_leave,total,success_rate\r\n" +
            "detained,6,suppressed,suppressed,\r\n" +
            "'=cmd,7,8,15,0.4667\r\n" +
            "total,13,suppressed,suppressed,\r\n", csv);
    }
}
