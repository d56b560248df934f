using System.ComponentModel.DataAnnotations;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Hearings;
using CounselConnect.Application.Representatives;
using CounselConnect.Application.Representatives.GetMyProfile;
using CounselConnect.Application.Representatives.SaveMyProfile;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Attorney;

/// <summary>The attorney's own representative profile (same commands as GET and PUT /api/v1/representatives/me).</summary>
public sealed class ProfileModel(ISender sender) : AttorneyPageModel
{
    public const int BarRows = 3;
    public const int LanguageRows = 3;
    public const int UnavailabilityRows = 2;

    /// <summary>The status message the pickup leaves here for an attorney without a profile.</summary>
    public const string NoProfileMessage = "Set up your profile before you take on a case: the program needs your bar admission to assign you.";

    public const string SavedMessage = "Your profile is saved. The program uses it to suggest cases that fit you.";

    private static readonly Dictionary<string, (string Field, string Message)> Rules = new()
    {
        ["AttorneyNeedsBarAdmission"] = ("Form.BarAdmissions", "Add at least one bar admission."),
        ["AccreditationIncomplete"] = ("Form.RecognisedOrganisation",
            "An accredited representative needs the recognised organisation and the date the accreditation expires."),
        ["DocketRequired"] = ("Form.Dockets", "Choose the detained docket, the non-detained docket, or both."),
        ["MaxActiveCasesRange"] = ("Form.MaxActiveCases", "The number of cases must be between 0 and 200."),
        ["HoursPerMonthRange"] = ("Form.HoursPerMonth", "Hours per month must be between 0 and 400."),
        ["UnavailabilityOrder"] = ("Form.Unavailability", "Each period away must end on or after the day it starts."),
    };

    [BindProperty]
    public ProfileForm Form { get; set; } = new();

    /// <summary>False until the attorney saves a profile for the first time.</summary>
    public bool Exists { get; private set; }

    public int ActiveCases { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var current = await FindAsync(ct);
        Form = current is null ? new ProfileForm() : ProfileForm.From(current);
        Form.Pad();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var current = await FindAsync(ct);
        if (!ModelState.IsValid)
        {
            return Show();
        }

        var saved = await TrySendAsync(
            async () => await sender.Send(new SaveMyProfileCommand(Form.ToDetails(current?.MentorProfileId)), ct),
            p => "Form." + (p.StartsWith("Details.", StringComparison.Ordinal) ? p["Details.".Length..] : p).Split('[')[0],
            field => field switch
            {
                "Form.DisplayName" => "Enter your name as clients and courts should see it (up to 200 characters).",
                "Form.BarAdmissions" => "Each bar admission needs the two-letter code of a US state, DC or territory (e.g. NY) and the bar number.",
                "Form.Languages" => "Use a three-letter code for each language, e.g. spa.",
                "Form.Courts" => HearingInputRules.CourtCodeMessage,
                "Form.Unavailability" => "A note on a period away has at most 200 characters.",
                "Form.EoirId" => ProfileInputRules.EoirIdMessage,
                _ => null,
            },
            Rules);
        if (!saved)
        {
            return Show();
        }

        TempData["Message"] = SavedMessage;
        return Redirect("/Attorney/Profile");
    }

    private PageResult Show()
    {
        Form.Pad();
        return Page();
    }

