using System.Diagnostics;
using System.Globalization;
using CounselConnect.Application.Reports;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.Outcomes;
using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CounselConnect.SyntheticData;

/// <summary>
/// Generates a synthetic access-to-counsel program (cases and their closings; no people) into the database the
/// web app uses: the same settings, Database:Provider and ConnectionStrings:Default, from environment variables
/// (Database__Provider, ConnectionStrings__Default) or the command line (--Database:Provider=PostgreSql ...).
/// Deterministic for a seed. Options: --cases N (default 10,000; at most 1,000,000), --seed S (default 1),
/// --organisation NAME (default the demo organisation, created if missing), --batch N (default 5,000),
/// --measure (time each report on the organisation afterwards; with --cases 0, only measure).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Default"] = "Data Source=data/counselconnect.db",
                ["cases"] = "10000",
                ["seed"] = "1",
                ["batch"] = "5000",
                ["organisation"] = Seeder.DemoOrganisationName,
                ["measure"] = "false",
            })
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var provider = Enum.Parse<DatabaseProvider>(config["Database:Provider"]!, ignoreCase: true);
        var connectionString = config["ConnectionStrings:Default"]!;
        var cases = int.Parse(config["cases"]!, CultureInfo.InvariantCulture);
        var seed = int.Parse(config["seed"]!, CultureInfo.InvariantCulture);
        var batch = Math.Clamp(int.Parse(config["batch"]!, CultureInfo.InvariantCulture), 100, 50_000);
        if (cases is < 0 or > 1_000_000)
        {
            Console.Error.WriteLine("--cases must be between 0 and 1,000,000.");
            return 2;
        }

        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseCounselConnectDatabase(provider, connectionString);
        var options = builder.Options;
        await using (var db = new AppDbContext(options))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.MigrateAsync();
        }

        var organisationId = await EnsureOrganisationAsync(options, config["organisation"]!);
        if (cases > 0)
        {
            await GenerateAsync(options, provider, organisationId, cases, seed, batch);
        }

        if (bool.Parse(config["measure"]!))
        {
            await MeasureAsync(options, organisationId);
        }

        return 0;
    }

    private static async Task<Guid> EnsureOrganisationAsync(DbContextOptions<AppDbContext> options, string name)
    {
        await using var db = new AppDbContext(options);
        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Name == name);
        if (organisation is null)
        {
            organisation = new Organisation(name);
            db.Set<Organisation>().Add(organisation);
            await db.SaveChangesAsync();
        }

        return organisation.Id;
    }

    private static async Task GenerateAsync(DbContextOptions<AppDbContext> options, DatabaseProvider provider, Guid organisationId,
        int count, int seed, int batchSize)
    {
        var prefix = $"SYN-{seed.ToString(CultureInfo.InvariantCulture)}-";
        await using (var db = new AppDbContext(options))
        {
            if (await db.Set<Case>().AnyAsync(c => c.Reference == prefix + "0000001"))
            {
                throw new InvalidOperationException($"Seed {seed} was already generated into this database: choose another --seed.");
            }
        }

        var generator = new CaseGenerator(seed, organisationId, count);
        var watch = Stopwatch.StartNew();
        var written = 0;
        while (written < count)
        {
            await using var db = new AppDbContext(options);
            var n = Math.Min(batchSize, count - written);
            if (provider == DatabaseProvider.Sqlite)
            {
                // Fast path: prepared statements in one transaction per batch.
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF;");
                using var writer = new SqliteBulkWriter(db.Database.GetDbConnection());
                for (var i = 0; i < n; i++)
                {
                    var (@case, closing) = generator.Next(prefix + (written + i + 1).ToString("D7", CultureInfo.InvariantCulture));
                    writer.Write(@case, closing);
                }

                writer.Commit();
            }
            else if (provider == DatabaseProvider.PostgreSql)
            {
                // Fast path: binary COPY.
                await db.Database.OpenConnectionAsync();
                var rows = new List<(Case, CaseClosing)>(n);
                for (var i = 0; i < n; i++)
                {
                    rows.Add(generator.Next(prefix + (written + i + 1).ToString("D7", CultureInfo.InvariantCulture)));
                }

                await PostgresBulkWriter.WriteAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), rows);
            }
            else
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = 0; i < n; i++)
                {
                    var (@case, closing) = generator.Next(prefix + (written + i + 1).ToString("D7", CultureInfo.InvariantCulture));
                    db.Set<Case>().Add(@case);
                    db.Set<CaseClosing>().Add(closing);
                }

                await db.SaveChangesAsync();
            }

            written += n;
            if (written % (batchSize * 20) == 0 || written == count)
            {
                Console.WriteLine($"{written:N0} cases in {watch.Elapsed.TotalSeconds:F1} s ({written / watch.Elapsed.TotalSeconds:N0} cases/s)");
            }
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            await using var db = new AppDbContext(options);
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }
        else if (provider == DatabaseProvider.PostgreSql)
        {
            await using var db = new AppDbContext(options);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            // VACUUM also sets the visibility map (as autovacuum would on a live server), so index-only scans
            // need no heap visits.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"Cases\", \"CaseClosings\", \"CaseClosingFundingSources\";");
        }
    }

    private static async Task MeasureAsync(DbContextOptions<AppDbContext> options, Guid organisationId)
    {
        await using (var db = new AppDbContext(options))
        {
            var closings = await db.Set<CaseClosing>().CountAsync(c => c.OrganisationId == organisationId);
            Console.WriteLine($"Measuring reports over {closings:N0} closings of the organisation (5 runs after 1 warm-up; milliseconds; cpu = this process's CPU time, median)");
        }

        var reports = new (string Name, Func<ReportBuilder, Task<ReportTable>> Run)[]
        {
            ("representation-rate", r => r.RepresentationRateAsync(organisationId, null, null, 5, default)),
            ("time-to-counsel", r => r.TimeToCounselAsync(organisationId, null, null, 5, default)),
            ("success-rate by custody", r => r.SuccessRateAsync(organisationId, ReportDimension.Custody, null, null, 5, default)),
            ("success-rate by relief", r => r.SuccessRateAsync(organisationId, ReportDimension.Relief, null, null, 5, default)),
            ("success-rate by court", r => r.SuccessRateAsync(organisationId, ReportDimension.Court, null, null, 5, default)),
            ("success-rate by language", r => r.SuccessRateAsync(organisationId, ReportDimension.Language, null, null, 5, default)),
            ("success-rate by nationality", r => r.SuccessRateAsync(organisationId, ReportDimension.Nationality, null, null, 5, default)),
            ("success-rate by representative_type", r => r.SuccessRateAsync(organisationId, ReportDimension.RepresentativeType, null, null, 5, default)),
            ("success-rate by court, 2024", r => r.SuccessRateAsync(organisationId, ReportDimension.Court, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 5, default)),
            ("caseload", r => r.CaseloadAsync(organisationId, null, null, 5, default)),
            ("caseload, 2024", r => r.CaseloadAsync(organisationId, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 5, default)),
            ("funder-closing-codes", r => r.FunderClosingCodesAsync(organisationId, null, null, 5, default)),
            ("funder-closing-codes, 2024", r => r.FunderClosingCodesAsync(organisationId, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 5, default)),
        };

        foreach (var (name, run) in reports)
        {
            var times = new List<double>();
            var cpu = new List<double>();
            ReportTable? table = null;
            for (var i = 0; i < 6; i++)
            {
                await using var db = new AppDbContext(options);
                var builder = new ReportBuilder(db);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                table = await run(builder);
                if (i > 0)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
            }

            times.Sort();
            cpu.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-38} median {times[times.Count / 2],7:F0}  max {times[^1],7:F0}  cpu {cpu[cpu.Count / 2],7:F0}  rows {table!.Rows.Count,6}  total {table.Totals.Total}"));
        }

        await MeasureFunderBaselineAsync(options, organisationId);
    }

    /// <summary>
    /// Baseline for the funder report, in the same run: the earlier query, which joined every tag to its closing
    /// by primary key and read the organisation, decision date and code from the closing.
    /// </summary>
    private static async Task MeasureFunderBaselineAsync(DbContextOptions<AppDbContext> options, Guid organisationId)
    {
        var times = new List<double>();
        var cpu = new List<double>();
        var total = 0;
        for (var i = 0; i < 6; i++)
        {
            await using var db = new AppDbContext(options);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var groups = await db.Set<ClosingFundingSource>().AsNoTracking()
                .Join(db.Set<CaseClosing>().AsNoTracking().Where(c => c.OrganisationId == organisationId && c.DecisionDate != null),
                    s => s.CaseId, c => c.CaseId, (s, c) => new { s.Tag, c.ClosingCode })
                .GroupBy(x => new { x.Tag, x.ClosingCode })
                .Select(g => new { g.Key.Tag, g.Key.ClosingCode, Count = g.Count() })
                .ToListAsync();
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }

            total = groups.Sum(g => g.Count);
        }

        times.Sort();
        cpu.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"baseline: funder join on closings",-38} median {times[times.Count / 2],7:F0}  max {times[^1],7:F0}  cpu {cpu[cpu.Count / 2],7:F0}  (query only)  total {total}"));
    }
}

