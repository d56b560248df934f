using CounselConnect.Domain.Common;
using CounselConnect.Domain.Deadlines;

namespace CounselConnect.UnitTests.Deadlines;

public sealed class JudgeSetDeadlineTests
{
    private static readonly Guid CaseId = Guid.NewGuid();
    private static readonly Guid UserId = Guid.NewGuid();
    private static readonly DateTimeOffset EnteredAt = new(2025, 5, 2, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Entering_a_judge_set_deadline_keeps_who_entered_it_and_when()
    {
        var deadline = JudgeSetDeadline.Enter(CaseId, D.Of("2025-05-20"), "  Evidence per scheduling order ", UserId, EnteredAt, D.Of("2025-06-03"));

        Assert.Equal(CaseId, deadline.CaseId);
        Assert.Equal(D.Of("2025-05-20"), deadline.DueDate);
        Assert.Equal("Evidence per scheduling order", deadline.Description);
        Assert.Equal(UserId, deadline.EnteredBy);
        Assert.Equal(EnteredAt, deadline.EnteredAt);
        Assert.Equal(D.Of("2025-06-03"), deadline.HearingDate);
        Assert.NotEqual(Guid.Empty, deadline.Id);
    }

    [Fact]
    public void A_judge_set_date_on_a_business_day_stands()
    {
        var resolved = JudgeSetDeadline.Enter(CaseId, D.Of("2025-05-20"), "Brief", UserId, EnteredAt).Resolve();

        Assert.Equal(JudgeSetDeadline.RuleId, resolved.RuleId);
        Assert.Equal(D.Of("2025-05-20"), resolved.DueDate);
        Assert.False(resolved.WasRolled);
        Assert.Null(resolved.Amount);
    }

    [Fact]
    public void A_judge_set_date_on_Memorial_Day_moves_to_the_next_business_day()
    {
        var resolved = JudgeSetDeadline.Enter(CaseId, D.Of("2025-05-26"), "Brief", UserId, EnteredAt).Resolve();

        Assert.Equal(D.Of("2025-05-26"), resolved.UnrolledDate);
        Assert.Equal(D.Of("2025-05-27"), resolved.DueDate);
        Assert.Equal("Memorial Day", resolved.ClosureReason);
        Assert.Contains("next business day", resolved.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "JudgeSetDeadlineDescriptionRequired")]
    [InlineData("   ", "JudgeSetDeadlineDescriptionRequired")]
    public void A_description_is_required(string description, string rule)
    {
        var ex = Assert.Throws<BusinessRuleException>(() => JudgeSetDeadline.Enter(CaseId, D.Of("2025-05-20"), description, UserId, EnteredAt));

        Assert.Equal(rule, ex.Rule);
    }

    [Fact]
    public void An_overlong_description_is_refused()
    {
        var ex = Assert.Throws<BusinessRuleException>(() =>
            JudgeSetDeadline.Enter(CaseId, D.Of("2025-05-20"), new string('x', JudgeSetDeadline.DescriptionMaxLength + 1), UserId, EnteredAt));

        Assert.Equal("JudgeSetDeadlineDescriptionTooLong", ex.Rule);
    }

    [Fact]
    public void The_case_and_the_user_who_entered_it_are_required()
    {
        Assert.Equal(
            "JudgeSetDeadlineCaseRequired",
            Assert.Throws<BusinessRuleException>(() => JudgeSetDeadline.Enter(Guid.Empty, D.Of("2025-05-20"), "Brief", UserId, EnteredAt)).Rule);
        Assert.Equal(
            "JudgeSetDeadlineEnteredByRequired",
            Assert.Throws<BusinessRuleException>(() => JudgeSetDeadline.Enter(CaseId, D.Of("2025-05-20"), "Brief", Guid.Empty, EnteredAt)).Rule);
    }

    [Fact]
    public void The_same_deadline_key_ignores_case_and_spaces_around_the_description_but_not_the_case_date_or_words()
    {
        var key = JudgeSetDeadline.Enter(CaseId, D.Of("2025-05-20"), "Evidence per scheduling order", UserId, EnteredAt).SameDeadlineKey();

        Assert.Equal(key, JudgeSetDeadline.Enter(CaseId, D.Of("2025-05-20"), "  EVIDENCE per Scheduling Order ", Guid.NewGuid(), EnteredAt.AddDays(1)).SameDeadlineKey());
        Assert.Equal(key, JudgeSetDeadline.SameDeadlineKey(CaseId, D.Of("2025-05-20"), "evidence per scheduling order"));
        Assert.NotEqual(key, JudgeSetDeadline.SameDeadlineKey(Guid.NewGuid(), D.Of("2025-05-20"), "Evidence per scheduling order"));
        Assert.NotEqual(key, JudgeSetDeadline.SameDeadlineKey(CaseId, D.Of("2025-05-21"), "Evidence per scheduling order"));
        Assert.NotEqual(key, JudgeSetDeadline.SameDeadlineKey(CaseId, D.Of("2025-05-20"), "Evidence per scheduling orders"));
    }
}
