using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Reminders;

/// <summary>
/// How to reach the client of a case, and their consent per channel (who recorded it and when). Reminders go to a
/// client only on a channel with consent. One per case.
/// </summary>
public sealed class ClientContact : Entity
{
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 20;

    private ClientContact()
    {
        PreferredLanguage = "eng";
    }

    public Guid CaseId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public string? Email { get; private set; }

    /// <summary>E.164, e.g. +12125550100.</summary>
    public string? Phone { get; private set; }

    /// <summary>ISO 639-3.</summary>
    public string PreferredLanguage { get; private set; }

    /// <summary>IANA zone of the client (for quiet hours); null means the court's zone.</summary>
    public string? TimeZoneId { get; private set; }

    public bool EmailConsent { get; private set; }

    public string? EmailConsentRecordedBy { get; private set; }

    public DateTime? EmailConsentRecordedAtUtc { get; private set; }

    public bool SmsConsent { get; private set; }

    public string? SmsConsentRecordedBy { get; private set; }

    public DateTime? SmsConsentRecordedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Restores the email and phone after they were decrypted on load (persistence only).</summary>
    public void RestoreContactDetails(string? email, string? phone)
    {
        Email = email;
        Phone = phone;
    }

    public static ClientContact Create(Guid caseId, Guid organisationId, DateTime nowUtc)
    {
        CheckRule(caseId == Guid.Empty, "ClientContactCaseRequired", "Client contact details belong to a case.");
        return new ClientContact { CaseId = caseId, OrganisationId = organisationId, UpdatedAtUtc = nowUtc };
    }

    /// <summary>Replaces the details; consent changes record who and when. Consent needs an address on that channel.</summary>
    public void Update(string? email, string? phone, string preferredLanguage, string? timeZoneId, bool emailConsent, bool smsConsent,
        string recordedBy, DateTime nowUtc)
    {
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        CheckRule(emailConsent && email is null, "EmailConsentNeedsAddress", "Consent to email needs an email address.");
        CheckRule(smsConsent && phone is null, "SmsConsentNeedsPhone", "Consent to text messages needs a phone number.");
        CheckRule(timeZoneId is not null && (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) || !zone.HasIanaId),
            "ClientTimeZoneUnknown", "Give the time zone as an IANA id, e.g. America/New_York.");
        Email = email;
        Phone = phone;
        PreferredLanguage = preferredLanguage.Trim().ToLowerInvariant();
        TimeZoneId = timeZoneId;
        if (emailConsent != EmailConsent || (emailConsent && EmailConsentRecordedAtUtc is null))
        {
            EmailConsent = emailConsent;
            EmailConsentRecordedBy = recordedBy;
            EmailConsentRecordedAtUtc = nowUtc;
        }

        if (smsConsent != SmsConsent || (smsConsent && SmsConsentRecordedAtUtc is null))
        {
            SmsConsent = smsConsent;
            SmsConsentRecordedBy = recordedBy;
            SmsConsentRecordedAtUtc = nowUtc;
        }

        UpdatedAtUtc = nowUtc;
    }
}
