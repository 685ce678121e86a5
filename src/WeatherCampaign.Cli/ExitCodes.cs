namespace WeatherCampaign.Cli;

/// <summary>Exit codes every command shares.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>An intervention failed (or was rejected), a command could not do what it was asked, or storage failed.</summary>
    public const int Failed = 1;
    /// <summary>The command line or the settings are not valid.</summary>
    public const int InvalidUsage = 2;
    /// <summary>The cycle planned nothing because a feed or the campaign listing could not be read (README.md, "The planner's rules", rule 5).</summary>
    public const int NoData = 3;
    /// <summary>Ctrl+C or SIGTERM.</summary>
    public const int Cancelled = 130;
}
