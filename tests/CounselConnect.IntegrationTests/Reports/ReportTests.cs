using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.Outcomes;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Reports;

/// <summary>
/// Reports over a small hand-made program (28 closed cases), checked against numbers worked out by hand with the
/// default suppression threshold of 5. Every test reads the same data. Only the 1367 test adds closings, in 2019,
/// and it leaves all of them protected, so that no report counts them.
/// </summary>
public abstract class ReportTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private static readonly Guid A1 = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid A2 = Guid.Parse("00000000-0000-0000-0000-0000000000a2");
    private static readonly Guid A3 = Guid.Parse("00000000-0000-0000-0000-0000000000a3");

    private static DateOnly D(int month, int day) => new(2025, month, day);

    /// <summary>
    /// The program, in groups of identical cases:
    /// D1 6 detained, staff (A1), intake 10 Jan, counsel +2 days, relief granted 1 Jun, IB, funder city.
    /// D2 5 detained, pro bono (A2), intake 10 Jan, counsel +10 days, removal 1 Jul, IB, city.
    /// D3 2 detained, unrepresented, intake 10 Jan, removal in absentia 1 May, no code, city.
    /// D4 1 detained, staff (A1), intake 10 Jan, counsel +30 days, pending, city.
    /// R1 7 released, accredited (A3), intake 1 Feb, counsel +4 days, terminated 1 Aug, IA, city + lsc.
    /// R2 3 released, staff (A1), intake 1 Feb, counsel +20 days, voluntary departure 15 Aug, IB, lsc.
    /// R3 4 released, unrepresented, intake 1 Feb, dismissed 1 Sep, no code, no funder.
    /// </summary>
    private async Task EnsureDatasetAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = await db.Set<Organisation>().SingleAsync(o => o.Name == Seeder.DemoOrganisationName);
        if (await db.Set<CaseClosing>().AnyAsync(c => c.OrganisationId == org.Id))
        {
            return;
        }

        var n = 0;
        void Add(int count, CustodyStatus custody, string court, string language, string nationality, DateOnly intake,
            ClosingDetails details)
        {
            for (var i = 0; i < count; i++)
            {
                var at = intake.ToDateTime(new TimeOnly(14, 0), DateTimeKind.Utc);
                var c = new Case(org.Id, null, $"CC-RPT-{++n:D4}", custody, court, null, null, null, [ReliefType.Asylum], language, [],
                    false, "test", at);
                c.AcceptIntake(new ConflictCheck(org.Id, c.Id, MatchLevel.NoMatch, "system", at), at);
                db.Set<Case>().Add(c);
                db.Set<CaseClosing>().Add(new CaseClosing(c, details, "test", at));
            }
        }

        ClosingDetails Closing(CourtOutcome outcome, RepresentativeType? rep, Guid? attorney, DateOnly? assigned, DateOnly? decision,
            LscClosingCode? code, string[] funders, ReliefType? relief = null, bool inAbsentia = false) =>
            new(outcome, relief, inAbsentia, code, funders, rep, attorney, null, assigned, null, decision);

        var (jan10, feb1) = (D(1, 10), D(2, 1));
        Add(6, CustodyStatus.Detained, "NYC", "spa", "GT", jan10, Closing(CourtOutcome.ReliefGranted, RepresentativeType.Staff, A1,
            jan10.AddDays(2), D(6, 1), LscClosingCode.IB, ["city"], ReliefType.Asylum));
        Add(5, CustodyStatus.Detained, "NYC", "spa", "GT", jan10, Closing(CourtOutcome.RemovalOrdered, RepresentativeType.ProBono, A2,
            jan10.AddDays(10), D(7, 1), LscClosingCode.IB, ["city"]));
        Add(2, CustodyStatus.Detained, "NYC", "spa", "GT", jan10, Closing(CourtOutcome.RemovalOrdered, null, null, null, D(5, 1), null,
            ["city"], inAbsentia: true));
        Add(1, CustodyStatus.Detained, "NYC", "spa", "GT", jan10, Closing(CourtOutcome.Pending, RepresentativeType.Staff, A1,
            jan10.AddDays(30), null, null, ["city"]));
        Add(7, CustodyStatus.Released, "NWK", "hat", "HT", feb1, Closing(CourtOutcome.Terminated, RepresentativeType.Accredited, A3,
            feb1.AddDays(4), D(8, 1), LscClosingCode.IA, ["city", "lsc"]));
        Add(3, CustodyStatus.Released, "NWK", "hat", "HT", feb1, Closing(CourtOutcome.VoluntaryDeparture, RepresentativeType.Staff, A1,
            feb1.AddDays(20), D(8, 15), LscClosingCode.IB, ["lsc"]));
        Add(4, CustodyStatus.Released, "NWK", "hat", "HT", feb1, Closing(CourtOutcome.Dismissed, null, null, null, D(9, 1), null, []));
        await db.SaveChangesAsync();
    }

    private async Task<HttpClient> ManagerAsync()
    {
        await EnsureDatasetAsync();
        var client = factory.CreateClient();
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, "manager@demo.counselconnect.test", CounselConnectFactory.DemoPassword);
        client.WithBearer(tokens.AccessToken);
        return client;
    }

    private static (long?[] Cells, long? Total, double?[] Measures) Row(JsonElement report, string key)
    {
        var row = key == "total"
            ? report.GetProperty("totals")
            : report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == key);
        static long? L(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt64();
        static double? M(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();
        return ([.. row.GetProperty("cells").EnumerateArray().Select(L)], L(row.GetProperty("total")),
            [.. row.GetProperty("measures").EnumerateArray().Select(M)]);
    }

    private static string[] Keys(JsonElement report) =>
        [.. report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()!)];

    [Fact]
    public async Task Representation_rate_hides_both_cells_of_each_row_when_one_is_small()
    {
        using var client = await ManagerAsync();
        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/representation-rate");

        // By hand: detained 12 represented / 2 not (14); released 10 / 4 (14); 22 / 6 (28).
        // 2 and 4 are small; each row then hides its other cell; column and row totals stay.
        Assert.Equal(["detained", "released"], Keys(report));
        Assert.Equal(5, report.GetProperty("suppressionThreshold").GetInt32());
        var detained = Row(report, "detained");
        Assert.Equal([null, null], detained.Cells);
        Assert.Equal(14, detained.Total);
        Assert.Equal([null], detained.Measures);
        Assert.Equal([null, null], Row(report, "released").Cells);
        var total = Row(report, "total");
        Assert.Equal([22, 6], total.Cells);
        Assert.Equal(28, total.Total);
        Assert.Equal([0.7857], total.Measures);
    }

    [Fact]
    public async Task Time_to_counsel_withholds_a_row_whose_represented_cell_the_representation_rate_withholds()
    {
        using var client = await ManagerAsync();
        var representation = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/representation-rate");
        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/time-to-counsel");

        // The representation rate withholds detained 12 / 2 (14 shown) and released 10 / 4 (14 shown). Time to counsel
        // counts the same represented cases; on its own it would show 12 and 10, and 14 - 12 would give away the 2
        // unrepresented detained cases. Its rows follow the representation table's "represented" cells instead.
        Assert.Equal(Keys(representation), Keys(report));
        Assert.Equal(14, Row(representation, "detained").Total);
        foreach (var key in Keys(representation))
        {
            Assert.Null(Row(representation, key).Cells[0]);
            AssertRow(Row(report, key), [null], null, [null, null]);
        }

        // The 22 represented cases are shown in both. All 22: median = 11th = 4 days, p90 = 20th = 20 days.
        Assert.Equal(22, Row(representation, "total").Cells[0]);
        AssertRow(Row(report, "total"), [22], 22, [4, 20]);

        var csv = await client.GetStringAsync("/api/v1/reports/time-to-counsel?format=csv");
        Assert.Equal(
            "key,represented,total,median_days,p90_days\r\n" +
            "detained,suppressed,suppressed,,\r\n" +
            "released,suppressed,suppressed,,\r\n" +
            "total,22,22,4,20\r\n", csv);
    }

    private static void AssertRow((long?[] Cells, long? Total, double?[] Measures) row, long?[] cells, long? total, double?[] measures)
    {
        Assert.Equal(cells, row.Cells);
        Assert.Equal(total, row.Total);
        Assert.Equal(measures, row.Measures);
    }

    [Fact]
    public async Task Success_rate_by_custody_uses_TRAC_groups_and_complementary_suppression()
    {
        using var client = await ManagerAsync();
        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/success-rate?dimension=custody");

        // By hand (pending left out): detained 6 allowed / 7 ordered / 0 other (13); released 7 / 3 / 4 (14);
        // totals 13 / 10 / 4 (27). 3 and 4 are small, and so is the "other" total 4, so the totals row would give
        // itself away: its smallest other cell (10) is hidden too.
        Assert.Equal("custody", report.GetProperty("dimension").GetString());
        Assert.Equal(["allowed_to_stay", "ordered_to_leave", "other_decided"],
            report.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));
        var detained = Row(report, "detained");
        Assert.Equal([6, 7, 0], detained.Cells);
        Assert.Equal(13, detained.Total);
        Assert.Equal([0.4615], detained.Measures);
        var released = Row(report, "released");
        Assert.Equal([7, null, null], released.Cells);
        Assert.Equal(14, released.Total);
        Assert.Equal([null], released.Measures);
        var total = Row(report, "total");
        Assert.Equal([13, null, null], total.Cells);
        Assert.Equal(27, total.Total);
        Assert.Equal([null], total.Measures);
    }

    [Fact]
    public async Task Success_rate_filters_on_the_decision_date_and_may_hide_a_zero_as_the_complement()
    {
        using var client = await ManagerAsync();
        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/success-rate?dimension=court&from=2025-07-01&to=2025-08-31");

        // Decided 1 Jul - 31 Aug: NYC 0 / 5 / 0 (D2); NWK 7 / 3 / 0 (R1, R2); totals 7 / 8 / 0 (15).
        // 3 is small; NWK hides 7 with it; the allowed column then has one hidden cell and only NYC's 0 left to
        // hide; the ordered column hides NYC's 5.
        Assert.Equal(["nwk", "nyc"], Keys(report).Select(k => k.ToLowerInvariant()));
        Assert.Equal([null, null, 0], Row(report, "NWK").Cells);
        Assert.Equal(10, Row(report, "NWK").Total);
        Assert.Equal([null, null, 0], Row(report, "NYC").Cells);
        Assert.Equal(5, Row(report, "NYC").Total);
        var total = Row(report, "total");
        Assert.Equal([7, 8, 0], total.Cells);
        Assert.Equal(15, total.Total);
        Assert.Equal([0.4667], total.Measures);
    }

    [Fact]
    public async Task Caseload_counts_cases_per_attorney_id_without_names()
    {
        using var client = await ManagerAsync();
        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/caseload");

        // A1: D4 open 1; D1 6 + R2 3 decided = 9 (10). A2: 0 / 5. A3: 0 / 7. Totals 1 / 21 (22).
        // A1's 1 is small, so its 9 goes too; the open total (1) is small, so the decided total goes with it.
        Assert.Equal([A1.ToString(), A2.ToString(), A3.ToString()], Keys(report));
        Assert.Equal([null, null], Row(report, A1.ToString()).Cells);
        Assert.Equal(10, Row(report, A1.ToString()).Total);
        Assert.Equal([0, 5], Row(report, A2.ToString()).Cells);
        Assert.Equal([0, 7], Row(report, A3.ToString()).Cells);
        Assert.Equal([null, null], Row(report, "total").Cells);
        Assert.Equal(22, Row(report, "total").Total);
        Assert.DoesNotContain("manager@", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Funder_report_counts_closing_codes_per_funding_source()
    {
        using var client = await ManagerAsync();
        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/funder-closing-codes");

        // Decided cases only. city: IA 7, IB 6 + 5 = 11, none 2 (20). lsc: IA 7, IB 3 (10). Totals IA 14, IB 14, none 2.
        // Small: city/none 2, lsc/IB 3, total none 2. Rows hide IA with them; the totals row hides IA's total;
        // the IB column then has one hidden cell and hides city's 11.
        var columns = report.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(["A", "B", "F", "G", "H", "IA", "IB", "IC", "K", "L", "none"], columns);
        var (ia, ib, none) = (columns.IndexOf("IA"), columns.IndexOf("IB"), columns.IndexOf("none"));
        var city = Row(report, "city");
        Assert.Equal(20, city.Total);
        Assert.Null(city.Cells[ia]);
        Assert.Null(city.Cells[ib]);
        Assert.Null(city.Cells[none]);
        Assert.Equal(0, city.Cells[columns.IndexOf("A")]);
        var lsc = Row(report, "lsc");
        Assert.Equal(10, lsc.Total);
        Assert.Null(lsc.Cells[ia]);
        Assert.Null(lsc.Cells[ib]);
        Assert.Equal(0, lsc.Cells[none]);
        var total = Row(report, "total");
        Assert.Null(total.Cells[ia]);
        Assert.Equal(14, total.Cells[ib]);
        Assert.Null(total.Cells[none]);
        Assert.Equal(30, total.Total);
    }

    [Fact]
    public async Task A_closed_case_protected_under_1367_is_left_out_of_the_funder_report_and_its_export()
    {
        using var client = await ManagerAsync();

        // Six cases of their own funder, intake and decision in 2019 (outside the program above): removal ordered, IB.
        var ids = await AddDecidedCasesOf2019Async(6, "rpt-1367");
        const string period = "from=2019-01-01&to=2019-12-31";
        try
        {
            var before = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/funder-closing-codes?{period}");
            Assert.Equal(6, Row(before, "rpt-1367").Total);
            Assert.Equal(6, Row(before, "total").Total);

            using (var set = await client.PutAsJsonAsync($"/api/v1/cases/{ids[0]}/protection", new { protection = "u_visa" }))
            {
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            }

            var representation = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/representation-rate?{period}");
            Assert.Equal(5, Row(representation, "total").Total);
            var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/funder-closing-codes?{period}");
            var columns = report.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
            Assert.Equal(["rpt-1367"], Keys(report));
            Assert.Equal(5, Row(report, "rpt-1367").Cells[columns.IndexOf("IB")]);
            Assert.Equal(5, Row(report, "rpt-1367").Total);
            Assert.Equal(5, Row(report, "total").Total);

            var csv = await client.GetStringAsync($"/api/v1/reports/funder-closing-codes?{period}&format=csv");
            Assert.Equal(
                "key,A,B,F,G,H,IA,IB,IC,K,L,none,total\r\n" +
                "rpt-1367,0,0,0,0,0,0,5,0,0,0,0,5\r\n" +
                "total,0,0,0,0,0,0,5,0,0,0,0,5\r\n", csv);
        }
        finally
        {
            // The other tests read the program without a period: leave every case of this test protected, so none counts.
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var c in await db.Set<Case>().Where(c => ids.Contains(c.Id)).ToListAsync())
            {
                if (!c.IsProtected)
                {
                    c.SetProtection(CaseProtection.UVisa);
                }
            }

            await db.SaveChangesAsync();
        }
    }

    private async Task<List<Guid>> AddDecidedCasesOf2019Async(int count, string funder)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = await db.Set<Organisation>().SingleAsync(o => o.Name == Seeder.DemoOrganisationName);
        var at = new DateTime(2019, 1, 10, 14, 0, 0, DateTimeKind.Utc);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var c = new Case(org.Id, null, $"CC-RPT-1367-{i:D2}", CustodyStatus.Detained, "NYC", null, null, null, [ReliefType.Asylum], "spa", [],
                false, "test", at);
            c.AcceptIntake(new ConflictCheck(org.Id, c.Id, MatchLevel.NoMatch, "system", at), at);
            db.Set<Case>().Add(c);
            db.Set<CaseClosing>().Add(new CaseClosing(c, new ClosingDetails(CourtOutcome.RemovalOrdered, null, false, LscClosingCode.IB, [funder],
                null, null, null, null, null, new DateOnly(2019, 6, 1)), "test", at));
            ids.Add(c.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    [Fact]
    public async Task Csv_export_is_audited_and_reads_the_same_numbers()
    {
        using var client = await ManagerAsync();
        var before = await ExportsAsync();

        using var response = await client.GetAsync("/api/v1/reports/success-rate?dimension=custody&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Equal(
            "custody,allowed_to_stay,ordered_to_leave,other_decided,total,success_rate\r\n" +
            "detained,6,7,0,13,0.4615\r\n" +
            "released,7,suppressed,suppressed,14,\r\n" +
            "total,13,suppressed,suppressed,27,\r\n", csv);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/caseload");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var byAccept = await client.SendAsync(request);
        Assert.Equal("text/csv", byAccept.Content.Headers.ContentType?.MediaType);

        var after = await ExportsAsync();
        Assert.Equal(before.Count + 2, after.Count);
        Assert.Equal(["caseload", "success-rate"], after.Skip(before.Count).Select(a => a.FieldCategory).Order(StringComparer.Ordinal));
        Assert.All(after.Skip(before.Count), a => Assert.NotEqual("system", a.Actor));

        // A JSON read is not an export.
        using var json = await client.GetAsync("/api/v1/reports/caseload");
        Assert.Equal(after.Count, (await ExportsAsync()).Count);
    }

    [Fact]
    public async Task Dashboard_downloads_are_named_by_report_and_period_as_the_api_names_them()
    {
        await EnsureDatasetAsync();
        using var browser = await AuthorizationCodeFlow.SignInToPagesAsync(factory, "manager@demo.counselconnect.test", CounselConnectFactory.DemoPassword);
        using var client = await ManagerAsync();
        foreach (var (query, name) in new[]
        {
            ("report=caseload&from=2025-01-01&to=2025-12-31", "caseload-from-2025-01-01-to-2025-12-31.csv"),
            ("report=success-rate&dimension=court&from=2025-03-01", "success-rate-by-court-from-2025-03-01.csv"),
            ("report=representation-rate", "representation-rate.csv"),
        })
        {
            using var page = await browser.GetAsync($"/Manager?handler=Export&{query}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(name, page.Content.Headers.ContentDisposition?.FileName);

            var (report, rest) = (query.Split('&')[0]["report=".Length..], string.Join('&', query.Split('&').Skip(1)));
            using var api = await client.GetAsync($"/api/v1/reports/{report}?format=csv&{rest}");
            Assert.Equal(name, api.Content.Headers.ContentDisposition?.FileName);
        }
    }

    [Fact]
    public async Task Dashboard_says_a_rate_over_no_cases_does_not_apply_instead_of_withheld()
    {
        await EnsureDatasetAsync();
        using var browser = await AuthorizationCodeFlow.SignInToPagesAsync(factory, "manager@demo.counselconnect.test", CounselConnectFactory.DemoPassword);

        // No closing in 1990: every count is a shown zero, so no rate or median exists; none is withheld.
        var empty = await browser.GetStringAsync("/Manager?from=1990-01-01&to=1990-12-31");
        Assert.DoesNotContain(">Withheld<", empty, StringComparison.Ordinal);
        Assert.Contains("<td>Not applicable</td>", empty, StringComparison.Ordinal);
        Assert.Contains("class=\"chart-none\">Not applicable<", empty, StringComparison.Ordinal);

        // In 2025 the same dashboard withholds small counts (the representation rate's cells) and still shows "Withheld".
        var year = await browser.GetStringAsync("/Manager?from=2025-01-01&to=2025-12-31");
        Assert.Contains("<td>Withheld</td>", year, StringComparison.Ordinal);
    }

    private async Task<List<AuditEntry>> ExportsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<AuditEntry>().Where(a => a.Action == "report.export").OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task Only_program_managers_may_read_reports()
    {
        await EnsureDatasetAsync();
        using var client = factory.CreateClient();
        var attorney = await AuthorizationCodeFlow.SignInAsync(factory, "attorney@demo.counselconnect.test", CounselConnectFactory.DemoPassword);
        client.WithBearer(attorney.AccessToken);
        using var asAttorney = await client.GetAsync("/api/v1/reports/success-rate?format=csv");
        Assert.Equal(HttpStatusCode.Forbidden, asAttorney.StatusCode);

        client.WithBearer(await client.GetClientCredentialsTokenAsync("cc.intake"));
        using var intakeScope = await client.GetAsync("/api/v1/reports/caseload");
        Assert.Equal(HttpStatusCode.Forbidden, intakeScope.StatusCode);

        client.DefaultRequestHeaders.Authorization = null;
        using var anonymous = await client.GetAsync("/api/v1/reports/caseload");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_organisations_threshold_changes_what_every_report_and_export_suppresses()
    {
        using var client = await ManagerAsync();
        var settings = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/settings");
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("suppressionThreshold").ValueKind);
        Assert.Equal(5, settings.GetProperty("defaultSuppressionThreshold").GetInt32());
        Assert.Equal(5, settings.GetProperty("effectiveSuppressionThreshold").GetInt32());
        try
        {
            // Threshold 2: only counts of 1 are small, and this program has none, so nothing is hidden.
            using var lower = await client.PutAsJsonAsync("/api/v1/reports/settings", new { suppressionThreshold = 2 });
            Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
            Assert.Equal(2, (await lower.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("effectiveSuppressionThreshold").GetInt32());

            var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/representation-rate");
            Assert.Equal(2, report.GetProperty("suppressionThreshold").GetInt32());
            AssertRow(Row(report, "detained"), [12, 2], 14, [0.8571]);
            AssertRow(Row(report, "released"), [10, 4], 14, [0.7143]);

            // Now the representation rate shows the represented cells, so time to counsel shows its rows.
            // Detained: 2 x6, 10 x5, 30 x1 (n 12): median = 6th = 2, p90 = 11th = 10.
            // Released: 4 x7, 20 x3 (n 10): median = 5th = 4, p90 = 9th = 20.
            var time = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/time-to-counsel");
            AssertRow(Row(time, "detained"), [12], 12, [2, 10]);
            AssertRow(Row(time, "released"), [10], 10, [4, 20]);
            AssertRow(Row(time, "total"), [22], 22, [4, 20]);
            var csv = await client.GetStringAsync("/api/v1/reports/success-rate?dimension=custody&format=csv");
            Assert.Equal(
                "custody,allowed_to_stay,ordered_to_leave,other_decided,total,success_rate\r\n" +
                "detained,6,7,0,13,0.4615\r\n" +
                "released,7,3,4,14,0.7\r\n" +
                "total,13,10,4,27,0.5652\r\n", csv);

            // Threshold 8. By hand, success by custody: detained 6 / 7 / 0 (13), released 7 / 3 / 4 (14), totals
            // 13 / 10 / 4 (27). Small: 6 and 7 (detained), 7, 3 and 4 (released), and the other total 4. The totals
            // row then has one hidden cell, so it hides its smallest shown one too (10); every other line already
            // has two or more hidden entries or none.
            using var higher = await client.PutAsJsonAsync("/api/v1/reports/settings", new { suppressionThreshold = 8 });
            Assert.Equal(HttpStatusCode.OK, higher.StatusCode);
            report = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/success-rate?dimension=custody");
            Assert.Equal(8, report.GetProperty("suppressionThreshold").GetInt32());
            AssertRow(Row(report, "detained"), [null, null, 0], 13, [null]);
            AssertRow(Row(report, "released"), [null, null, null], 14, [null]);
            AssertRow(Row(report, "total"), [13, null, null], 27, [null]);
        }
        finally
        {
            using var reset = await client.PutAsJsonAsync("/api/v1/reports/settings", new { suppressionThreshold = (int?)null });
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        Assert.Equal(5, (await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/representation-rate")).GetProperty("suppressionThreshold").GetInt32());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(3, await db.Set<AuditEntry>().CountAsync(a => a.Action == "report.settings.update"));
    }

    [Theory]
    [InlineData("{\"suppressionThreshold\":1}")]
    [InlineData("{\"suppressionThreshold\":101}")]
    [InlineData("{\"suppressionThreshold\":-3}")]
    public async Task A_threshold_outside_2_to_100_is_a_field_error_and_changes_nothing(string json)
    {
        using var client = await ManagerAsync();

        using var response = await client.PutAsync("/api/v1/reports/settings", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("from 2 to 100", errors.GetProperty("suppressionThreshold")[0].GetString(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Null(await db.Set<Organisation>().Where(o => o.Name == Seeder.DemoOrganisationName)
            .Select(o => o.ReportSuppressionThreshold).SingleAsync());
    }

    [Fact]
    public async Task Bad_parameters_are_rejected()
    {
        using var client = await ManagerAsync();
        using var badDimension = await client.GetAsync("/api/v1/reports/success-rate?dimension=name");
        Assert.Equal(HttpStatusCode.BadRequest, badDimension.StatusCode);
        using var backwards = await client.GetAsync("/api/v1/reports/caseload?from=2025-02-01&to=2025-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        using var badFormat = await client.GetAsync("/api/v1/reports/caseload?format=xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
    }
}

public sealed class SqliteReportTests(SqliteFactory factory) : ReportTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresReportTests(PostgresFactory factory) : ReportTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
