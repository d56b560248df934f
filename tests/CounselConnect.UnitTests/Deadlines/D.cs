using System.Globalization;

namespace CounselConnect.UnitTests.Deadlines;

/// <summary>Short date parsing for readable test data.</summary>
internal static class D
{
    public static DateOnly Of(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
