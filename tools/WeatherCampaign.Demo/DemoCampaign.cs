namespace WeatherCampaign.Demo;

/// <summary>Where a demo campaign stands, in the demo's own words: what its closing check counts.</summary>
internal enum DemoState { Running, Paused, Other }

/// <summary>
/// One of the demo's campaigns before any platform holds it: its CXone campaign id (the key every platform's id derives
/// from), name, status in the CXone campaign API's words, regions, time zone and whether it opted out.
/// </summary>
internal sealed record DemoCampaign(string Key, string Name, string Status, string Region, string TimeZone, bool AutomationOff = false);

/// <summary>A campaign as the demo shows it from the simulator's state: the platform's id and status words, and the demo's reading of them.</summary>
internal sealed record DemoCampaignRow(string Id, string Name, string Region, string Status, DemoState State, string Note);
