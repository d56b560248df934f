using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Outcomes;
using Npgsql;
using NpgsqlTypes;

namespace CounselConnect.SyntheticData;

/// <summary>
/// The fast path for PostgreSQL: binary COPY into the three tables, one COPY per table per batch, with the
/// column types of the migrations (enum names as text, integer[] for relief sought, jsonb for languages).
/// </summary>
internal static class PostgresBulkWriter
{
    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<(Case Case, CaseClosing Closing)> rows)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"Cases\" (\"Id\", \"OrganisationId\", \"OfficeId\", \"Reference\", \"ClientPartyId\", \"Status\", \"Custody\", \"CourtCode\", " +
            "\"HearingLocation\", \"NextHearingUtc\", \"NextHearingType\", \"ReliefSought\", \"PrimaryLanguage\", \"InterpreterNeeded\", " +
            "\"CreatedBy\", \"CreatedAtUtc\", \"StatusChangedAtUtc\", \"DeclineReason\", \"Languages\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (c, _) in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.OrganisationId, NpgsqlDbType.Uuid);
                await WriteNullableAsync(copy, c.OfficeId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Reference, NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.ClientPartyId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Status.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.Custody.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.CourtCode, NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, c.HearingLocation, NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, c.NextHearingUtc, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(copy, c.NextHearingType?.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.ReliefSought.Select(r => (int)r).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
                await copy.WriteAsync(c.PrimaryLanguage, NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.InterpreterNeeded, NpgsqlDbType.Boolean);
                await copy.WriteAsync(c.CreatedBy, NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.CreatedAtUtc, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(c.StatusChangedAtUtc, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(copy, c.DeclineReason, NpgsqlDbType.Varchar);
                await copy.WriteAsync(SqliteBulkWriter.LanguagesJson(c), NpgsqlDbType.Jsonb);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"CaseClosings\" (\"CaseId\", \"OrganisationId\", \"OfficeId\", \"IntakeDate\", \"CounselAssignedDate\", " +
            "\"FirstHearingWithCounselDate\", \"DecisionDate\", \"DaysToCounsel\", \"Outcome\", \"OutcomeGroup\", \"ReliefGranted\", \"InAbsentia\", " +
            "\"ClosingCode\", \"RepresentativeType\", \"AttorneyId\", \"Nationality\", \"Custody\", \"CourtCode\", \"PrimaryLanguage\", " +
            "\"PrimaryReliefSought\", \"RecordedBy\", \"RecordedAtUtc\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (_, k) in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(k.CaseId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(k.OrganisationId, NpgsqlDbType.Uuid);
                await WriteNullableAsync(copy, k.OfficeId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(k.IntakeDate, NpgsqlDbType.Date);
                await WriteNullableAsync(copy, k.CounselAssignedDate, NpgsqlDbType.Date);
                await WriteNullableAsync(copy, k.FirstHearingWithCounselDate, NpgsqlDbType.Date);
                await WriteNullableAsync(copy, k.DecisionDate, NpgsqlDbType.Date);
                await WriteNullableAsync(copy, k.DaysToCounsel, NpgsqlDbType.Integer);
                await copy.WriteAsync(k.Outcome.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(k.OutcomeGroup.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, k.ReliefGranted?.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(k.InAbsentia, NpgsqlDbType.Boolean);
                await WriteNullableAsync(copy, k.ClosingCode?.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, k.RepresentativeType?.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, k.AttorneyId, NpgsqlDbType.Uuid);
                await WriteNullableAsync(copy, k.Nationality, NpgsqlDbType.Varchar);
                await copy.WriteAsync(k.Custody.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(k.CourtCode, NpgsqlDbType.Varchar);
                await copy.WriteAsync(k.PrimaryLanguage, NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, k.PrimaryReliefSought?.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(k.RecordedBy, NpgsqlDbType.Varchar);
                await copy.WriteAsync(k.RecordedAtUtc, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"CaseClosingFundingSources\" (\"CaseId\", \"Tag\", \"OrganisationId\", \"ClosingCode\", \"DecisionDate\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var f in rows.SelectMany(r => r.Closing.FundingSources))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(f.CaseId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(f.Tag, NpgsqlDbType.Varchar);
                await copy.WriteAsync(f.OrganisationId, NpgsqlDbType.Uuid);
                await WriteNullableAsync(copy, f.ClosingCode?.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, f.DecisionDate, NpgsqlDbType.Date);
            }

            await copy.CompleteAsync();
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, type);
        }
    }
}
