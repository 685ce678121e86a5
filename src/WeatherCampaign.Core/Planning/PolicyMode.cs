namespace WeatherCampaign.Core.Planning;

/// <summary><see cref="Enforce"/> changes campaigns; <see cref="DryRun"/> plans and audits only.</summary>
public enum PolicyMode { Enforce = 0, DryRun }
