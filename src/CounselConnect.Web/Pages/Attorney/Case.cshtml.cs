using System.ComponentModel.DataAnnotations;
using CounselConnect.Application.Assignments.GetAssignedCase;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Hearings;
using CounselConnect.Application.Hearings.GetCaseDeadlines;
using CounselConnect.Application.Hearings.ListHearings;
using CounselConnect.Application.Outcomes.RecordCaseClosing;
using CounselConnect.Application.Representatives.GetMyProfile;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Outcomes;
using CounselConnect.Domain.Representatives;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CounselConnect.Web.Pages.Attorney;

/// <summary>
/// One of the attorney's own cases: the full file (only for the assigned attorney, as GET /api/v1/cases/{id}), its
/// hearings, its deadlines with the rule behind each, and recording the outcome (as POST /api/v1/cases/{id}/closing).
/// </summary>
public sealed class CaseModel(ISender sender, ICurrentUser currentUser) : AttorneyPageModel
{
    public const string AcceptedMessage = "The case is now yours. Its full file is below.";

    public const string ClosingRecordedMessage = "The outcome is recorded. You can correct it here at any time.";

    private static readonly Dictionary<string, (string Field, string Message)> Rules = new()
    {
        ["InAbsentiaOnlyWithRemoval"] = ("Closing.InAbsentia", "An in absentia order goes only with a removal order."),
        ["ReliefTypeRequired"] = ("Closing.ReliefGranted", "Choose the relief that was granted."),
        ["ReliefTypeOnlyWithGrant"] = ("Closing.ReliefGranted", "Leave the relief granted empty unless the outcome is relief granted."),
        ["DecisionDateRequired"] = ("Closing.DecisionDate", "Enter the date of the decision."),
        ["PendingHasNoDecision"] = ("Closing.DecisionDate", "A pending case has no decision date yet: leave it empty."),
        ["DecisionNotBeforeIntake"] = ("Closing.DecisionDate", "The decision date cannot be before the intake."),
        ["HearingWithCounselAfterAssignment"] = ("Closing.FirstHearingWithCounselDate", "The first hearing with you cannot be before you took the case."),
        ["NationalityFormat"] = ("Closing.Nationality", "Use the two- or three-letter country code, e.g. GT or GTM."),
        ["CaseNotAccepted"] = (string.Empty, "This case cannot be closed yet."),
    };

    public CaseFileDto? CaseFile { get; private set; }

    public IReadOnlyList<HearingDto> Hearings { get; private set; } = [];

    public CaseDeadlinesDto? Deadlines { get; private set; }

    [BindProperty]
    public ClosingForm Closing { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostClosingAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var me = await sender.Send(new GetMyProfileQuery(), ct);
        var recorded = await TrySendAsync(
            async () => await sender.Send(new RecordCaseClosingCommand(id, Closing.Outcome, Closing.ReliefGranted, Closing.InAbsentia,
                Closing.ClosingCode, Closing.FundingSourceTags(),
                me.Kind == RepresentativeKind.AccreditedRepresentative ? RepresentativeType.Accredited : Closing.RepresentativeType,
                // The closing names the attorney by their user account (what the caseload report counts), not by profile.
                Guid.TryParse(currentUser.Subject, out var userId) ? userId : null, string.IsNullOrWhiteSpace(Closing.Nationality) ? null : Closing.Nationality.Trim(),
                DateOnly.FromDateTime(CaseFile!.AssignedAtUtc), Closing.FirstHearingWithCounselDate, Closing.DecisionDate), ct),
            p => "Closing." + p.Split('[', '.')[0],
            field => field switch
            {
                "Closing.Outcome" => "Choose the court outcome.",
                "Closing.Nationality" => "Use the two- or three-letter country code, e.g. GT or GTM.",
                "Closing.FundingSources" => "List funding sources as short tags separated by commas, e.g. lsc, nyc-council.",
                "Closing.DecisionDate" => "The decision date cannot be in the future.",
                "Closing.FirstHearingWithCounselDate" => "The first hearing with you cannot be in the future.",
                _ => null,
            },
            Rules);
        if (!recorded)
        {
            return Page();
        }

        TempData["Message"] = ClosingRecordedMessage;
        return Redirect($"/Attorney/Case/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            CaseFile = await sender.Send(new GetAssignedCaseQuery(id), ct);
        }
        catch (NotFoundException)
        {
            return false;
        }

        Hearings = await sender.Send(new ListHearingsQuery(id), ct);
        Deadlines = await sender.Send(new GetCaseDeadlinesQuery(id), ct);
        Response.Headers.CacheControl = "no-store";
        return true;
    }

    public sealed class ClosingForm
    {
        [Display(Name = "Court outcome")]
        public CourtOutcome? Outcome { get; set; }

        [Display(Name = "Relief granted")]
        public ReliefType? ReliefGranted { get; set; }

        public bool InAbsentia { get; set; }

        [Display(Name = "Date of the decision")]
        public DateOnly? DecisionDate { get; set; }

        [Display(Name = "First hearing you attended")]
        public DateOnly? FirstHearingWithCounselDate { get; set; }

        public RepresentativeType? RepresentativeType { get; set; } = Domain.Outcomes.RepresentativeType.ProBono;

        public LscClosingCode? ClosingCode { get; set; }

        [Display(Name = "Funding sources")]
        public string? FundingSources { get; set; }

        [Display(Name = "Client's nationality")]
        public string? Nationality { get; set; }

        public IReadOnlyList<string> FundingSourceTags() =>
            [.. (FundingSources ?? string.Empty).Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
