using CounselConnect.Application.Common;
using CounselConnect.Application.Representatives;
using CounselConnect.Application.Representatives.GetMyProfile;
using CounselConnect.Application.Representatives.ListRepresentatives;
using CounselConnect.Application.Representatives.SaveMyProfile;
using CounselConnect.Domain.Representatives;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Representative profiles: attorneys and accredited representatives edit their own; managers see all.</summary>
public sealed class Representatives : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/representatives").WithTags("Representatives").NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/me", GetMine).WithName("GetMyRepresentativeProfile").WithSummary("Your own representative profile")
            .RequireAuthorization(Policies.Attorney).ProducesProblem(404);
        group.MapPut("/me", SaveMine).WithName("SaveMyRepresentativeProfile").WithSummary("Create or replace your own representative profile")
            .RequireAuthorization(Policies.Attorney).ProducesProblem(409);
        group.MapGet("/", List).WithName("ListRepresentatives").WithSummary("All representative profiles of your organisation, paged")
            .RequireAuthorization(Policies.ProgramManager);
    }

    private static async Task<Ok<RepresentativeDto>> GetMine(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMyProfileQuery(), ct));

    /// <summary>An <c>If-Match</c> header with the profile's revision (as returned in <c>revision</c> and <c>ETag</c>) makes the write conditional: 409 when stale.</summary>
    private static async Task<Ok<RepresentativeDto>> SaveMine(RepresentativeDetails details, HttpContext http, ISender sender, CancellationToken ct)
    {
        int? expected = null;
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0)
        {
            if (!int.TryParse(ifMatch.Trim().Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision))
            {
                throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("ifMatch",
                    "Send the profile's revision as the If-Match header, e.g. \"3\".")]);
            }

            expected = revision;
        }

        var saved = await sender.Send(new SaveMyProfileCommand(details, expected), ct);
        http.Response.Headers.ETag = $"\"{saved.Revision}\"";
        return TypedResults.Ok(saved);
    }

    private static async Task<Ok<PagedList<RepresentativeDto>>> List(ISender sender, CancellationToken ct, int page = 1, int pageSize = 25,
        string? court = null, string? language = null) =>
        TypedResults.Ok(await sender.Send(new ListRepresentativesQuery(page, pageSize, court, language), ct));
}
