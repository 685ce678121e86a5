using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxoneSimulator.Genesys;

/// <summary>What a PUT of a whole campaign came to.</summary>
internal enum GenesysPutOutcome { Applied, NotFound, StaleVersion, InvalidTransition, BadRequest }

internal sealed record GenesysPutResult(GenesysPutOutcome Outcome, JsonObject? Campaign, string Message);

/// <summary>
/// The simulated Genesys Cloud org's outbound campaigns: whole bodies with a <c>version</c> raised on every change,
/// <c>stopping</c> between <c>on</c> and <c>off</c>, the transitions the platform refuses, and a record of every field
/// other than the status a PUT changed. Thread-safe; every body handed out is a copy.
/// </summary>
public sealed class GenesysOrg(TimeProvider time)
{
    public const string StatusField = "campaignStatus";
    public const string VersionField = "version";

    // The transitions a PUT may make; the same status with other fields changed is an edit, always allowed.
    private static readonly HashSet<(string From, string To)> Allowed = [("on", "off"), ("off", "on"), ("complete", "on")];

    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, Entry> _campaigns = new(StringComparer.Ordinal);
    private readonly List<GenesysFieldChange> _fieldChanges = [];
    private int _puts;
    private int _statusChanges;

    public GenesysRules Rules { get; } = new();

    /// <summary>Every campaign as stored now, ordered by id; reading them here is not an API read (nothing settles).</summary>
    public IReadOnlyList<JsonObject> Campaigns
    {
        get
        {
            lock (_gate)
            {
                return [.. _campaigns.Values.Select(e => Copy(e.Body))];
            }
        }
    }

    /// <summary>PUTs that reached a campaign's rules, whatever they answered.</summary>
    public int PutCount => Volatile.Read(ref _puts);

    /// <summary>Status changes applied through the API.</summary>
    public int StatusChanges => Volatile.Read(ref _statusChanges);

    /// <summary>Every field other than the status and the version that an API PUT changed, oldest first.</summary>
    public IReadOnlyList<GenesysFieldChange> FieldChanges
    {
        get
        {
            lock (_gate)
            {
                return [.. _fieldChanges];
            }
        }
    }

    /// <summary>Replaces every campaign.</summary>
    public void Seed(IEnumerable<JsonObject> campaigns)
    {
        lock (_gate)
        {
            _campaigns.Clear();
            _fieldChanges.Clear();
            foreach (var campaign in campaigns)
            {
                _campaigns[IdOf(campaign)] = new Entry(Copy(campaign));
            }
        }
    }

    public JsonObject? Get(string id)
    {
        lock (_gate)
        {
            return _campaigns.TryGetValue(id, out var entry) ? Copy(entry.Body) : null;
        }
    }

    /// <summary>The campaign's status as stored now (not an API read).</summary>
    public string? StatusOf(string id) => Get(id)?[StatusField]?.GetValue<string>();

    /// <summary>A person edits the campaign in the Genesys Cloud UI: any change, no transition rules, its version raised, not recorded.</summary>
    public JsonObject? EditAsPerson(string id, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        lock (_gate)
        {
            if (!_campaigns.TryGetValue(id, out var entry))
            {
                return null;
            }

            var body = Copy(entry.Body);
            edit(body);
            body[VersionField] = VersionOf(entry.Body) + 1;
            body["dateModified"] = Now();
            _campaigns[id] = new Entry(body);
            return Copy(body);
        }
    }

    public JsonObject? SetStatusAsPerson(string id, string status) => EditAsPerson(id, body => body[StatusField] = status);

    /// <summary>
    /// The platform changes the status itself (a campaign that ran out of contacts completes, a forced off) and, as this
    /// simulator assumes, leaves the version alone: a PUT from the body read before then meets the transition rules.
    /// </summary>
    public JsonObject? SetStatusAsPlatform(string id, string status)
    {
        lock (_gate)
        {
            if (!_campaigns.TryGetValue(id, out var entry))
            {
                return null;
            }

            var body = Copy(entry.Body);
            body[StatusField] = status;
            _campaigns[id] = new Entry(body);
            return Copy(body);
        }
    }

    public bool Delete(string id)
    {
        lock (_gate)
        {
            return _campaigns.Remove(id);
        }
    }

    /// <summary>An API read of one campaign: a <c>stopping</c> one may settle.</summary>
    internal JsonObject? Read(string id)
    {
        lock (_gate)
        {
            return _campaigns.TryGetValue(id, out var entry) ? Copy(Settle(id, entry).Body) : null;
        }
    }

