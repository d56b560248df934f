using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class MatchingRemindersOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseClosings",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OfficeId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    IntakeDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CounselAssignedDate = table.Column<DateOnly>(type: "date", nullable: true),
                    FirstHearingWithCounselDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DaysToCounsel = table.Column<int>(type: "int", nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    OutcomeGroup = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ReliefGranted = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: true),
                    InAbsentia = table.Column<bool>(type: "bit", nullable: false),
                    ClosingCode = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: true),
                    RepresentativeType = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    AttorneyId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Nationality = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: true),
                    Custody = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CourtCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    PrimaryLanguage = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    PrimaryReliefSought = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: true),
                    RecordedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseClosings", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_CaseClosings_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClientContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    PreferredLanguage = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    TimeZoneId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    EmailConsent = table.Column<bool>(type: "bit", nullable: false),
                    EmailConsentRecordedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    EmailConsentRecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SmsConsent = table.Column<bool>(type: "bit", nullable: false),
                    SmsConsentRecordedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    SmsConsentRecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientContacts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Hearings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ScheduledAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TimeZoneId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CourtCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Location = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Appearance = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    InterpreterLanguage = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Hearings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Hearings_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JudgeSetDeadlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Description = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    EnteredBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EnteredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    HearingDate = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudgeSetDeadlines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JudgeSetDeadlines_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlacementProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    UnplacedCaseIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EditedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConfirmedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Placements = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlacementProposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Reminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TargetKind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    TargetId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TargetKey = table.Column<string>(type: "nvarchar(160)", maxLength: 160, nullable: false),
                    OffsetDays = table.Column<int>(type: "int", nullable: false),
                    RecipientKind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RecipientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Language = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    EventAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Label = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ScheduledForUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    ClaimedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    ClaimedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClaimToken = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ProviderMessageId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CancelledAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reminders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReminderSchedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AttorneyHearingOffsets = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    AttorneyDeadlineOffsets = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ClientHearingOffsets = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    QuietHoursStart = table.Column<TimeOnly>(type: "time", nullable: false),
                    QuietHoursEnd = table.Column<TimeOnly>(type: "time", nullable: false),
                    DeadlineReminderTime = table.Column<TimeOnly>(type: "time", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderSchedules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RepresentativeProfiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserSubject = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RecognisedOrganisation = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AccreditationExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EoirId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Courts = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Remote = table.Column<bool>(type: "bit", nullable: false),
                    DetainedDocket = table.Column<bool>(type: "bit", nullable: false),
                    NonDetainedDocket = table.Column<bool>(type: "bit", nullable: false),
                    MaxActiveCases = table.Column<int>(type: "int", nullable: false),
                    HoursPerMonth = table.Column<int>(type: "int", nullable: false),
                    MentorProfileId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    BarAdmissions = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Languages = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ReliefExperience = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Unavailability = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepresentativeProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseClosingFundingSources",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Tag = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseClosingFundingSources", x => new { x.CaseId, x.Tag });
                    table.ForeignKey(
                        name: "FK_CaseClosingFundingSources_CaseClosings_CaseId",
                        column: x => x.CaseId,
                        principalTable: "CaseClosings",
                        principalColumn: "CaseId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HearingChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HearingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    PreviousAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PreviousTimeZoneId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PreviousLocation = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    PreviousAppearance = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    NewAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ChangedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HearingChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HearingChanges_Hearings_HearingId",
                        column: x => x.HearingId,
                        principalTable: "Hearings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RepresentativeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Method = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    AttestedNoConflict = table.Column<bool>(type: "bit", nullable: false),
                    AssignedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    AssignedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EndedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    EndKind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    EndReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assignments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assignments_RepresentativeProfiles_RepresentativeId",
                        column: x => x.RepresentativeId,
                        principalTable: "RepresentativeProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartyNameDisclosures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RepresentativeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DisclosedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartyNameDisclosures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartyNameDisclosures_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartyNameDisclosures_RepresentativeProfiles_RepresentativeId",
                        column: x => x.RepresentativeId,
                        principalTable: "RepresentativeProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_CaseId_Active",
                table: "Assignments",
                column: "CaseId",
                unique: true,
                filter: "\"EndedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_CaseId_AssignedAtUtc",
                table: "Assignments",
                columns: new[] { "CaseId", "AssignedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_RepresentativeId_EndedAtUtc",
                table: "Assignments",
                columns: new[] { "RepresentativeId", "EndedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosingFundingSources_Tag",
                table: "CaseClosingFundingSources",
                column: "Tag");

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Attorney",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "AttorneyId", "CounselAssignedDate", "DecisionDate" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Court_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "CourtCode", "DecisionDate", "OutcomeGroup" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Custody_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "Custody", "DecisionDate", "OutcomeGroup" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Custody_Intake",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "Custody", "DaysToCounsel", "IntakeDate", "RepresentativeType" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Language_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "PrimaryLanguage", "DecisionDate", "OutcomeGroup" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Nationality_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "Nationality", "DecisionDate", "OutcomeGroup" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Relief_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "PrimaryReliefSought", "DecisionDate", "OutcomeGroup" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Representative_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "RepresentativeType", "DecisionDate", "OutcomeGroup" });

            migrationBuilder.CreateIndex(
                name: "IX_ClientContacts_CaseId",
                table: "ClientContacts",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HearingChanges_HearingId_Version",
                table: "HearingChanges",
                columns: new[] { "HearingId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Hearings_CaseId_ScheduledAtUtc",
                table: "Hearings",
                columns: new[] { "CaseId", "ScheduledAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Hearings_OrganisationId_Status_ScheduledAtUtc",
                table: "Hearings",
                columns: new[] { "OrganisationId", "Status", "ScheduledAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_JudgeSetDeadlines_CaseId",
                table: "JudgeSetDeadlines",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PartyNameDisclosures_CaseId_RepresentativeId",
                table: "PartyNameDisclosures",
                columns: new[] { "CaseId", "RepresentativeId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyNameDisclosures_RepresentativeId",
                table: "PartyNameDisclosures",
                column: "RepresentativeId");

            migrationBuilder.CreateIndex(
                name: "IX_PlacementProposals_OrganisationId_CreatedAtUtc",
                table: "PlacementProposals",
                columns: new[] { "OrganisationId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_CaseId",
                table: "Reminders",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_ClaimToken",
                table: "Reminders",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_OrganisationId_Status",
                table: "Reminders",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_Status_NextAttemptAtUtc",
                table: "Reminders",
                columns: new[] { "Status", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_TargetKey_OffsetDays_RecipientKind_RecipientId_Channel",
                table: "Reminders",
                columns: new[] { "TargetKey", "OffsetDays", "RecipientKind", "RecipientId", "Channel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderSchedules_OrganisationId",
                table: "ReminderSchedules",
                column: "OrganisationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeProfiles_OrganisationId",
                table: "RepresentativeProfiles",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeProfiles_UserSubject",
                table: "RepresentativeProfiles",
                column: "UserSubject",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Assignments");

            migrationBuilder.DropTable(
                name: "CaseClosingFundingSources");

            migrationBuilder.DropTable(
                name: "ClientContacts");

            migrationBuilder.DropTable(
                name: "HearingChanges");

            migrationBuilder.DropTable(
                name: "JudgeSetDeadlines");

            migrationBuilder.DropTable(
                name: "PartyNameDisclosures");

            migrationBuilder.DropTable(
                name: "PlacementProposals");

            migrationBuilder.DropTable(
                name: "Reminders");

            migrationBuilder.DropTable(
                name: "ReminderSchedules");

            migrationBuilder.DropTable(
                name: "CaseClosings");

            migrationBuilder.DropTable(
                name: "Hearings");

            migrationBuilder.DropTable(
                name: "RepresentativeProfiles");
        }
    }
}