    private async Task<RepresentativeDto?> FindAsync(CancellationToken ct)
    {
        try
        {
            var profile = await sender.Send(new GetMyProfileQuery(), ct);
            Exists = true;
            ActiveCases = profile.ActiveCases;
            return profile;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public sealed class ProfileForm
    {
        [Display(Name = "Your name as clients and courts see it")]
        public string? DisplayName { get; set; }

        public RepresentativeKind Kind { get; set; } = RepresentativeKind.Attorney;

        public List<BarRow> BarAdmissions { get; set; } = [];

        [Display(Name = "Recognised organisation")]
        public string? RecognisedOrganisation { get; set; }

        [Display(Name = "Accreditation expires on")]
        public DateOnly? AccreditationExpiresOn { get; set; }

        [Display(Name = "EOIR ID (optional)")]
        public string? EoirId { get; set; }

        public List<LanguageRow> Languages { get; set; } = [];

        [Display(Name = "Courts where you appear in person")]
        public string? Courts { get; set; }

        public bool Remote { get; set; }

        public bool DetainedDocket { get; set; }

        public bool NonDetainedDocket { get; set; } = true;

        public Dictionary<ReliefType, ExperienceLevel> Experience { get; set; } = [];

        [Display(Name = "Most cases at a time")]
        public int MaxActiveCases { get; set; } = 3;

        [Display(Name = "Hours a month")]
        public int HoursPerMonth { get; set; } = 10;

        public List<AwayRow> Unavailability { get; set; } = [];

        /// <summary>Adds empty rows to fill in, up to the page's count of each.</summary>
        public void Pad()
        {
            BarAdmissions = Padded(BarAdmissions, BarRows);
            Languages = Padded(Languages, LanguageRows);
            Unavailability = Padded(Unavailability, UnavailabilityRows);
        }

        private static List<T> Padded<T>(List<T> rows, int count) where T : new() =>
            [.. rows, .. Enumerable.Range(0, Math.Max(0, count - rows.Count)).Select(_ => new T())];

        public static ProfileForm From(RepresentativeDto p) => new()
        {
            DisplayName = p.DisplayName,
            Kind = p.Kind,
            BarAdmissions = [.. p.BarAdmissions.Select(b => new BarRow { State = b.State, Number = b.Number, GoodStanding = b.GoodStanding })],
            RecognisedOrganisation = p.RecognisedOrganisation,
            AccreditationExpiresOn = p.AccreditationExpiresOn,
            EoirId = p.EoirId,
            Languages = [.. p.Languages.Select(l => new LanguageRow { Code = l.Code, Speaks = l.Speaks, Reads = l.Reads, Proficiency = l.Proficiency })],
            Courts = string.Join(", ", p.Courts),
            Remote = p.Remote,
            DetainedDocket = p.DetainedDocket,
            NonDetainedDocket = p.NonDetainedDocket,
            Experience = p.ReliefExperience.ToDictionary(r => r.Relief, r => r.Level),
            MaxActiveCases = p.MaxActiveCases,
            HoursPerMonth = p.HoursPerMonth,
            Unavailability = [.. p.Unavailability.Select(u => new AwayRow { From = u.From, To = u.To, Note = u.Note })],
        };

        /// <summary>The command's details; empty rows are left out, half-filled rows are sent so the validator names them.</summary>
        public RepresentativeDetails ToDetails(Guid? mentorProfileId) => new(
            DisplayName ?? string.Empty,
            Kind,
            [.. BarAdmissions.Where(b => !b.IsEmpty).Select(b => new BarAdmission(b.State?.Trim().ToUpperInvariant() ?? string.Empty, b.Number?.Trim() ?? string.Empty, b.GoodStanding))],
            RecognisedOrganisation,
            AccreditationExpiresOn,
            string.IsNullOrWhiteSpace(EoirId) ? null : EoirId.Trim(),
            [.. Languages.Where(l => !string.IsNullOrWhiteSpace(l.Code)).Select(l => new RepresentativeLanguage(l.Code!.Trim(), l.Speaks, l.Reads, l.Proficiency))],
            [.. (Courts ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Remote,
            DetainedDocket,
            NonDetainedDocket,
            [.. Experience.Where(e => e.Value != ExperienceLevel.None).Select(e => new ReliefExperience(e.Key, e.Value))],
            MaxActiveCases,
            HoursPerMonth,
            [.. Unavailability.Where(u => u.From is not null || u.To is not null)
                .Select(u => new UnavailablePeriod(u.From ?? u.To!.Value, u.To ?? u.From!.Value, string.IsNullOrWhiteSpace(u.Note) ? null : u.Note.Trim()))],
            mentorProfileId);
    }

    public sealed class BarRow
    {
        public string? State { get; set; }

        public string? Number { get; set; }

        public bool GoodStanding { get; set; } = true;

        public bool IsEmpty => string.IsNullOrWhiteSpace(State) && string.IsNullOrWhiteSpace(Number);
    }

    public sealed class LanguageRow
    {
        public string? Code { get; set; }

        public bool Speaks { get; set; } = true;

        public bool Reads { get; set; } = true;

        public LanguageProficiency Proficiency { get; set; } = LanguageProficiency.Professional;
    }

    public sealed class AwayRow
    {
        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public string? Note { get; set; }
    }
}
