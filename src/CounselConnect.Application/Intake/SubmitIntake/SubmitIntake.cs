using System.Security.Cryptography;
using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Application.Conflicts.RunConflictCheck;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

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

    public NextHearingInput? NextHearing { get; init; }

    /// <summary>ISO 639-3 code of the client's primary language, e.g. spa, hat, por, cmn, pan, mam.</summary>
    public string? PrimaryLanguage { get; init; }

    public IReadOnlyList<LanguageInput> Languages { get; init; } = [];

    public bool InterpreterNeeded { get; init; }

    public IReadOnlyList<ReliefType> ReliefSought { get; init; } = [];
}

public sealed record NextHearingInput(DateTimeOffset? At, HearingType? Type);

public sealed record LanguageInput(string? Code, bool Speaks, bool Reads);

public sealed class SubmitIntakeHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    IntakeAccess access,
    ConflictScreening screening,
    TimeProvider clock) : ICommandHandler<SubmitIntakeCommand, IntakeDto>
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
