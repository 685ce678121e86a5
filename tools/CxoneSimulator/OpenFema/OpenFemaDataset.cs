using System.Text.Json.Nodes;

namespace CxoneSimulator.OpenFema;

/// <summary>
/// The simulated OpenFEMA <c>DisasterDeclarationsSummaries</c> (v2) entity set: its records, in the order they were added,
/// and the queries it has answered. <see cref="InsertAfterPages"/> changes the set between two pages of one read, as FEMA's
/// refresh can. Thread-safe.
/// </summary>
public sealed class OpenFemaDataset
{
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _records = [];
    private readonly List<string> _queries = [];
    private (int PagesLeft, JsonObject Record)? _pendingInsert;

    /// <summary>Replaces every record.</summary>
    public void Set(IEnumerable<JsonObject> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_gate)
        {
            _records.Clear();
            _records.AddRange(records.Select(r => (JsonObject)r.DeepClone()));
        }
    }

    /// <summary>Adds a record, or replaces the one with the same <c>id</c>.</summary>
    public void Upsert(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            UpsertLocked((JsonObject)record.DeepClone());
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _records.RemoveAll(r => IdOf(r) == id) > 0;
        }
    }

    /// <summary>After the next <paramref name="pages"/> pages are served, <paramref name="record"/> is added: a read in progress sees its count change.</summary>
    public void InsertAfterPages(int pages, JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _pendingInsert = (pages, (JsonObject)record.DeepClone());
        }
    }

    /// <summary>Every query string served, decoded (<c>$filter=declarationDate ge '…'&amp;$orderby=id&amp;…</c>), oldest first.</summary>
    public IReadOnlyList<string> Queries
    {
        get
        {
            lock (_gate)
            {
                return [.. _queries];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Answers one query: the matching records in order, the page asked for, and the count of all matches.</summary>
    internal (IReadOnlyList<JsonObject> Page, int Matching) Query(string rawQuery, Func<JsonObject, bool> filter, Comparison<JsonObject>? order, int skip, int top)
    {
        lock (_gate)
        {
            _queries.Add(rawQuery);
            var matching = _records.Where(filter).ToList();
            if (order is not null)
            {
                matching.Sort(order);
            }

            var page = matching.Skip(skip).Take(top).Select(r => (JsonObject)r.DeepClone()).ToList();
            if (_pendingInsert is { } pending)
            {
                if (pending.PagesLeft <= 1)
                {
                    UpsertLocked(pending.Record);
                    _pendingInsert = null;
                }
                else
                {
                    _pendingInsert = pending with { PagesLeft = pending.PagesLeft - 1 };
                }
            }

            return (page, matching.Count);
        }
    }

    private void UpsertLocked(JsonObject record)
    {
        var id = IdOf(record);
        var index = id is null ? -1 : _records.FindIndex(r => IdOf(r) == id);
        if (index >= 0)
        {
            _records[index] = record;
        }
        else
        {
            _records.Add(record);
        }
    }

    private static string? IdOf(JsonObject record) => record["id"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
}
