using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Hearings;
using CounselConnect.Domain.Reminders;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reminders.UpdateClientContact;

/// <summary>Sets how to reach the client of a case and their consent per channel; replans the case's reminders.</summary>
public sealed record UpdateClientContactCommand(Guid CaseId, string? Email, string? Phone, string? PreferredLanguage, string? TimeZone,
    bool EmailConsent, bool SmsConsent) : ICommand<ClientContactDto>;

/// <summary>
/// Contact details with consent and who recorded it. <see cref="ReminderLanguage"/> is the language the client's reminders go out
/// in: the preferred one when there are reminder texts in it, else English, and then <see cref="Notice"/> says so.
/// </summary>
public sealed record ClientContactDto(Guid Id, Guid CaseId, string? Email, string? Phone, string PreferredLanguage, string? TimeZone,
    bool EmailConsent, string? EmailConsentRecordedBy, DateTime? EmailConsentRecordedAtUtc,
    bool SmsConsent, string? SmsConsentRecordedBy, DateTime? SmsConsentRecordedAtUtc, string ReminderLanguage, string? Notice);

public sealed class UpdateClientContactValidator : AbstractValidator<UpdateClientContactCommand>
{
    public UpdateClientContactValidator()
    {
        RuleFor(c => c.Email).EmailAddress().MaximumLength(ClientContact.EmailMaxLength).When(c => !string.IsNullOrWhiteSpace(c.Email));
        RuleFor(c => c.Phone).Matches(@"^\+[1-9][0-9]{6,14}$").When(c => !string.IsNullOrWhiteSpace(c.Phone))
            .WithMessage("Use E.164, e.g. +12125550100.");
        // Any three letters, as at intake: ISO 639-3 has about 7,900 codes and immigration courts hear 300 languages a
        // year, many of them (Ixil, Kaqchikel, ...) unknown to the platform's cultures. A code this service does not know
        // is kept, and the answer's notice asks to check it (ReminderLanguages.FallbackNotice).
        RuleFor(c => c.PreferredLanguage).NotEmpty().Matches("^[a-zA-Z]{3}$").WithMessage("Use an ISO 639-3 code, e.g. spa.");
        RuleFor(c => c.TimeZone).MaximumLength(64);
    }
}

public sealed class UpdateClientContactHandler(ICaseAccess access, IApplicationDbContext db, IAuditTrail audit, ReminderPlanner planner, TimeProvider clock)
    : ICommandHandler<UpdateClientContactCommand, ClientContactDto>
{
    public async ValueTask<ClientContactDto> Handle(UpdateClientContactCommand command, CancellationToken cancellationToken)
    {
        var @case = await access.GetCaseAsync(command.CaseId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var contact = await db.Set<ClientContact>().FirstOrDefaultAsync(c => c.CaseId == @case.Id, cancellationToken);
        if (contact is null)
        {
            contact = ClientContact.Create(@case.Id, @case.OrganisationId, now);
            db.Set<ClientContact>().Add(contact);
        }

        contact.Update(command.Email, command.Phone, command.PreferredLanguage!, string.IsNullOrWhiteSpace(command.TimeZone) ? null : command.TimeZone.Trim(),
            command.EmailConsent, command.SmsConsent, access.Actor, now);
        audit.Record("client-contact.update", "Case", @case.Id, "contact");
        await db.SaveChangesAsync(cancellationToken);
        await planner.ReplanCaseAsync(@case.Id, cancellationToken);
        return new ClientContactDto(contact.Id, contact.CaseId, contact.Email, contact.Phone, contact.PreferredLanguage, contact.TimeZoneId,
            contact.EmailConsent, contact.EmailConsentRecordedBy, contact.EmailConsentRecordedAtUtc,
            contact.SmsConsent, contact.SmsConsentRecordedBy, contact.SmsConsentRecordedAtUtc,
            ReminderTemplates.Resolve(contact.PreferredLanguage), ReminderLanguages.FallbackNotice(contact.PreferredLanguage));
    }
}
