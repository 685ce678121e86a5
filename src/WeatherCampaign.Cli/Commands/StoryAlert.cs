namespace WeatherCampaign.Cli.Commands;

/// <summary>One alert of a campaign's lineage as <c>explain</c> shows it; an alert known only by id came with the pause message.</summary>
internal sealed record StoryAlert(string AlertId, string? ReissueOf, string? Source, string? Event, string? Severity, bool WeighedByPerson);
