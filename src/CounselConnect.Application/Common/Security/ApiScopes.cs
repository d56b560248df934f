namespace CounselConnect.Application.Common.Security;

/// <summary>
/// OAuth scopes granted to integration clients (client credentials). Each scope stands in for the role whose
/// API it opens, so a script never needs a person's account.
/// </summary>
public static class ApiScopes
{
    public const string Intake = "cc.intake";
    public const string Imports = "cc.imports";
    public const string Cases = "cc.cases";
    public const string Reports = "cc.reports";
    public const string Admin = "cc.admin";

    public static readonly IReadOnlyList<string> All = [Intake, Imports, Cases, Reports, Admin];
}
