namespace CounselConnect.Application.Reminders;

/// <summary>Queues replanning in the background (jobs carry ids only); replanning is idempotent.</summary>
public interface IReminderReplanQueue
{
    void ReplanCase(Guid caseId);

    /// <summary>Every case of the organisation with a scheduled hearing or a judge-set deadline (after a schedule change).</summary>
    void ReplanOrganisation(Guid organisationId);
}
