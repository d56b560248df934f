using System.Globalization;
using System.Text;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Support;

/// <summary>What a refused or bad request must leave unchanged: the content of the database.</summary>
public static class DatabaseSnapshot
{
    /// <summary>
    /// A hash of the full content of every table of the model (rows sorted), except the audit trail (reads and
    /// refusals are recorded there by design) and the token store.
    /// </summary>
    public static async Task<string> ContentHashAsync(IServiceProvider services) =>
        string.Join(",", (await TablesAsync(services)).Select(t => $"{t.Key}:{t.Value}"));

    /// <summary>Each table's row count and content hash, by table name.</summary>
    public static async Task<SortedDictionary<string, string>> TablesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            if (table == "AuditEntries" || table.StartsWith("OpenIddict", StringComparison.Ordinal))
            {
                continue;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            var rows = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var cells = new object[reader.FieldCount];
                    reader.GetValues(cells);
                    rows.Add(string.Join('|', cells.Select(c => c is byte[] b ? Convert.ToBase64String(b) : Convert.ToString(c, CultureInfo.InvariantCulture))));
                }
            }

            rows.Sort(StringComparer.Ordinal);
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))))[..16];
            tables[table] = $"{rows.Count}:{hash}";
        }

        return tables;
    }
}
