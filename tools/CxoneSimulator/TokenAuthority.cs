using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CxoneSimulator;

internal sealed record IssuedToken(string AccessToken, string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>An answer of the token endpoint: a token, or the OAuth error code that refused it.</summary>
internal sealed record TokenGrant(IssuedToken? Token, string? Error);

internal enum TokenCheck { Valid, Invalid, InsufficientScope }

/// <summary>Issues opaque bearer tokens to seeded clients and checks them on every API call.</summary>
internal sealed class TokenAuthority(TimeProvider time, IEnumerable<SeedClient> clients, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, SeedClient> _clients =
        new(clients.Select(c => KeyValuePair.Create(c.ClientId, c)), StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    public TimeSpan Lifetime { get; set; } = lifetime;

    public bool SetClientSecret(string clientId, string newSecret)
    {
        while (_clients.TryGetValue(clientId, out var client))
        {
            if (_clients.TryUpdate(clientId, client with { ClientSecret = newSecret }, client))
            {
                return true;
            }
        }

        return false;
    }

    public void UpsertClient(SeedClient client) => _clients[client.ClientId] = client;

    public TokenGrant Issue(string? grantType, string? clientId, string? clientSecret, string? requestedScope)
    {
        if (clientId is null || clientSecret is null || !_clients.TryGetValue(clientId, out var client) || !SecretMatches(client.ClientSecret, clientSecret))
        {
            return new TokenGrant(null, "invalid_client");
        }

        if (!string.Equals(grantType, "client_credentials", StringComparison.Ordinal))
        {
            return new TokenGrant(null, "unsupported_grant_type");
        }

        var requested = string.IsNullOrWhiteSpace(requestedScope)
            ? client.Scopes
            : requestedScope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!requested.Contains(SimulatorSeed.ReadScope, StringComparer.Ordinal) || requested.Except(client.Scopes, StringComparer.Ordinal).Any())
        {
            return new TokenGrant(null, "insufficient_scope");
        }

        var token = new IssuedToken(
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
            client.ClientId,
            [.. requested.Distinct(StringComparer.Ordinal)],
            time.GetUtcNow() + Lifetime);
        _tokens[token.AccessToken] = token;
        return new TokenGrant(token, null);
    }

    public TokenCheck Check(string? authorization, string requiredScope)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return TokenCheck.Invalid;
        }

        var value = authorization[scheme.Length..].Trim();
        if (!_tokens.TryGetValue(value, out var token))
        {
            return TokenCheck.Invalid;
        }

        if (time.GetUtcNow() >= token.ExpiresAt)
        {
            _tokens.TryRemove(value, out _);
            return TokenCheck.Invalid;
        }

        return token.Scopes.Contains(requiredScope, StringComparer.Ordinal) ? TokenCheck.Valid : TokenCheck.InsufficientScope;
    }

    public void RevokeAll() => _tokens.Clear();

    private static bool SecretMatches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
