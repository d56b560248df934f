using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Opportunities.AcceptOpportunity;
using CounselConnect.Application.Opportunities.GetPartyNames;
using CounselConnect.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CounselConnect.Web.Pages.Attorney;

/// <summary>
/// Steps 2 and 3 of taking a case (same commands as POST /api/v1/opportunities/{id}/party-names and /accept): the
/// party names only, recorded and audited, so the attorney can check conflicts; then the attestation and acceptance.
/// Names are shown only in answer to a POST, never on a page a link or a reload can open.
/// </summary>
public sealed class PickupModel(ISender sender) : AttorneyPageModel
{
    private static readonly Dictionary<string, (string Field, string Message)> Rules = new()
    {
        ["PartyNamesNotReviewed"] = (string.Empty, "Request the party names and check them before you accept the case."),
        ["PossibleConflict"] = (string.Empty,
            "A party of this case resembles a party of a case you have handled, so the program must review it before you can take it. Please contact your program manager."),
        ["NoCapacityLeft"] = (string.Empty, "You have reached the number of cases your profile allows. Raise it in your profile or close a case first."),
        ["NotAuthorisedToPractise"] = (string.Empty,
            "Your profile shows no bar admission in good standing (or your accreditation has expired). Update your profile first."),
        ["CaseAlreadyAssigned"] = (string.Empty, "Someone else took this case a moment ago. Please choose another one."),
    };

    public Guid CaseId { get; private set; }

    public IReadOnlyList<PartyNameDto> Parties { get; private set; } = [];

    public IActionResult OnGet() => Redirect("/Attorney/Board");

    public async Task<IActionResult> OnPostNamesAsync(Guid id, CancellationToken ct) => await ShowNamesAsync(id, ct);

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, bool attestNoConflict, CancellationToken ct)
    {
        try
        {
            var accepted = await TrySendAsync(
                async () => await sender.Send(new AcceptOpportunityCommand(id, attestNoConflict), ct),
                _ => "attestNoConflict",
                _ => "Tick the box to confirm that you checked the names and have no conflict.",
                Rules);
            if (accepted)
            {
                TempData["Message"] = CaseModel.AcceptedMessage;
                return Redirect($"/Attorney/Case/{id}");
            }
        }
        catch (NotFoundException ex)
        {
            return Gone(ex);
        }

        return await ShowNamesAsync(id, ct);
    }

    /// <summary>Words for the role a party has in the case (the client, or how they relate to the client).</summary>
    public static Relationship? RelationshipOf(string role) =>
        Enum.TryParse<Relationship>(role.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var r) ? r : null;

    private async Task<IActionResult> ShowNamesAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var names = await sender.Send(new GetPartyNamesCommand(id), ct);
            CaseId = id;
            Parties = names.Parties;
            Response.Headers.CacheControl = "no-store";
            return Page();
        }
        catch (NotFoundException ex)
        {
            return Gone(ex);
        }
    }

    /// <summary>No profile yet, or the case is no longer open: back to the board with a word on why.</summary>
    private RedirectResult Gone(NotFoundException ex)
    {
        var noProfile = ex.Resource == "Representative profile";
        TempData["Message"] = noProfile ? ProfileModel.NoProfileMessage : BoardModel.GoneMessage;
        return Redirect(noProfile ? "/Attorney/Profile" : "/Attorney/Board");
    }
}
