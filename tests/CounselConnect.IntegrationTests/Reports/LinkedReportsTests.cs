using CounselConnect.Application.Reports;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.Outcomes;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Reports;

/// <summary>
/// Reports whose counts coincide with a count the representation rate withholds, when no period is set: every closed
/// case counted, each represented case given an attorney id and nothing pending. Each program here is an organisation
/// of its own, so the counts are exactly the ones set up. Threshold 5 (the default).
/// </summary>
public abstract class LinkedReportsTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private const int Threshold = 5;
    private static readonly Guid[] Attorneys = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    /// <summary>
    /// A new organisation with closed cases: per custody, <c>represented</c> cases (pro bono and staff in turn, handed to
    /// the attorneys in turn, relief granted) and <c>unrepresented</c> ones (removal ordered), all decided in 2025.
    /// </summary>
    private async Task<Guid> ProgramAsync(params (CustodyStatus Custody, int Represented, int Unrepresented)[] groups)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = new Organisation($"Linked reports {Guid.NewGuid():N}");
        db.Set<Organisation>().Add(org);
        var (intake, decided) = (new DateOnly(2025, 1, 10), new DateOnly(2025, 6, 1));
        var at = intake.ToDateTime(new TimeOnly(14, 0), DateTimeKind.Utc);
        var n = 0;
        var tag = Guid.NewGuid().ToString("N")[..12];
        foreach (var (custody, represented, unrepresented) in groups)
        {
            for (var i = 0; i < represented + unrepresented; i++)
            {
                var c = new Case(org.Id, null, $"CC-LNK-{tag}-{++n:D4}", custody, "NYC", null, null, null, [ReliefType.Asylum], "spa", [],
                    false, "test", at);
                c.AcceptIntake(new ConflictCheck(org.Id, c.Id, MatchLevel.NoMatch, "system", at), at);
                db.Set<Case>().Add(c);
                var details = i < represented
                    ? new ClosingDetails(CourtOutcome.ReliefGranted, ReliefType.Asylum, false, null, [],
                        n % 2 == 0 ? RepresentativeType.ProBono : RepresentativeType.Staff,
                        Attorneys[n % Attorneys.Length], null, intake.AddDays(3), null, decided)
                    : new ClosingDetails(CourtOutcome.RemovalOrdered, null, false, null, [], null, null, null, null, null, decided);
                db.Set<CaseClosing>().Add(new CaseClosing(c, details, "test", at));
            }
        }

        await db.SaveChangesAsync();
        return org.Id;
    }

    private async Task<T> ReportAsync<T>(Func<ReportBuilder, Task<T>> build)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await build(scope.ServiceProvider.GetRequiredService<ReportBuilder>());
    }

    [Fact]
    public async Task Caseload_without_a_period_withholds_its_total_when_the_representation_rate_withholds_the_represented_total()
    {
        // Represented / unrepresented: detained 12 / 1, released 10 / 2. The representation rate withholds both column
        // totals (3 is small, so 22 goes with it) and shows 25. Caseload counts the 22 cases with an attorney id: showing
        // 22 would give away 25 - 22 = 3.
        var org = await ProgramAsync((CustodyStatus.Detained, 12, 1), (CustodyStatus.Released, 10, 2));
        var representation = await ReportAsync(r => r.RepresentationRateAsync(org, null, null, Threshold, default));
        Assert.Equal([null, null], representation.Totals.Cells);
        Assert.Equal(25, representation.Totals.Total);

        var caseload = await ReportAsync(r => r.CaseloadAsync(org, null, null, Threshold, default));

        Assert.Equal(3, caseload.Rows.Count);
        Assert.Null(caseload.Totals.Total);
        var shownRowTotals = caseload.Rows.Select(row => row.Total).ToList();
        Assert.Contains(null, shownRowTotals);
        Assert.Contains(null, caseload.Totals.Cells);

        // With a period the two reports count different cases (by intake, by time held), so nothing is linked.
        var withPeriod = await ReportAsync(r => r.CaseloadAsync(org, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), Threshold, default));
        Assert.Equal(22, withPeriod.Totals.Total);
    }

    [Fact]
    public async Task Caseload_without_a_period_shows_its_total_when_the_representation_rate_shows_the_represented_total()
    {
        var org = await ProgramAsync((CustodyStatus.Detained, 12, 6), (CustodyStatus.Released, 10, 7));

        var caseload = await ReportAsync(r => r.CaseloadAsync(org, null, null, Threshold, default));

        Assert.Equal(22, caseload.Totals.Total);
    }

    [Fact]
    public async Task Success_by_representative_type_without_a_period_withholds_the_unrepresented_total_the_representation_rate_withholds()
    {
        // Represented / unrepresented: detained 2 / 10, released 1 / 12. The representation rate withholds 3 and 22
        // and shows 25. With nothing pending, the success rate's "unrepresented" row counts the same 22 cases: showing
        // it would give away 25 - 22 = 3 represented cases (the pro bono and staff rows, 2 and 1, hide each other).
        var org = await ProgramAsync((CustodyStatus.Detained, 2, 10), (CustodyStatus.Released, 1, 12));
        var representation = await ReportAsync(r => r.RepresentationRateAsync(org, null, null, Threshold, default));
        Assert.Equal([null, null], representation.Totals.Cells);

        var success = await ReportAsync(r => r.SuccessRateAsync(org, ReportDimension.RepresentativeType, null, null, Threshold, default));

        Assert.Equal(25, success.Totals.Total);
        Assert.Null(success.Rows.Single(row => row.Key == "unrepresented").Total);
    }
}

public sealed class SqliteLinkedReportsTests(SqliteFactory factory) : LinkedReportsTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresLinkedReportsTests(PostgresFactory factory) : LinkedReportsTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
