using System.Reflection;

namespace WeatherCampaign.Infra.Tests.Infrastructure;

/// <summary>Where the repository and its <c>infra/</c> folder are, wherever the tests run from.</summary>
internal static class Repository
{
    private const string SolutionFile = "WeatherCampaign.Functions.sln";

    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>A value the project file stamped into the assembly (<c>AssemblyMetadata</c>).</summary>
    public static string? BuildMetadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        var stamped = BuildMetadata("RepositoryRoot");
        return stamped is not null && File.Exists(Path.Combine(stamped, SolutionFile))
            ? stamped
            : throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
