namespace CounselConnect.Application.Common.Interfaces;

/// <summary>Loads the data keys of many parties in one query before they are read in bulk.</summary>
public interface IKeyRingPreloader
{
    Task PreloadForPartiesAsync(IReadOnlyCollection<Guid> partyIds, CancellationToken ct);
}
