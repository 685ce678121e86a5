using Azure.Core;
using Azure.Identity;

namespace WeatherCampaign.Core.Settings;

/// <summary>
/// How the service signs in to Key Vault and storage. In Azure the app setting names the user-assigned identity's
/// client id, and only that identity is used (<see cref="ManagedIdentityCredential"/>), never the rest of the
/// <see cref="DefaultAzureCredential"/> chain. Without one (a developer's machine) it is the developer's own sign-in
/// (<c>az login</c>, Visual Studio, …), with managed and workload identity left out so a stray identity on the
/// machine is never picked up by accident.
/// </summary>
public static class AzureCredentials
{
    /// <summary>The setting Bicep sets to the user-assigned identity's client id (modules/functionapp.bicep).</summary>
    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    public static TokenCredential For(string? managedIdentityClientId) =>
        string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ExcludeManagedIdentityCredential = true,
                ExcludeWorkloadIdentityCredential = true,
            })
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));
}
