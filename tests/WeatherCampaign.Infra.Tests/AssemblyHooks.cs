using WeatherCampaign.Infra.Tests.Infrastructure;

namespace WeatherCampaign.Infra.Tests;

[TestClass]
public static class AssemblyHooks
{
    [AssemblyCleanup]
    public static void RemoveCompiledTemplates()
    {
        if (CompiledInfrastructure.IsCompiled)
        {
            Directory.Delete(CompiledInfrastructure.Instance.OutputDirectory, recursive: true);
        }
    }
}
