namespace CxoneSimulator;

/// <summary>What a status change through the API did.</summary>
internal enum TransitionOutcome { Applied, NotFound, Conflict }

/// <summary>The tenant's campaigns, kept in id order so pages are stable.</summary>
internal sealed class CampaignBook
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, CampaignEntity> _byId = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    public IReadOnlyList<CampaignEntity> Snapshot()
    {
        lock (_gate)
        {
            return [.. _byId.Values];
        }
    }

    public CampaignEntity? Get(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public void Upsert(CampaignEntity campaign)
    {
        lock (_gate)
        {
            _byId[campaign.Id] = campaign;
        }
    }

    public void AddRange(IEnumerable<CampaignEntity> campaigns)
    {
        lock (_gate)
        {
            foreach (var campaign in campaigns)
            {
                _byId[campaign.Id] = campaign;
            }
        }
    }

    public void Replace(IEnumerable<CampaignEntity> campaigns)
    {
        lock (_gate)
        {
            _byId.Clear();
            foreach (var campaign in campaigns)
            {
                _byId[campaign.Id] = campaign;
            }
        }
    }

    public bool Delete(string id)
    {
        lock (_gate)
        {
            return _byId.Remove(id);
        }
    }

    /// <summary>A person's change from the admin console: any status, no transition rules.</summary>
    public CampaignEntity? SetStatus(string id, string status)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var campaign))
            {
                return null;
            }

            return _byId[id] = campaign with { Status = status };
        }
    }

    public (IReadOnlyList<CampaignEntity> Entities, int Total) ReadPage(int page, int pageSize)
    {
        lock (_gate)
        {
            var skip = (long)(page - 1) * pageSize;
            var entities = skip >= _byId.Count ? [] : _byId.Values.Skip((int)skip).Take(pageSize).ToArray();
            return (entities, _byId.Count);
        }
    }

    /// <summary>The API's transition: only running ⇄ paused, and never to the status it already has.</summary>
    public (TransitionOutcome Outcome, CampaignEntity? Campaign) Transition(string id, string target)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var campaign))
            {
                return (TransitionOutcome.NotFound, null);
            }

            var movable = campaign.Status is CampaignEntity.Running or CampaignEntity.Paused;
            if (!movable || campaign.Status == target)
            {
                return (TransitionOutcome.Conflict, campaign);
            }

            return (TransitionOutcome.Applied, _byId[id] = campaign with { Status = target });
        }
    }
}
