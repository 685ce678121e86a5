// The Flex Consumption plan and the function app: identity-based storage, HTTPS/TLS 1.2, no FTP or basic publishing credentials.
param planName string
param name string
param location string
param tags { *: string }
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string

@description('Subnet (delegated to Microsoft.App/environments) for outbound VNet integration; empty: no integration.')
param virtualNetworkSubnetId string = ''

@description('Log Analytics workspace that receives the platform\'s FunctionAppLogs.')
param logAnalyticsId string

@description('Flex Consumption scale-out ceiling; see infra/README.md for how it combines with Cxone__RequestsPerSecond.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Entra ID app registration (client id) that signs people in to the status page (/api/status/); empty: nobody can sign in, every HTTP request gets 401.')
param statusPageClientId string = ''

@description('The Entra ID tenant of that app registration.')
param statusPageTenantId string = tenant().tenantId

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('What the app reads from configuration (names mirror the app settings below).')
param app {
  pollSchedule: string
  feedPollSchedule: string
  cxoneBaseUrl: string
  cxonePageSize: int
  cxoneRequestsPerSecond: int
  keyVaultUri: string
  keyVaultClientIdSecretName: string
  keyVaultClientSecretSecretName: string
  weatherFeedUrl: string
  weatherFeedFormat: string
  weatherUserAgent: string
  policyMinimumSeverity: string
  policyClearFor: string
  policyMode: string
  policyMaxPauseShare: string
  regionGroupUsNe: string
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    // Outbound through the VNet: storage and the vault are reached on their private endpoints.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Host storage through the managed identity: no connection string, no account key.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        // The app's ManagedIdentityCredential (Key Vault) takes the user-assigned identity's client id from this.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'PollSchedule', value: app.pollSchedule }
        { name: 'FeedPollSchedule', value: app.feedPollSchedule }
        { name: 'Cxone__BaseUrl', value: app.cxoneBaseUrl }
        { name: 'Cxone__PageSize', value: string(app.cxonePageSize) }
        { name: 'Cxone__RequestsPerSecond', value: string(app.cxoneRequestsPerSecond) }
        { name: 'KeyVault__Uri', value: app.keyVaultUri }
        { name: 'KeyVault__ClientIdSecretName', value: app.keyVaultClientIdSecretName }
        { name: 'KeyVault__ClientSecretSecretName', value: app.keyVaultClientSecretSecretName }
        { name: 'Weather__Feeds__0__Url', value: app.weatherFeedUrl }
        { name: 'Weather__Feeds__0__Format', value: app.weatherFeedFormat }
        { name: 'Weather__UserAgent', value: app.weatherUserAgent }
        { name: 'Policy__MinimumSeverity', value: app.policyMinimumSeverity }
        { name: 'Policy__ClearFor', value: app.policyClearFor }
        { name: 'Policy__Mode', value: app.policyMode }
        { name: 'Policy__MaxPauseShare', value: app.policyMaxPauseShare }
        { name: 'Regions__Groups__US_NE', value: app.regionGroupUsNe }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }

  // App Service Authentication in front of every HTTP request (the status page): no anonymous access. A browser signs in at
  // /.auth/login/aad; the platform then names the person in X-MS-CLIENT-PRINCIPAL-NAME, which the page requires (401 without).
  resource authentication 'config' = {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: true
        unauthenticatedClientAction: 'Return401'
      }
      httpSettings: {
        requireHttps: true
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: !empty(statusPageClientId)
          registration: {
            clientId: statusPageClientId
            openIdIssuer: '${environment().authentication.loginEndpoint}${statusPageTenantId}/v2.0'
          }
          validation: {
            allowedAudiences: empty(statusPageClientId) ? [] : [statusPageClientId, 'api://${statusPageClientId}']
          }
        }
      }
      login: {
        tokenStore: {
          enabled: false
        }
      }
    }
  }
}

// The newest diagnosticSettings version is this preview (2016-09-01 is the older, non-extension shape the linter offers).
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalyticsId
    logs: [
      { category: 'FunctionAppLogs', enabled: true }
    ]
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
