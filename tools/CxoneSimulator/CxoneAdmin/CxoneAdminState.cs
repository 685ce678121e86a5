using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CxoneSimulator.CxoneAdmin;

/// <summary>What the refusal of a stop or start says.</summary>
public enum SkillChange { Applied, NotFound, Refused }

/// <summary>
/// The simulated NICE CXone tenant behind the Admin API: one registered application, access keys, the tokens and refresh
/// tokens issued, the tenant's discovery answer, and its skills. Thread-safe; clocks follow the simulator's <see cref="TimeProvider"/>.
/// </summary>
public sealed class CxoneAdminState
{
    public const string ClientId = "cxone-app";
    public const string ClientSecret = "cxone-app-secret";
    public const string AccessKeyId = "AKIDLOCAL0001";
    public const string AccessKeySecret = "access-key-secret-local";
    public const string TenantId = "11ee0000-aaaa-bbbb-cccc-000000000001";

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _accessKeys = new(StringComparer.Ordinal) { [AccessKeyId] = AccessKeySecret };
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, AdminSkill> _skills = [];
    private int _passwordGrants;
    private int _refreshGrants;
    private int _refusedGrants;
    private int _statusChanges;
    private int _forced;

    public CxoneAdminState(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The lifetime of access tokens issued from now on (NICE's are about an hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When set, discovery names this as the tenant's <c>api_endpoint</c> instead of this simulator's own <c>/cxone-api</c>.</summary>
    public string? ApiEndpointOverride { get; set; }

    /// <summary>When true, the listing ignores its filters and answers every skill, as a server that does not know them might.</summary>
    public bool IgnoreListingFilters { get; set; }

    public int PasswordGrants => Volatile.Read(ref _passwordGrants);

    public int RefreshGrants => Volatile.Read(ref _refreshGrants);

    /// <summary>Token requests refused (bad client, bad or revoked access key, unknown refresh token).</summary>
    public int RefusedGrants => Volatile.Read(ref _refusedGrants);

    /// <summary>Stops and starts that changed a skill.</summary>
    public int StatusChanges => Volatile.Read(ref _statusChanges);

    /// <summary>Stop or start requests that carried <c>force</c>: a correct client sends none.</summary>
    public int ForcedRequests => Volatile.Read(ref _forced);

    public IReadOnlyList<AdminSkill> Skills
    {
        get
        {
            lock (_gate)
            {
                return [.. _skills.Values];
            }
        }
    }

    public AdminSkill? Get(int id)
    {
        lock (_gate)
        {
            return _skills.GetValueOrDefault(id);
        }
    }

    public void Seed(IEnumerable<AdminSkill> skills)
    {
        lock (_gate)
        {
            _skills.Clear();
            foreach (var skill in skills)
            {
                _skills[skill.SkillId] = skill;
            }
        }
    }

    public void Upsert(AdminSkill skill)
    {
        lock (_gate)
        {
            _skills[skill.SkillId] = skill;
        }
    }

    public bool Delete(int id)
    {
        lock (_gate)
        {
            return _skills.Remove(id);
        }
    }

    /// <summary>Starts or stops a skill as a person would in the admin console: not counted, no rules.</summary>
    public AdminSkill? SetRunningAsPerson(int id, bool running)
    {
        lock (_gate)
        {
            if (!_skills.TryGetValue(id, out var skill))
            {
                return null;
            }

            return _skills[id] = skill with { IsRunning = running };
        }
    }

    /// <summary>Deactivates (or reactivates) the user's access key: its grants and its refresh tokens stop working.</summary>
    public void SetAccessKey(string id, string? secret)
    {
        lock (_gate)
        {
            if (secret is null)
            {
                _accessKeys.Remove(id);
                foreach (var refresh in _refreshTokens.Where(r => r.Value == id).Select(r => r.Key).ToList())
                {
                    _refreshTokens.Remove(refresh);
                }
            }
            else
            {
                _accessKeys[id] = secret;
            }
        }
    }

    public void RevokeAllTokens()
    {
        lock (_gate)
        {
            _tokens.Clear();
        }
    }

    public void RevokeRefreshTokens()
    {
        lock (_gate)
        {
            _refreshTokens.Clear();
        }
    }

    /// <summary>The password grant: the application's Basic credentials and a user's access key.</summary>
    internal AdminTokens? GrantPassword(string? clientId, string? clientSecret, string? accessKeyId, string? accessKeySecret)
    {
        lock (_gate)
        {
            if (!ClientMatches(clientId, clientSecret) || accessKeyId is null || accessKeySecret is null
                || !_accessKeys.TryGetValue(accessKeyId, out var expected) || !Matches(expected, accessKeySecret))
            {
                _refusedGrants++;
                return null;
            }

            _passwordGrants++;
            return IssueLocked(accessKeyId);
        }
    }

    /// <summary>The refresh grant: a refresh token is used once, and only while its access key is active.</summary>
    internal AdminTokens? GrantRefresh(string? clientId, string? clientSecret, string? refreshToken)
    {
        lock (_gate)
        {
            if (!ClientMatches(clientId, clientSecret) || refreshToken is null || !_refreshTokens.Remove(refreshToken, out var accessKeyId)
                || !_accessKeys.ContainsKey(accessKeyId))
            {
                _refusedGrants++;
                return null;
            }

            _refreshGrants++;
            return IssueLocked(accessKeyId);
        }
    }

    internal bool IsValidToken(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        lock (_gate)
        {
            return _tokens.TryGetValue(authorization[scheme.Length..].Trim(), out var expires) && _time.GetUtcNow() < expires;
        }
    }

    /// <summary>One listing page (<c>top</c>/<c>skip</c>) of the skills the filters match, with how many match in all.</summary>
    internal (IReadOnlyList<AdminSkill> Page, int Total) List(int? mediaTypeId, string? outboundStrategy, bool? isActive, int top, int skip)
    {
        lock (_gate)
        {
            var matching = _skills.Values.Where(s => IgnoreListingFilters
                || ((mediaTypeId is null || s.MediaTypeId == mediaTypeId)
                    && (outboundStrategy is null || string.Equals(s.OutboundStrategy, outboundStrategy, StringComparison.OrdinalIgnoreCase))
                    && (isActive is null || s.IsActive == isActive))).ToList();
            return ([.. matching.Skip(skip).Take(top)], matching.Count);
        }
    }

    /// <summary>Stop or start through the API: refused for a skill that is not an active Personal Connection skill, or already there.</summary>
    internal (SkillChange Outcome, string? Reason) Change(int id, bool run, bool forced)
    {
        if (forced)
        {
            Interlocked.Increment(ref _forced);
        }

        lock (_gate)
        {
            if (!_skills.TryGetValue(id, out var skill))
            {
                return (SkillChange.NotFound, null);
            }

            if (!skill.IsActive)
            {
                return (SkillChange.Refused, "The skill is not active.");
            }

            if (!skill.IsOutbound || skill.OutboundStrategy != AdminSkill.PersonalConnection)
            {
                return (SkillChange.Refused, "Only Personal Connection outbound skills can be started or stopped.");
            }

            if (skill.IsRunning == run)
            {
                return (SkillChange.Refused, run ? "The skill is already running." : "The skill is already stopped.");
            }

            _skills[id] = skill with { IsRunning = run };
            _statusChanges++;
            return (SkillChange.Applied, null);
        }
    }

    internal void ResetCounters()
    {
        lock (_gate)
        {
            _passwordGrants = _refreshGrants = _refusedGrants = _statusChanges = _forced = 0;
        }
    }

    private AdminTokens IssueLocked(string accessKeyId)
    {
        var access = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var refresh = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _tokens[access] = _time.GetUtcNow() + TokenLifetime;
        _refreshTokens[refresh] = accessKeyId;
        return new AdminTokens(access, refresh, IdToken(), (int)Math.Round(TokenLifetime.TotalSeconds));
    }

    /// <summary>A JWT whose payload names the tenant; the signature is random bytes, as the service never checks it (it came from the auth host over TLS).</summary>
    private string IdToken()
    {
        var header = Base64Url.EncodeToString("""{"alg":"RS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = "https://cxone.niceincontact.com",
            ["sub"] = "user:local",
            ["tenantId"] = TenantId,
            ["iat"] = _time.GetUtcNow().ToUnixTimeSeconds(),
        }));
        return $"{header}.{payload}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
    }

    private static bool ClientMatches(string? id, string? secret) =>
        id == ClientId && secret is not null && Matches(ClientSecret, secret);

    private static bool Matches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}

/// <summary>What a successful grant issues.</summary>
internal sealed record AdminTokens(string AccessToken, string RefreshToken, string IdToken, int ExpiresIn);
