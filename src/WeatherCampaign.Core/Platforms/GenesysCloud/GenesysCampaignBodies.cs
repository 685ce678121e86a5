using System.Collections.Concurrent;

namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>
/// The campaign bodies of the last complete listing (and of reads and changes since), so that a change PUTs straight from
/// what was listed: one request per change. Bounded by <see cref="GenesysCloudOptions.CachedCampaigns"/> and replaced by
/// each listing; a stale body costs one 409 and a read, never a lost edit, because the PUT carries the version read.
/// </summary>
public sealed class GenesysCampaignBodies(int capacity)
{
    private ConcurrentDictionary<string, GenesysCampaignBody> _bodies = new(StringComparer.Ordinal);

    public int Count => _bodies.Count;

    /// <summary>Replaces every body with those of a listing just read (the first <c>capacity</c> of them).</summary>
    public void ReplaceWith(IEnumerable<GenesysCampaignBody> listed)
    {
        var fresh = new ConcurrentDictionary<string, GenesysCampaignBody>(StringComparer.Ordinal);
        foreach (var body in listed.Take(capacity))
        {
            fresh[body.Id] = body;
        }

        Volatile.Write(ref _bodies, fresh);
    }

    /// <summary>Takes the body kept for <paramref name="id"/>, if any: it is used once, then replaced by what the PUT answers.</summary>
    public GenesysCampaignBody? Take(string id) => _bodies.TryRemove(id, out var body) ? body : null;

    /// <summary>Keeps <paramref name="body"/> as the campaign's latest, while there is room.</summary>
    public void Remember(GenesysCampaignBody body)
    {
        var bodies = _bodies;
        if (bodies.ContainsKey(body.Id) || bodies.Count < capacity)
        {
            bodies[body.Id] = body;
        }
    }

    public void Forget(string id) => _bodies.TryRemove(id, out _);
}
