using System.Security.Cryptography;
using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Application.Conflicts.RunConflictCheck;
using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.People;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CounselConnect.Application.Intake.SubmitIntake;

/// <summary>Records a prospective client and the people around them, and runs the conflict check at once.</summary>
public sealed record SubmitIntakeCommand : ICommand<IntakeDto>
{
    public PersonInput? Person { get; init; }

    public IReadOnlyList<RelatedPersonInput> RelatedParties { get; init; } = [];

    public CustodyStatus? Custody { get; init; }

    /// <summary>EOIR immigration court code (base city), e.g. NYC.</summary>
    public string? CourtCode { get; init; }

    public string? HearingLocation { get; init; }

    /// <summary>The next hearing, if known: it becomes the case's first scheduled hearing (court and location as above).</summary>
    public NextHearingInput? NextHearing { get; init; }

    /// <summary>ISO 639-3 code of the client's primary language, e.g. spa, hat, por, cmn, pan, mam.</summary>
    public string? PrimaryLanguage { get; init; }

    public IReadOnlyList<LanguageInput> Languages { get; init; } = [];

    public bool InterpreterNeeded { get; init; }

    public IReadOnlyList<ReliefType> ReliefSought { get; init; } = [];
}

/// <param name="At">The hearing's date and time with its UTC offset, e.g. 2027-01-20T09:00:00-05:00.</param>
/// <param name="TimeZone">The court's IANA time zone (e.g. America/Chicago), which the hearing keeps to show its local time
/// and to count its deadlines. When absent: the time zone of the intake's office, or else <c>Reminders:DefaultTimeZone</c>.</param>
public sealed record NextHearingInput(DateTimeOffset? At, HearingType? Type, string? TimeZone = null);

public sealed record LanguageInput(string? Code, bool Speaks, bool Reads);

