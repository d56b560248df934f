namespace CounselConnect.Domain.Deadlines;

/// <summary>Choices that change how deadlines are computed. <see cref="Default"/> suits non-detained cases.</summary>
/// <param name="Docket">Detained cases get no pre-hearing filing deadlines (the court sets them).</param>
/// <param name="VersionBasis">Which date chooses among versions of a rule; see <see cref="RuleVersionBasis"/>.</param>
/// <param name="PeriodGrantedByOrder">For rules whose period the order sets (voluntary departure): the days granted.</param>
/// <param name="BackwardRollOverride">
/// Replaces the roll policy of backward (before-hearing) rules, e.g. <see cref="RollPolicy.PreviousBusinessDay"/>
/// for a cautious office calendar. The result shows that an override was used.
/// </param>
public sealed record DeadlineOptions(
    DocketKind Docket = DocketKind.NonDetained,
    RuleVersionBasis VersionBasis = RuleVersionBasis.CalculationDate,
    int? PeriodGrantedByOrder = null,
    RollPolicy? BackwardRollOverride = null)
{
    public static DeadlineOptions Default { get; } = new();
}
