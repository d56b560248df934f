using System.Globalization;
using CounselConnect.Application.Auditing;

namespace CounselConnect.Web.Security;

/// <summary>The `verify-audit` command: verifies every audit chain in the configured database and prints the result.</summary>
public static class AuditVerificationCommand
{
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<IAuditChainVerifier>().VerifyAsync(null, CancellationToken.None);
        var output = Console.Out;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Audit chains: {report.Chains}; entries checked: {report.EntriesChecked}; not chained yet: {report.Unchained}; intact: {(report.Intact ? "yes" : "no")}"));
        foreach (var head in report.Heads)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  chain {head.OrganisationId}: last entry {head.Sequence}, hash {head.Hash}"));
        }

        if (report.FirstBreak is { } broken)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"First broken link: chain {broken.OrganisationId}, position {broken.Sequence}, row id {broken.EntryId}: {broken.Reason}"));
            return 1;
        }

        return 0;
    }
}
