namespace CounselConnect.Application.Reports;

/// <summary>
/// Small-count suppression with complementary suppression over a table of counts and its margins.
/// The table is seen with its totals as an (R+1)×(C+1) grid: row r's cells add up to its total in the last
/// column, column c's cells add up to its total in the last row, and the grand total closes both. Each of these
/// R+1 rows and C+1 columns is a "line". Primary suppression hides every count from 1 to threshold−1 (zeros are
/// shown: they describe no one). A line with exactly one hidden entry would give it away by subtraction, so a
/// second entry of that line is hidden too: the smallest shown cell (a non-zero one first), or the line's total
/// when no cell is left. This repeats until no line has exactly one hidden entry (a fixed point; it ends because
/// each step hides one more entry of a finite grid).
/// </summary>
/// <remarks>
/// This guards against recovery by subtraction within one row or column, which is what the reports promise. It
/// does not solve the general linear system a determined reader could set up across several lines.
/// </remarks>
public static class ComplementarySuppression
{
    /// <summary>Which entries of the grid (cells plus margins) are hidden.</summary>
    public sealed class Result(long[,] grid, bool[,] hidden)
    {
        public int Rows { get; } = grid.GetLength(0) - 1;

        public int Columns { get; } = grid.GetLength(1) - 1;

        /// <summary>The value of an entry: r == Rows is the totals row, c == Columns the totals column.</summary>
        public long Value(int r, int c) => grid[r, c];

        public bool IsHidden(int r, int c) => hidden[r, c];

        /// <summary>The shown value, or null when hidden.</summary>
        public long? Shown(int r, int c) => hidden[r, c] ? null : grid[r, c];

        /// <summary>
        /// Column <paramref name="column"/> of this table, for the given rows, as a one-column table of its own: each
        /// entry (a cell, which is also its row's total, and the column's total) is hidden exactly where this table
        /// hides it. A report whose counts are one column of another report's table uses it, so that it shows no count
        /// the other withholds. Rows may be left out only where this table shows a zero, so the total still adds up.
        /// Its lines keep the guarantee of <see cref="Apply"/>: a row hides both of its entries or none, and the
        /// column hides what this table's column hides.
        /// </summary>
        public Result ColumnOf(int column, IReadOnlyList<int> rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
            var left = Enumerable.Range(0, Rows).Except(rows);
            if (left.Any(r => grid[r, column] != 0 || hidden[r, column]))
            {
                throw new ArgumentException("Only rows that show a zero in the column can be left out.", nameof(rows));
            }

            var part = new long[rows.Count + 1, 2];
            var partHidden = new bool[rows.Count + 1, 2];
            for (var i = 0; i <= rows.Count; i++)
            {
                var r = i == rows.Count ? Rows : rows[i];
                part[i, 0] = part[i, 1] = grid[r, column];
                partHidden[i, 0] = partHidden[i, 1] = hidden[r, column];
            }

            return new Result(part, partHidden);
        }
    }

    /// <summary>
    /// Suppresses the table. <paramref name="withheld"/> are entries of the grid (r == rows is the totals row, c == cols
    /// the totals column) hidden from the start whatever their value, because another report withholds the same count;
    /// the complementary step then protects them like any small count.
    /// </summary>
    public static Result Apply(long[,] cells, int threshold, IReadOnlyCollection<(int Row, int Column)>? withheld = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        var rows = cells.GetLength(0);
        var cols = cells.GetLength(1);
        var grid = new long[rows + 1, cols + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var v = cells[r, c];
                ArgumentOutOfRangeException.ThrowIfNegative(v, nameof(cells));
                grid[r, c] = v;
                grid[r, cols] += v;
                grid[rows, c] += v;
                grid[rows, cols] += v;
            }
        }

        var hidden = new bool[rows + 1, cols + 1];
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= cols; c++)
            {
                hidden[r, c] = grid[r, c] > 0 && grid[r, c] < threshold;
            }
        }

        foreach (var (r, c) in withheld ?? [])
        {
            ArgumentOutOfRangeException.ThrowIfNegative(r, nameof(withheld));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(r, rows, nameof(withheld));
            ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(withheld));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(c, cols, nameof(withheld));
            hidden[r, c] = true;
        }

        var changed = true;
        while (changed)
        {
            changed = false;
            for (var r = 0; r <= rows; r++)
            {
                changed |= FixLine(grid, hidden, cols + 1, i => (r, i), totalIndex: cols);
            }

            for (var c = 0; c <= cols; c++)
            {
                changed |= FixLine(grid, hidden, rows + 1, i => (i, c), totalIndex: rows);
            }
        }

        return new Result(grid, hidden);
    }

    /// <summary>When the line has exactly one hidden entry, hides one more and returns true.</summary>
    private static bool FixLine(long[,] grid, bool[,] hidden, int length, Func<int, (int R, int C)> at, int totalIndex)
    {
        var hiddenCount = 0;
        for (var i = 0; i < length; i++)
        {
            var (r, c) = at(i);
            if (hidden[r, c])
            {
                hiddenCount++;
            }
        }

        if (hiddenCount != 1)
        {
            return false;
        }

        var best = -1;
        for (var i = 0; i < length; i++)
        {
            var (r, c) = at(i);
            if (i == totalIndex || hidden[r, c])
            {
                continue;
            }

            if (best < 0 || Better(grid[r, c], grid[at(best).R, at(best).C]))
            {
                best = i;
            }
        }

        var (hr, hc) = at(best < 0 ? totalIndex : best);
        hidden[hr, hc] = true;
        return true;
    }

    /// <summary>Non-zero before zero (hiding a zero protects little), then the smallest.</summary>
    private static bool Better(long candidate, long current) =>
        (candidate == 0) != (current == 0) ? current == 0 : candidate < current;
}
