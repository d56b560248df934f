namespace CounselConnect.Application.Common.Security;

/// <summary>The four roles of the product.</summary>
public static class Roles
{
    public const string IntakeStaff = nameof(IntakeStaff);
    public const string Attorney = nameof(Attorney);
    public const string ProgramManager = nameof(ProgramManager);
    public const string Administrator = nameof(Administrator);

    public static readonly IReadOnlyList<string> All = [IntakeStaff, Attorney, ProgramManager, Administrator];
}