public sealed class SubmitIntakeHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    IntakeAccess access,
    ConflictScreening screening,
    TimeProvider clock,
    IOptions<ReminderOptions> reminderOptions) : ICommandHandler<SubmitIntakeCommand, IntakeDto>
{
    public async ValueTask<IntakeDto> Handle(SubmitIntakeCommand command, CancellationToken cancellationToken)
    {
        var organisationId = access.RequireOrganisation();
        var now = clock.GetUtcNow().UtcDateTime;
        var person = command.Person!;

        // Check before storing, so the new parties never match themselves.
        var screeningResult = await screening.ScreenAsync(organisationId, person, command.RelatedParties, cancellationToken);

        var actor = user.Subject ?? "unknown";
        var intake = new Case(organisationId, user.OfficeId, await UnusedReferenceAsync(now, cancellationToken), command.Custody!.Value, command.CourtCode!,
            command.HearingLocation, command.NextHearing?.At?.UtcDateTime, command.NextHearing?.Type, command.ReliefSought,
            command.PrimaryLanguage!, [.. command.Languages.Select(l => new LanguageSkill(l.Code!.ToLowerInvariant(), l.Speaks, l.Reads))],
            command.InterpreterNeeded, actor, now);
        var client = NewParty(organisationId, "client", person, now);
        intake.SetClient(client);
        db.Set<Case>().Add(intake);
        if (command.NextHearing is { At: { } at, Type: { } type } next)
        {
            db.Set<Hearing>().Add(await FirstHearingAsync(intake, command, at, type, next.TimeZone, actor, now, cancellationToken));
        }

        db.Set<Party>().Add(client);
        List<Party> parties = [client];
        foreach (var related in command.RelatedParties)
        {
            var party = NewParty(organisationId, ToSnakeCase(related.Relationship!.Value.ToString()), related, now);
            intake.AddRelatedParty(party);
            db.Set<Party>().Add(party);
            parties.Add(party);
        }

        var check = new ConflictCheck(organisationId, intake.Id, ToLevel(screeningResult.Outcome), actor, now);
        foreach (var m in screeningResult.Matches)
        {
            check.AddMatch(m.PartyId, m.MatchedFor, m.Score, ToLevel(m.Level), m.Reasons);
        }

        db.Set<ConflictCheck>().Add(check);
        // One save for the intake and the audited read of its view (built from memory, not read back).
        return await access.SaveNewAndReadAsync(intake, parties, check, cancellationToken);
    }

    /// <summary>
    /// The hearing given at intake, as the case's first scheduled hearing: the intake's court and hearing location, the
    /// court's time zone, the client's primary language as the interpreter language when one is needed, in person (an
    /// attorney can change it). It is saved with the intake, and the case's next hearing fields hold the same time and type.
    /// Its reminders are not planned here: a new case has no assigned attorney and no client contact yet, so its plan is
    /// empty; the assignment's replan (<c>AssignmentReplanInterceptor</c>), recording the client contact, and the replan
    /// sweep (the hearing's reminders were planned for version 0, not 1) plan them as for any hearing.
    /// </summary>
    private async Task<Hearing> FirstHearingAsync(Case intake, SubmitIntakeCommand command, DateTimeOffset at, HearingType type, string? timeZone,
        string actor, DateTime now, CancellationToken ct)
    {
        var zone = string.IsNullOrWhiteSpace(timeZone) ? await FallbackTimeZoneAsync(ct) : timeZone.Trim();
        try
        {
            return Hearing.Schedule(intake.Id, intake.OrganisationId, type, at.UtcDateTime, zone, intake.CourtCode, command.HearingLocation,
                AppearanceMode.InPerson, command.InterpreterNeeded ? intake.PrimaryLanguage : null, actor, now);
        }
        catch (BusinessRuleException broken) when (broken.Rule is "HearingInThePast" or "HearingTimeZoneUnknown")
        {
            // The hearing's own rules, reported on the intake's fields (400, nothing stored) like the rest of its input.
            throw new ValidationException([broken.Rule == "HearingInThePast"
                ? new ValidationFailure("NextHearing.At", "The next hearing cannot be in the past.")
                : new ValidationFailure("NextHearing.TimeZone", broken.Message)]);
        }
    }

    /// <summary>No court time zone given: the intake office's (a valid IANA id), or else the configured default zone.</summary>
    private async Task<string> FallbackTimeZoneAsync(CancellationToken ct)
    {
        if (user.OfficeId is { } officeId
            && await db.Set<Office>().Where(o => o.Id == officeId).Select(o => o.TimeZone).FirstOrDefaultAsync(ct) is { } officeZone
            && Hearing.IsIanaTimeZone(officeZone))
        {
            return officeZone;
        }

        return reminderOptions.Value.DefaultTimeZone;
    }

    private static Party NewParty(Guid organisationId, string role, PersonInput input, DateTime now) =>
        new(organisationId, role, input.GivenNamesText, input.FamilyNames, input.Aliases, input.ParsedDateOfBirth, input.ParsedANumber, now);

    internal static MatchLevel ToLevel(ConflictOutcome outcome) => outcome switch
    {
        ConflictOutcome.Likely => MatchLevel.Likely,
        ConflictOutcome.Potential => MatchLevel.Potential,
        _ => MatchLevel.NoMatch,
    };

    /// <summary>
    /// A reference no stored case has (the unique index would refuse the intake otherwise): six random characters give
    /// 887 million per year, so among tens of thousands of cases two draws do meet (one did in a load run at about 7,000
    /// cases). Three candidates are checked in one query; two intakes drawing the same new one at the same moment is
    /// the remaining, negligible, chance.
    /// </summary>
    private async Task<string> UnusedReferenceAsync(DateTime now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            string[] candidates = [NewReference(now), NewReference(now), NewReference(now)];
            var taken = new List<string>(candidates.Length);
            await foreach (var reference in TakenReferences.For(db.Context)(db.Context, candidates).WithCancellation(ct))
            {
                taken.Add(reference);
            }

            if (candidates.FirstOrDefault(c => !taken.Contains(c)) is { } free)
            {
                return free;
            }
        }

        throw new InvalidOperationException("No unused case reference was found.");
    }

    /// <summary>Which of the candidate references stored cases have. Compiled once: every intake runs it.</summary>
    private static readonly CompiledQuery<Func<DbContext, string[], IAsyncEnumerable<string>>> TakenReferences = new(() => EF.CompileAsyncQuery(
        (DbContext db, string[] candidates) => db.Set<Case>().IgnoreQueryFilters().Where(c => candidates.Contains(c.Reference)).Select(c => c.Reference)));

    /// <summary>CC-2026-7KQ4M2: year plus six random characters without look-alikes; no personal data.</summary>
    private static string NewReference(DateTime now)
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        Span<char> chars = stackalloc char[6];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return $"CC-{now.Year}-{chars}";
    }

    internal static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}
