namespace CounselConnect.Application.Common.Interfaces;

/// <summary>Queues background work. Jobs carry ids only, never personal data.</summary>
public interface IJobScheduler
{
    void EnqueuePartyImport(Guid importId);
}