/// <summary>Draws one case and its closing at a time from <see cref="ProgramModel"/>, deterministically for a seed.</summary>
internal sealed class CaseGenerator(int seed, Guid organisationId, int count)
{
    private readonly Random _rng = new(seed);
    private readonly Guid[] _attorneys = Attorneys(seed, Math.Max(5, count / 60));

    private static Guid[] Attorneys(int seed, int n)
    {
        var rng = new Random(seed ^ 0x5eed);
        var bytes = new byte[16];
        return [.. Enumerable.Range(0, n).Select(_ =>
        {
            rng.NextBytes(bytes);
            return new Guid(bytes);
        })];
    }

    public (Case Case, CaseClosing Closing) Next(string reference)
    {
        var span = ProgramModel.LastIntake.DayNumber - ProgramModel.FirstIntake.DayNumber;
        var intake = ProgramModel.FirstIntake.AddDays(_rng.Next(span + 1));
        var intakeAt = intake.ToDateTime(new TimeOnly(9 + _rng.Next(9), _rng.Next(60)), DateTimeKind.Utc);
        var custody = Pick(ProgramModel.Custody);
        var language = Pick(ProgramModel.Languages);
        var nationality = Pick(ProgramModel.NationalityByLanguage[language]);
        var relief = Pick(ProgramModel.Relief);
        var @case = new Case(organisationId, null, reference, custody, Pick(ProgramModel.Courts), null, null, null,
            relief == ReliefType.Asylum ? [relief, ReliefType.WithholdingOfRemoval, ReliefType.ConventionAgainstTorture] : [relief],
            language, [new LanguageSkill(language, true, _rng.NextDouble() < 0.7)], language != "eng", "synthetic", intakeAt);
        @case.AcceptIntake(new ConflictCheck(organisationId, @case.Id, MatchLevel.NoMatch, "synthetic", intakeAt), intakeAt);

        var represented = _rng.NextDouble() < ProgramModel.PlacementRate(custody);
        DateOnly? assigned = represented ? intake.AddDays(LogNormalDays(ProgramModel.MedianDaysToCounsel(custody), 0.9)) : null;
        if (assigned > ProgramModel.DataCutoff)
        {
            assigned = ProgramModel.DataCutoff;
        }

        DateOnly? firstHearing = assigned?.AddDays(LogNormalDays(custody == CustodyStatus.Detained ? 10 : 45, 0.7));
        if (firstHearing > ProgramModel.DataCutoff)
        {
            firstHearing = null;
        }

        var decision = intake.AddDays(LogNormalDays(ProgramModel.MedianDaysToDecision(custody), 0.8));
        if (assigned is { } a && decision < a)
        {
            decision = a.AddDays(1 + _rng.Next(30));
        }

        var outcome = decision > ProgramModel.DataCutoff ? CourtOutcome.Pending : DrawOutcome(custody, represented);
        ReliefType? granted = outcome == CourtOutcome.ReliefGranted ? relief : null;
        var inAbsentia = outcome == CourtOutcome.RemovalOrdered && _rng.NextDouble() < (represented ? 0.03 : custody == CustodyStatus.Detained ? 0.05 : 0.45);
        LscClosingCode? code = outcome == CourtOutcome.Pending ? null
            : Pick(represented ? ProgramModel.RepresentedCodes : ProgramModel.UnrepresentedCodes);
        var funders = ProgramModel.Funders
            .Where(f => _rng.NextDouble() < f.Chance && (f.Tag != "lsc" || ProgramModel.LscEligible(relief))
                && (f.Tag != "vera-safe" || custody == CustodyStatus.Detained))
            .Select(f => f.Tag).ToList();
        if (funders.Count == 0)
        {
            funders.Add("city");
        }

        var details = new ClosingDetails(outcome, granted, inAbsentia, code, funders,
            represented ? Pick(ProgramModel.Representatives) : null,
            represented ? _attorneys[_rng.Next(_attorneys.Length)] : null,
            nationality, assigned, firstHearing, outcome == CourtOutcome.Pending ? null : decision);
        var recordedAt = (outcome == CourtOutcome.Pending ? ProgramModel.DataCutoff : decision).ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc);
        return (@case, new CaseClosing(@case, details, "synthetic", recordedAt));
    }

    private CourtOutcome DrawOutcome(CustodyStatus custody, bool represented)
    {
        if (_rng.NextDouble() < ProgramModel.OtherDecidedShare)
        {
            var x = _rng.NextDouble();
            return x < 0.45 ? CourtOutcome.Dismissed : x < 0.85 ? CourtOutcome.AdministrativelyClosed : CourtOutcome.OtherClosure;
        }

        if (_rng.NextDouble() < ProgramModel.SuccessShare(custody, represented))
        {
            return _rng.NextDouble() < 0.78 ? CourtOutcome.ReliefGranted : CourtOutcome.Terminated;
        }

        return _rng.NextDouble() < (represented ? 0.7 : 0.85) ? CourtOutcome.RemovalOrdered : CourtOutcome.VoluntaryDeparture;
    }

    private int LogNormalDays(double median, double sigma)
    {
        // Box-Muller standard normal.
        var u1 = 1.0 - _rng.NextDouble();
        var u2 = _rng.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return (int)Math.Clamp(Math.Round(median * Math.Exp(sigma * z)), 0, 3650);
    }

    private T Pick<T>((T Value, double Weight)[] choices)
    {
        var total = 0.0;
        foreach (var c in choices)
        {
            total += c.Weight;
        }

        var x = _rng.NextDouble() * total;
        foreach (var (value, weight) in choices)
        {
            x -= weight;
            if (x < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
