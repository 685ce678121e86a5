namespace WeatherCampaign.Core.Interventions;

/// <summary>The queue names, shared by the functions, the CLI and the tests.</summary>
public static class InterventionQueues
{
    public const string Name = "interventions";
    public const string PoisonName = "interventions-poison";

    /// <summary>Messages the kill switch stopped (<c>Policy:Halt</c>, or <c>Policy:Mode=DryRun</c> after they were queued), kept to replay deliberately.</summary>
    public const string HaltedName = "interventions-halted";

    /// <summary>Every queue of the service, as the tool creates them on a fresh account (Bicep creates them in Azure).</summary>
    public static IReadOnlyList<string> All { get; } = [Name, PoisonName, HaltedName];
}
