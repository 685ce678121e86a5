using System.CommandLine;

namespace WeatherCampaign.Cli.Commands;

/// <summary>Options the operator's writing commands (<c>holds add/release</c>, <c>halt</c>, <c>resume-service</c>) share.</summary>
internal static class OperatorOptions
{
    /// <summary><c>--by NAME</c>: who is acting, for the audit trail.</summary>
    public static Option<string?> By() => new("--by")
    {
        Description = "Who is acting, for the audit trail (default: the signed-in user name).",
        HelpName = "NAME",
        DefaultValueFactory = _ => Environment.UserName,
    };
}
