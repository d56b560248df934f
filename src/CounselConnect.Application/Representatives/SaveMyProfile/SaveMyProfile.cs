using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Hearings;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Representatives;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Representatives.SaveMyProfile;

/// <summary>
/// Creates or replaces the signed-in representative's own profile. With <paramref name="ExpectedRevision"/> (the
/// <c>If-Match</c> header) the write is refused with 409 when the profile has been changed since that revision was read;
/// two writes racing from the same revision are caught by the <see cref="RepresentativeProfile.Revision"/> concurrency token.
/// </summary>
public sealed record SaveMyProfileCommand(RepresentativeDetails Details, int? ExpectedRevision = null) : ICommand<RepresentativeDto>;

public sealed class SaveMyProfileValidator : AbstractValidator<SaveMyProfileCommand>
{
    public SaveMyProfileValidator()
    {
        RuleFor(c => c.Details).NotNull();
        RuleFor(c => c.ExpectedRevision).GreaterThanOrEqualTo(0);
        RuleFor(c => c.Details.DisplayName).NotEmpty().MaximumLength(200).When(c => c.Details is not null);
        RuleFor(c => c.Details.Kind).IsInEnum().When(c => c.Details is not null);
        RuleFor(c => c.Details.EoirId).Matches(ProfileInputRules.EoirIdPattern).WithMessage(ProfileInputRules.EoirIdMessage)
            .When(c => !string.IsNullOrWhiteSpace(c.Details?.EoirId));
        RuleFor(c => c.Details.RecognisedOrganisation).MaximumLength(200).When(c => c.Details is not null);
        RuleForEach(c => c.Details.BarAdmissions).ChildRules(b =>
        {
            b.RuleFor(x => x.State).NotEmpty().Must(ProfileInputRules.IsBarJurisdiction).WithMessage(ProfileInputRules.BarStateMessage);
            b.RuleFor(x => x.Number).NotEmpty().MaximumLength(32);
        }).When(c => c.Details?.BarAdmissions is not null);
        RuleForEach(c => c.Details.Languages).ChildRules(l =>
        {
            l.RuleFor(x => x.Code).NotEmpty().Matches("^[a-zA-Z]{3}$").WithMessage("Use an ISO 639-3 code (three letters).");
            l.RuleFor(x => x.Proficiency).IsInEnum();
        }).When(c => c.Details?.Languages is not null);
        RuleForEach(c => c.Details.Courts).NotEmpty().Matches(HearingInputRules.CourtCodePattern).WithMessage(HearingInputRules.CourtCodeMessage)
            .When(c => c.Details?.Courts is not null);
        RuleForEach(c => c.Details.ReliefExperience).ChildRules(r =>
        {
            r.RuleFor(x => x.Relief).IsInEnum();
            r.RuleFor(x => x.Level).IsInEnum();
        }).When(c => c.Details?.ReliefExperience is not null);
        RuleForEach(c => c.Details.Unavailability).ChildRules(u => u.RuleFor(x => x.Note).MaximumLength(200))
            .When(c => c.Details?.Unavailability is not null);
    }
}

public sealed class SaveMyProfileHandler(RepresentativeAccess access, IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<SaveMyProfileCommand, RepresentativeDto>
{
    public async ValueTask<RepresentativeDto> Handle(SaveMyProfileCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var profile = await access.FindMineAsync(cancellationToken);
        if (profile is null)
        {
            profile = new RepresentativeProfile(access.RequireOrganisation(), access.RequireSubject(), now);
            db.Set<RepresentativeProfile>().Add(profile);
        }

        if (command.ExpectedRevision is { } expected && expected != profile.Revision)
        {
            throw StaleRevision();
        }

        var d = command.Details;
        if (d.MentorProfileId is { } mentorId)
        {
            var organisationId = profile.OrganisationId;
            var mentorExists = await db.Set<RepresentativeProfile>()
                .AnyAsync(p => p.Id == mentorId && p.OrganisationId == organisationId && p.Kind == RepresentativeKind.Attorney, cancellationToken);
            if (!mentorExists)
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure("details.mentorProfileId",
                    "The mentor must be an attorney of your organisation.")]);
            }
        }

        profile.Update(d with
        {
            BarAdmissions = [.. (d.BarAdmissions ?? []).Select(b => b with { State = b.State.Trim().ToUpperInvariant() })],
            Languages = d.Languages ?? [],
            Courts = d.Courts ?? [],
            ReliefExperience = d.ReliefExperience ?? [],
            Unavailability = d.Unavailability ?? [],
        }, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw StaleRevision();
        }

        var active = await db.Set<Assignment>().CountAsync(a => a.RepresentativeId == profile.Id && a.EndedAtUtc == null, cancellationToken);
        return profile.ToDto(active);
    }

    private static BusinessRuleException StaleRevision() => new("StaleRevision",
        "The profile was changed since you read it (another tab or device). Reload it and apply your changes again.");
}
