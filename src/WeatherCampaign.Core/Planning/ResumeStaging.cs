using System.Globalization;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Regions;

namespace WeatherCampaign.Core.Planning;

/// <summary>
/// Staged resume: a region coming back must not flood the dialer and the agents at once. Of the holds a cycle would resume,
/// the oldest (first paused) go first, at most <c>Policy:MaxResumesPerCycle</c> in all and
/// <c>Policy:MaxResumesPerRegionPerCycle</c> in any one region of the holds; the rest wait for later cycles, where they are
/// older than anything that clears after them.
/// </summary>
public static class ResumeStaging
{
    /// <summary>The holds among <paramref name="resuming"/> that wait for a later cycle, each with why; empty when no limit is set.</summary>
    public static IReadOnlyDictionary<string, string> Deferred(IEnumerable<WeatherHold> resuming, PolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(resuming);
        ArgumentNullException.ThrowIfNull(policy);
        var deferred = new Dictionary<string, string>(StringComparer.Ordinal);
        if (policy.MaxResumesPerCycle <= 0 && policy.MaxResumesPerRegionPerCycle <= 0)
        {
            return deferred;
        }

        var resumed = 0;
        var perRegion = new Dictionary<string, int>(RegionKey.Comparer);
        foreach (var hold in resuming.OrderBy(h => h.PausedAt ?? h.UpdatedAt).ThenBy(h => h.CampaignId, StringComparer.Ordinal))
        {
            if (policy.MaxResumesPerCycle > 0 && resumed >= policy.MaxResumesPerCycle)
            {
                deferred[hold.CampaignId] = string.Create(CultureInfo.InvariantCulture,
                    $"held: staged resume, {resumed} older holds resume this cycle (Policy:MaxResumesPerCycle {policy.MaxResumesPerCycle}); it resumes in a later cycle");
                continue;
            }

            var full = policy.MaxResumesPerRegionPerCycle > 0
                ? hold.Regions.FirstOrDefault(r => perRegion.GetValueOrDefault(r) >= policy.MaxResumesPerRegionPerCycle)
                : null;
            if (full is not null)
            {
                deferred[hold.CampaignId] = string.Create(CultureInfo.InvariantCulture,
                    $"held: staged resume, {perRegion[full]} older holds in {full} resume this cycle (Policy:MaxResumesPerRegionPerCycle {policy.MaxResumesPerRegionPerCycle}); it resumes in a later cycle");
                continue;
            }

            resumed++;
            foreach (var region in hold.Regions.Distinct(RegionKey.Comparer))
            {
                perRegion[region] = perRegion.GetValueOrDefault(region) + 1;
            }
        }

        return deferred;
    }
}
