using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ReportsFunderTagCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseClosingFundingSources_Tag",
                table: "CaseClosingFundingSources");

            migrationBuilder.AddColumn<int>(
                name: "ReportSuppressionThreshold",
                table: "Organisations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosingCode",
                table: "CaseClosingFundingSources",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DecisionDate",
                table: "CaseClosingFundingSources",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OrganisationId",
                table: "CaseClosingFundingSources",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Existing tags take their closing's organisation, closing code and decision date.
            migrationBuilder.Sql(
                "UPDATE \"CaseClosingFundingSources\" SET " +
                "\"OrganisationId\" = (SELECT c.\"OrganisationId\" FROM \"CaseClosings\" c WHERE c.\"CaseId\" = \"CaseClosingFundingSources\".\"CaseId\"), " +
                "\"ClosingCode\" = (SELECT c.\"ClosingCode\" FROM \"CaseClosings\" c WHERE c.\"CaseId\" = \"CaseClosingFundingSources\".\"CaseId\"), " +
                "\"DecisionDate\" = (SELECT c.\"DecisionDate\" FROM \"CaseClosings\" c WHERE c.\"CaseId\" = \"CaseClosingFundingSources\".\"CaseId\");");

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosingFundingSources_Org_Tag_Code_Decision",
                table: "CaseClosingFundingSources",
                columns: new[] { "OrganisationId", "Tag", "ClosingCode", "DecisionDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseClosingFundingSources_Org_Tag_Code_Decision",
                table: "CaseClosingFundingSources");

            migrationBuilder.DropColumn(
                name: "ReportSuppressionThreshold",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "ClosingCode",
                table: "CaseClosingFundingSources");

            migrationBuilder.DropColumn(
                name: "DecisionDate",
                table: "CaseClosingFundingSources");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "CaseClosingFundingSources");

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosingFundingSources_Tag",
                table: "CaseClosingFundingSources",
                column: "Tag");
        }
    }
}
