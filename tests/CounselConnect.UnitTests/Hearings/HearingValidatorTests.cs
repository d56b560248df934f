using CounselConnect.Application.Hearings.EnterJudgeSetDeadline;

namespace CounselConnect.UnitTests.Hearings;

/// <summary>A missing date is an error at its field, never an exception from a later rule that reads the date.</summary>
public sealed class HearingValidatorTests
{
    [Fact]
    public void A_deadline_without_a_due_date_is_an_error_at_the_due_date()
    {
        var result = new EnterJudgeSetDeadlineValidator(TimeProvider.System)
            .Validate(new EnterJudgeSetDeadlineCommand(Guid.NewGuid(), null, "Brief due", null));

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(EnterJudgeSetDeadlineCommand.DueDate));
    }

    [Fact]
    public void The_deadline_horizon_message_is_a_literal_naming_the_horizon()
    {
        // Pages translate by the message text, so it is written out; it must change with the constant.
        Assert.Contains($"at most {CounselConnect.Application.Hearings.HearingInputRules.HorizonYears} years", EnterJudgeSetDeadlineValidator.TooFarMessage, StringComparison.Ordinal);
    }
}
