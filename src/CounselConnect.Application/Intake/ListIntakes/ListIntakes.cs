using CounselConnect.Application.Common;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Hearings;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CounselConnect.Application.Intake.ListIntakes;

/// <summary>The intake queue: cases of the caller's office (or organisation), without personal data.</summary>
/// <param name="Reference">Part of a case reference to search for (references carry no personal data).</param>
public sealed record ListIntakesQuery(CaseStatus? Status, int Page = 1, int PageSize = 25, string Sort = "-createdAt", string? Reference = null) : IQuery<PagedList<IntakeSummary>>;

/// <param name="NextHearingTimeZone">
/// The court's IANA time zone of the next hearing (from its hearing record), to show <paramref name="NextHearingAtUtc"/>
/// in the court's local time; null when no scheduled hearing record holds that time (cases recorded before hearings were).
/// </param>
public sealed record IntakeSummary(
    Guid Id,
    string Reference,
    CaseStatus Status,
    CustodyStatus Custody,
    string CourtCode,
    DateTime? NextHearingAtUtc,
    string? NextHearingTimeZone,
    string PrimaryLanguage,
    int PendingDecisions,
    DateTime CreatedAtUtc);

public sealed class ListIntakesValidator : AbstractValidator<ListIntakesQuery>
{
    public static readonly string[] Sorts = ["createdAt", "-createdAt", "nextHearing", "-nextHearing", "reference", "-reference"];

    public ListIntakesValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, Paging.MaxPage); // bounded, so page × size never overflows
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
        RuleFor(q => q.Sort).Must(s => Sorts.Contains(s)).WithMessage($"Sort by one of: {string.Join(", ", Sorts)}.");
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Reference).MaximumLength(40).Matches("^[A-Za-z0-9-]*$").WithMessage("Search by letters, digits and hyphens of a case reference.");
    }
}

/// <summary>Settings of the intake list (section <c>IntakeList</c>).</summary>
public sealed class IntakeListOptions
{
    public const string Section = "IntakeList";

    /// <summary>
    /// How many cases past the start of the requested page are counted. Beyond that the list reports "more than" the
    /// counted total (<see cref="PagedList{T}.TotalIsLowerBound"/>), so the count of a page grows with how deep the
    /// page is, not with the number of cases the organisation has ever had.
    /// </summary>
    public int CountWindow { get; set; } = 1_000;
}

public sealed class ListIntakesHandler(IntakeAccess access, Common.Interfaces.IApplicationDbContext db, IOptions<IntakeListOptions> options)
    : IQueryHandler<ListIntakesQuery, PagedList<IntakeSummary>>
{
    public async ValueTask<PagedList<IntakeSummary>> Handle(ListIntakesQuery query, CancellationToken cancellationToken)
    {
        var cases = access.VisibleCases().AsNoTracking();
        if (query.Status is { } status)
        {
            cases = cases.Where(c => c.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Reference))
        {
            var reference = query.Reference.Trim().ToUpperInvariant();
            cases = cases.Where(c => c.Reference.Contains(reference));
        }

        cases = query.Sort switch
        {
            "createdAt" => cases.OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id),
            "nextHearing" => cases.OrderBy(c => c.NextHearingUtc == null).ThenBy(c => c.NextHearingUtc).ThenBy(c => c.Id),
            "-nextHearing" => cases.OrderByDescending(c => c.NextHearingUtc).ThenBy(c => c.Id),
            "reference" => cases.OrderBy(c => c.Reference),
            "-reference" => cases.OrderByDescending(c => c.Reference),
            _ => cases.OrderByDescending(c => c.CreatedAtUtc).ThenBy(c => c.Id),
        };
        // The total is counted up to a window of whole pages past this page's start (in the page's order, so the
        // database stops early on the queue's index): exact for every list up to that size, "more than" beyond it.
        // Whole pages, so that "more than TotalCount items" also means "more than TotalPages pages".
        var skip = (query.Page - 1) * query.PageSize;
        var windowPages = Math.Max(1, (options.Value.CountWindow + query.PageSize - 1) / query.PageSize);
        var countLimit = skip + (windowPages * query.PageSize);
        var counted = await cases.Take(countLimit + 1).CountAsync(cancellationToken);
        var totalIsLowerBound = counted > countLimit;
        var total = Math.Min(counted, countLimit);

        var checks = db.Set<ConflictCheck>();
        var hearings = db.Set<Hearing>();
        // The next hearing's zone in the same query, from the scheduled hearing at the case's next hearing time (one
        // lookup per row of the page on the hearings' (CaseId, ScheduledAtUtc) index).
        var items = await cases
            .Skip(skip)
            .Take(query.PageSize)
            .Select(c => new IntakeSummary(c.Id, c.Reference, c.Status, c.Custody, c.CourtCode, c.NextHearingUtc,
                hearings.Where(h => h.CaseId == c.Id && h.ScheduledAtUtc == c.NextHearingUtc && h.Status == HearingStatus.Scheduled)
                    .Select(h => h.TimeZoneId).FirstOrDefault(),
                c.PrimaryLanguage,
                checks.Where(k => k.CaseId == c.Id).SelectMany(k => k.Matches).Count(m => m.Decision == MatchDecision.Pending),
                c.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        return new PagedList<IntakeSummary>(items, query.Page, query.PageSize, total, totalIsLowerBound);
    }
}
