using CounselConnect.Domain.Cases;

namespace CounselConnect.Application.Matching;

/// <summary>
/// Scores many case × representative pairs at once with the rules of <see cref="FitScorer"/>, without reasons: every
/// per-case and per-representative fact is computed once into arrays (court and language indices, relief points,
/// free-capacity and urgency points, the first unavailable day), so a pair costs a few array reads and no allocation.
/// The unit tests check it against <see cref="FitScorer.Evaluate"/> pair by pair; use <see cref="FitScorer"/> when the
/// reasons are wanted (ranking one case).
/// </summary>
public sealed class PairScorer
{
    private static readonly int ReliefKinds = Enum.GetValues<ReliefType>().Max(r => (int)r) + 1;
    private readonly IReadOnlyList<MatchCase> _cases;
    private readonly int _representatives;

    // Per case.
    private readonly int[] _court;
    private readonly int[] _language;
    private readonly bool[] _english;
    private readonly bool[] _detained;
    private readonly int[] _until;
    private readonly int[] _urgency;
    private readonly int[][] _relief;

    // Per representative.
    private readonly bool[] _open;
    private readonly bool[] _remote;
    private readonly bool[] _detainedDocket;
    private readonly bool[] _nonDetainedDocket;
    private readonly int[] _firstUnavailableDay;
    private readonly int[] _freePoints;

    // Per representative × court, language and relief (row-major by representative).
    private readonly bool[] _servesCourt;
    private readonly int[] _languagePoints;
    private readonly int[] _reliefPoints;
    private readonly int _courtCount;
    private readonly int _languageCount;

    public PairScorer(IReadOnlyList<MatchCase> cases, IReadOnlyList<MatchRepresentative> representatives, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(representatives);
        _cases = cases;
        _representatives = representatives.Count;
        var today = DateOnly.FromDateTime(nowUtc).DayNumber;

        // Courts and languages are compared exactly as FitScorer does (through each representative's own set and
        // dictionary), once per distinct value instead of once per pair.
        var courts = new Dictionary<string, int>(StringComparer.Ordinal);
        var languages = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = cases.Count;
        _court = new int[n];
        _language = new int[n];
        _english = new bool[n];
        _detained = new bool[n];
        _until = new int[n];
        _urgency = new int[n];
        _relief = new int[n][];
        for (var i = 0; i < n; i++)
        {
            var c = cases[i];
            _court[i] = IndexOf(courts, c.CourtCode);
            _language[i] = IndexOf(languages, c.PrimaryLanguage);
            _english[i] = string.Equals(c.PrimaryLanguage, "eng", StringComparison.OrdinalIgnoreCase);
            _detained[i] = c.Custody == CustodyStatus.Detained;
            _until[i] = DateOnly.FromDateTime(c.NextHearingUtc ?? nowUtc.AddDays(FitScorer.AvailabilityWindowWithoutHearingDays)).DayNumber;
            _urgency[i] = FitScorer.Urgency(c, nowUtc);
            _relief[i] = [.. c.ReliefSought.Select(r => (int)r)];
        }

        _courtCount = courts.Count;
        _languageCount = languages.Count;
        var m = representatives.Count;
        _open = new bool[m];
        _remote = new bool[m];
        _detainedDocket = new bool[m];
        _nonDetainedDocket = new bool[m];
        _firstUnavailableDay = new int[m];
        _freePoints = new int[m];
        _servesCourt = new bool[m * _courtCount];
        _languagePoints = new int[m * _languageCount];
        _reliefPoints = new int[m * ReliefKinds];
        for (var j = 0; j < m; j++)
        {
            var r = representatives[j];
            _open[j] = r.MayPractise && r.CapacityLeft > 0;
            _remote[j] = r.Remote;
            _detainedDocket[j] = r.DetainedDocket;
            _nonDetainedDocket[j] = r.NonDetainedDocket;
            _freePoints[j] = r.MaxActiveCases > 0 ? 20 * r.CapacityLeft / r.MaxActiveCases : 0;

            // A period blocks a case when it starts on or before the case's last day and has not ended by today:
            // the earliest start among the periods not yet over decides for every case.
            _firstUnavailableDay[j] = int.MaxValue;
            foreach (var p in r.Unavailability)
            {
                if (p.To.DayNumber >= today)
                {
                    _firstUnavailableDay[j] = Math.Min(_firstUnavailableDay[j], p.From.DayNumber);
                }
            }

            foreach (var (code, k) in courts)
            {
                _servesCourt[(j * _courtCount) + k] = r.Courts.Contains(code);
            }

            foreach (var (code, k) in languages)
            {
                _languagePoints[(j * _languageCount) + k] = r.Languages.TryGetValue(code, out var language) && language.Speaks
                    ? FitScorer.LanguagePoints(language.Proficiency)
                    : -1;
            }

            foreach (var (relief, level) in r.Relief)
            {
                _reliefPoints[(j * ReliefKinds) + (int)relief] = (int)level * 10;
            }
        }
    }

    public int CaseCount => _cases.Count;

    public int RepresentativeCount => _representatives;

    /// <summary>The fit score of a pair, or 0 when a hard constraint fails (feasible pairs score at least 1).</summary>
    public int Score(int i, int j, bool conflicted)
    {
        if (conflicted || !_open[j] || (!_remote[j] && !_servesCourt[(j * _courtCount) + _court[i]])
            || (_detained[i] ? !_detainedDocket[j] : !_nonDetainedDocket[j]) || _firstUnavailableDay[j] <= _until[i])
        {
            return 0;
        }

        var language = _languagePoints[(j * _languageCount) + _language[i]];
        var score = 1 + (language >= 0 ? language : _english[i] ? 30 : 0);
        var relief = _relief[i];
        if (relief.Length > 0)
        {
            var points = 0;
            var row = j * ReliefKinds;
            foreach (var r in relief)
            {
                points += _reliefPoints[row + r];
            }

            score += Math.Min(30, points / relief.Length);
        }

        return score + _freePoints[j] + _urgency[i];
    }

    /// <summary>
    /// Every feasible pair, case by case (representatives in index order), computed in parallel over cases.
    /// <paramref name="conflictedOf"/> gives the representative indices in conflict with a case (may be empty).
    /// </summary>
    public List<PlacementEdge> FeasiblePairs(Func<int, IReadOnlyCollection<int>> conflictedOf)
    {
        ArgumentNullException.ThrowIfNull(conflictedOf);
        var perCase = new PlacementEdge[_cases.Count][];
        Parallel.For(0, _cases.Count, () => new bool[_representatives], (i, _, blocked) =>
        {
            var conflicted = conflictedOf(i);
            foreach (var j in conflicted)
            {
                blocked[j] = true;
            }

            var edges = new List<PlacementEdge>();
            for (var j = 0; j < _representatives; j++)
            {
                var score = Score(i, j, blocked[j]);
                if (score > 0)
                {
                    edges.Add(new PlacementEdge(i, j, score));
                }
            }

            foreach (var j in conflicted)
            {
                blocked[j] = false;
            }

            perCase[i] = [.. edges];
            return blocked;
        }, _ => { });
        var all = new List<PlacementEdge>(perCase.Sum(e => e.Length));
        foreach (var edges in perCase)
        {
            all.AddRange(edges);
        }

        return all;
    }

    private static int IndexOf(Dictionary<string, int> index, string value)
    {
        if (!index.TryGetValue(value, out var k))
        {
            k = index.Count;
            index[value] = k;
        }

        return k;
    }
}