    /// <summary>An API read of one page (1-based), ordered by id.</summary>
    internal (IReadOnlyList<JsonObject> Entities, int Total) ReadPage(int pageNumber, int pageSize)
    {
        lock (_gate)
        {
            var ids = _campaigns.Keys.Skip((int)Math.Min(int.MaxValue, (pageNumber - 1L) * pageSize)).Take(pageSize).ToList();
            return ([.. ids.Select(id => Copy(Settle(id, _campaigns[id]).Body))], _campaigns.Count);
        }
    }

    /// <summary>A PUT of the whole campaign: the version must be the current one, the status change a legal one.</summary>
    internal GenesysPutResult Put(string id, JsonObject sent)
    {
        lock (_gate)
        {
            if (!_campaigns.TryGetValue(id, out var entry))
            {
                return new(GenesysPutOutcome.NotFound, null, $"The campaign {id} was not found.");
            }

            Interlocked.Increment(ref _puts);
            if (sent["id"] is JsonValue sentId && sentId.GetValueKind() == JsonValueKind.String && sentId.GetValue<string>() != id)
            {
                return new(GenesysPutOutcome.BadRequest, null, "The campaign id in the body does not match the path.");
            }

            if (sent[VersionField] is not JsonValue versionNode || versionNode.GetValueKind() != JsonValueKind.Number || !versionNode.TryGetValue<int>(out var version))
            {
                return new(GenesysPutOutcome.BadRequest, null, "Campaign version is required for an update.");
            }

            var stored = entry.Body;
            var current = VersionOf(stored);
            if (version != current)
            {
                return new(GenesysPutOutcome.StaleVersion, null, $"Campaign version {version} does not match the current version {current}.");
            }

            var from = Text(stored, StatusField);
            var to = Text(sent, StatusField);
            if (from != to && !Allowed.Contains((from, to)))
            {
                return new(GenesysPutOutcome.InvalidTransition, null,
                    $"An attempt was made to update a Campaign in an invalid way. Details: Invalid transition from <{from.ToUpperInvariant()}> to <{to.ToUpperInvariant()}> ({id}).");
            }

            foreach (var field in stored.Select(p => p.Key).Union(sent.Select(p => p.Key)).Where(f => f is not StatusField and not VersionField))
            {
                var before = stored[field];
                var after = sent[field];
                if (!JsonNode.DeepEquals(before, after))
                {
                    _fieldChanges.Add(new GenesysFieldChange(id, field, before?.DeepClone(), after?.DeepClone()));
                }
            }

            var body = Copy(sent);
            body[VersionField] = current + 1;
            body["dateModified"] = Now();
            var stopping = from == "on" && to == "off";
            body[StatusField] = stopping ? "stopping" : to;
            _campaigns[id] = new Entry(body, stopping ? Rules.StoppingReads : 0, stopping ? time.GetUtcNow() : null);
            if (from != to)
            {
                Interlocked.Increment(ref _statusChanges);
            }

            return new(GenesysPutOutcome.Applied, Copy(body), "");
        }
    }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _puts, 0);
        Interlocked.Exchange(ref _statusChanges, 0);
    }

    // A stopping campaign settles once its reads are used up or its time has passed; settling is a change, so the version rises.
    private Entry Settle(string id, Entry entry)
    {
        if (Text(entry.Body, StatusField) != "stopping" || entry.StoppingSince is not { } since)
        {
            return entry;
        }

        var timeUp = Rules.StoppingFor is { } wait && time.GetUtcNow() - since >= wait;
        if (!timeUp && entry.StoppingReadsLeft > 0)
        {
            return _campaigns[id] = entry with { StoppingReadsLeft = entry.StoppingReadsLeft - 1 };
        }

        var body = Copy(entry.Body);
        body[StatusField] = "off";
        body[VersionField] = VersionOf(entry.Body) + 1;
        return _campaigns[id] = new Entry(body);
    }

    private string Now() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static int VersionOf(JsonObject body) => body[VersionField] is JsonValue v && v.TryGetValue<int>(out var version) ? version : 0;

    private static string Text(JsonObject body, string field) =>
        body[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";

    private static string IdOf(JsonObject body) => Text(body, "id") is { Length: > 0 } id ? id : throw new ArgumentException("A Genesys campaign needs an id.");

    private static JsonObject Copy(JsonObject body) => (JsonObject)body.DeepClone();

    private sealed record Entry(JsonObject Body, int StoppingReadsLeft = 0, DateTimeOffset? StoppingSince = null);
}
