namespace CounselConnect.Web.Pages.Manager;

/// <summary>
/// One bar: its label, its value (null when withheld or when there is nothing to measure: nothing is drawn), the text
/// shown beside it, and whether a missing value is withheld.
/// </summary>
public sealed record Bar(string Label, double? Value, string Text, bool Withheld = true);

/// <summary>A horizontal bar chart drawn on the server as SVG (no script); the page shows the same figures in a table.</summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<Bar> Bars, double Max)
{
    /// <summary>Each bar sits under its label, so long group names never collide with the bars.</summary>
    public const int BarArea = 260;
    public const int Width = BarArea + 80;
    public const int RowHeight = 42;

    public int Height => Math.Max(1, Bars.Count) * RowHeight + 10;

    /// <summary>The drawn length of a value, at least one pixel for a value above zero.</summary>
    public double Length(double value) => Max <= 0 ? 0 : Math.Max(value > 0 ? 1 : 0, Math.Round(BarArea * Math.Min(value, Max) / Max, 1));
}
