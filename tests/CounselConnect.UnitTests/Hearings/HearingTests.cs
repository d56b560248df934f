using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Hearings;

namespace CounselConnect.UnitTests.Hearings;

public sealed class HearingTests
{
    private static readonly DateTime Now = new(2027, 1, 4, 12, 0, 0, DateTimeKind.Utc);

    private static Hearing NewHearing() => Hearing.Schedule(Guid.NewGuid(), Guid.NewGuid(), HearingType.MasterCalendar,
        new DateTime(2027, 2, 1, 14, 0, 0, DateTimeKind.Utc), "America/New_York", "nyc", "Varick Street", AppearanceMode.InPerson, "SPA", "u1", Now);

    [Fact]
    public void Hearing_keeps_utc_and_court_zone_and_shows_local_time()
    {
        var hearing = NewHearing();
        Assert.Equal(new DateTime(2027, 2, 1, 9, 0, 0), hearing.LocalTime);
        Assert.Equal("NYC", hearing.CourtCode);
        Assert.Equal("spa", hearing.InterpreterLanguage);
        Assert.Equal(1, hearing.Version);
    }

    [Fact]
    public void Rescheduling_records_the_previous_values_and_bumps_the_version()
    {
        var hearing = NewHearing();
        var change = hearing.Reschedule(new DateTime(2027, 3, 1, 19, 0, 0, DateTimeKind.Utc), "America/Chicago", "Remote", AppearanceMode.Remote,
            "Continuance", "u2", Now);
        Assert.Equal(HearingChangeKind.Rescheduled, change.Kind);
        Assert.Equal(new DateTime(2027, 2, 1, 14, 0, 0), change.PreviousAtUtc);
        Assert.Equal("America/New_York", change.PreviousTimeZoneId);
        Assert.Equal("Varick Street", change.PreviousLocation);
        Assert.Equal(2, change.Version);
        Assert.Equal(2, hearing.Version);
        Assert.Equal(new DateTime(2027, 3, 1, 13, 0, 0), hearing.LocalTime);
        Assert.Equal(AppearanceMode.Remote, hearing.Appearance);
    }

    [Fact]
    public void A_cancelled_hearing_cannot_be_rescheduled_or_cancelled_again()
    {
        var hearing = NewHearing();
        var change = hearing.Cancel("Case terminated", "u1", Now);
        Assert.Equal(HearingChangeKind.Cancelled, change.Kind);
        Assert.Equal(HearingStatus.Cancelled, hearing.Status);
        Assert.Equal("HearingCancelled", Assert.Throws<BusinessRuleException>(() =>
            hearing.Reschedule(Now.AddDays(40), null, null, null, null, "u1", Now)).Rule);
        Assert.Equal("HearingCancelled", Assert.Throws<BusinessRuleException>(() => hearing.Cancel(null, "u1", Now)).Rule);
    }

    [Theory]
    [InlineData("Eastern Standard Time")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    public void A_hearing_needs_an_IANA_time_zone(string zone)
    {
        var ex = Assert.Throws<BusinessRuleException>(() => Hearing.Schedule(Guid.NewGuid(), Guid.NewGuid(), HearingType.Individual, Now.AddDays(5), zone,
            "NYC", null, AppearanceMode.InPerson, null, "u1", Now));
        Assert.Equal("HearingTimeZoneUnknown", ex.Rule);
    }

    [Fact]
    public void A_hearing_in_the_past_is_refused()
    {
        var ex = Assert.Throws<BusinessRuleException>(() => Hearing.Schedule(Guid.NewGuid(), Guid.NewGuid(), HearingType.Individual, Now.AddMinutes(-1),
            "America/New_York", "NYC", null, AppearanceMode.InPerson, null, "u1", Now));
        Assert.Equal("HearingInThePast", ex.Rule);
    }
}
