namespace WeatherCampaign.Core.Interventions;

/// <summary>The queue names, shared by the functions, the CLI and the tests.</summary>
public static class InterventionQueues
{
    public const string Name = "interventions";
    public const string PoisonName = "interventions-poison";
}
