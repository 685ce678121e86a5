using System.Diagnostics.CodeAnalysis;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// Campaign ids come from outside (the platform, queue messages, operators) and go into a URL path,
/// so only a conservative alphabet is let through and it is still escaped as one path segment.
/// </summary>
public static class CampaignId
{
    public const int MaxLength = 128;

    /// <summary>True when <paramref name="id"/> is safe to use; otherwise <paramref name="reason"/> says why (without echoing the id).</summary>
    public static bool IsSafe([NotNullWhen(true)] string? id, [NotNullWhen(false)] out string? reason)
    {
        reason = null;
        if (string.IsNullOrEmpty(id))
        {
            reason = "the id is empty";
        }
        else if (id.Length > MaxLength)
        {
            reason = $"the id is {id.Length} characters long (at most {MaxLength})";
        }
        else if (id.Trim('.').Length == 0)
        {
            reason = "the id is only dots";
        }
        else if (id.Contains("..", StringComparison.Ordinal))
        {
            reason = "the id contains '..'";
        }
        else
        {
            foreach (var c in id)
            {
                if (!IsAllowed(c))
                {
                    reason = char.IsControl(c) ? "the id contains a control character" : $"the id contains '{c}'";
                    break;
                }
            }
        }
        return reason is null;
    }

    /// <summary>The id escaped as one path segment; throws <see cref="UnsafeCampaignIdException"/> for an unsafe id.</summary>
    public static string ToPathSegment(string? id)
    {
        if (!IsSafe(id, out var reason))
        {
            throw new UnsafeCampaignIdException(reason);
        }

        return Uri.EscapeDataString(id);
    }

    /// <summary>A form of the id that is safe to log or show: unsafe ids are cut and stripped of control characters.</summary>
    public static string ForDisplay(string? id)
    {
        if (id is null)
        {
            return "(none)";
        }

        var shown = id.Length > 64 ? id[..64] + "…" : id;
        return new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }

    private static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or ':' or '~' or '@' or '+' or '=';
}
