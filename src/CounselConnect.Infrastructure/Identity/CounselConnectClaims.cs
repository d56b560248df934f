namespace CounselConnect.Infrastructure.Identity;

/// <summary>Claim types that CounselConnect adds to tokens and cookies.</summary>
public static class CounselConnectClaims
{
    public const string OrganisationId = "cc_org";
    public const string OfficeId = "cc_office";
}
