using CounselConnect.Application.Attorney.ListMyCases;
using Mediator;

namespace CounselConnect.Web.Pages.Attorney;

/// <summary>"My cases": the cases assigned to the attorney now, with the next hearing and the next deadline of each.</summary>
public sealed class CasesModel(ISender sender) : AttorneyPageModel
{
    public IReadOnlyList<MyCaseDto> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Cases = await sender.Send(new ListMyCasesQuery(), ct);
    }
}
