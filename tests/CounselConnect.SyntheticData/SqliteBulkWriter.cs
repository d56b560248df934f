using System.Data.Common;
using System.Globalization;
using System.Text;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Outcomes;

namespace CounselConnect.SyntheticData;

/// <summary>
/// The fast path for SQLite: one prepared INSERT per table, reused for every row of a batch inside one
/// transaction, writing values in the same text forms EF Core's SQLite provider writes (upper-case Guids,
/// ISO dates, enum names, JSON for the primitive and owned collections). The objects come from the domain
/// constructors, so every business rule still holds.
/// </summary>
internal sealed class SqliteBulkWriter : IDisposable
{
    private static readonly string[] CaseColumns =
    [
        "Id", "OrganisationId", "OfficeId", "Reference", "ClientPartyId", "Status", "Custody", "CourtCode", "HearingLocation",
        "NextHearingUtc", "NextHearingType", "ReliefSought", "PrimaryLanguage", "InterpreterNeeded", "CreatedBy", "CreatedAtUtc",
        "StatusChangedAtUtc", "DeclineReason", "Languages",
    ];

    private static readonly string[] ClosingColumns =
    [
        "CaseId", "OrganisationId", "OfficeId", "IntakeDate", "CounselAssignedDate", "FirstHearingWithCounselDate", "DecisionDate",
        "DaysToCounsel", "Outcome", "OutcomeGroup", "ReliefGranted", "InAbsentia", "ClosingCode", "RepresentativeType", "AttorneyId",
        "Nationality", "Custody", "CourtCode", "PrimaryLanguage", "PrimaryReliefSought", "RecordedBy", "RecordedAtUtc",
    ];

    private static readonly string[] TagColumns = ["CaseId", "Tag", "OrganisationId", "ClosingCode", "DecisionDate"];

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly DbCommand _case;
    private readonly DbCommand _closing;
    private readonly DbCommand _tag;

    public SqliteBulkWriter(DbConnection connection)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction();
        _case = Prepare("Cases", CaseColumns);
        _closing = Prepare("CaseClosings", ClosingColumns);
        _tag = Prepare("CaseClosingFundingSources", TagColumns);
    }

    private DbCommand Prepare(string table, string[] columns)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        for (var i = 0; i < columns.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(p);
        }

        command.Prepare();
        return command;
    }

    public void Write(Case c, CaseClosing k)
    {
        Run(_case, c.Id, c.OrganisationId, c.OfficeId, c.Reference, c.ClientPartyId, c.Status, c.Custody, c.CourtCode, c.HearingLocation,
            c.NextHearingUtc, c.NextHearingType, "[" + string.Join(",", c.ReliefSought.Select(r => ((int)r).ToString(CultureInfo.InvariantCulture))) + "]",
            c.PrimaryLanguage, c.InterpreterNeeded, c.CreatedBy, c.CreatedAtUtc, c.StatusChangedAtUtc, c.DeclineReason, LanguagesJson(c));
        Run(_closing, k.CaseId, k.OrganisationId, k.OfficeId, k.IntakeDate, k.CounselAssignedDate, k.FirstHearingWithCounselDate,
            k.DecisionDate, k.DaysToCounsel, k.Outcome, k.OutcomeGroup, k.ReliefGranted, k.InAbsentia, k.ClosingCode, k.RepresentativeType,
            k.AttorneyId, k.Nationality, k.Custody, k.CourtCode, k.PrimaryLanguage, k.PrimaryReliefSought, k.RecordedBy, k.RecordedAtUtc);
        foreach (var f in k.FundingSources)
        {
            Run(_tag, f.CaseId, f.Tag, f.OrganisationId, f.ClosingCode, f.DecisionDate);
        }
    }

    public void Commit() => _transaction.Commit();

    public static string LanguagesJson(Case c)
    {
        var sb = new StringBuilder("[");
        foreach (var l in c.Languages)
        {
            sb.Append(sb.Length > 1 ? "," : string.Empty)
                .Append("{\"Code\":\"").Append(l.Code).Append("\",\"Reads\":").Append(l.Reads ? "true" : "false")
                .Append(",\"Speaks\":").Append(l.Speaks ? "true" : "false").Append('}');
        }

        return sb.Append(']').ToString();
    }

    private static void Run(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                Guid g => g.ToString("D").ToUpperInvariant(),
                DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                bool b => b ? 1 : 0,
                Enum e => e.ToString(),
                var v => v,
            };
        }

        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _case.Dispose();
        _closing.Dispose();
        _tag.Dispose();
        _transaction.Dispose();
    }
}
