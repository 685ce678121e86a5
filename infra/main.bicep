// WeatherCampaign on Azure: one resource group holding a Flex Consumption function app, its storage (queues, tables,
// deployment package), a Key Vault for the CXone credentials, monitoring and the alert on failed interventions.
// Everything authenticates with one user-assigned managed identity. Deploy and operate: infra/README.md.

targetScope = 'resourceGroup'

@description('Short environment name used in resource names, e.g. dev or prod.')
@minLength(2)
@maxLength(8)
param environmentName string

param location string = resourceGroup().location

param tags { *: string } = {}

// ---- Scale and the CXone rate limit ----

@description('Flex Consumption scale-out ceiling. The instances share the tenant limit by adaptive pacing (infra/README.md), not by a fixed split.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 4

@description('Requests per second the CXone tenant allows in total, across every instance.')
@minValue(1)
param cxoneTenantRequestsPerSecond int = 100

@description('Cxone__RequestsPerSecond: the pace ONE instance starts at and never exceeds. Defaults to the whole tenant limit: one instance alone may use all of it, and several back off together on the tenant\'s 429s.')
@minValue(1)
param cxoneRequestsPerSecond int = cxoneTenantRequestsPerSecond

// ---- What the app reads (defaults are the app's own) ----

@description('PollSchedule: NCRONTAB; a full cycle (one that lists campaigns) runs at least this often.')
param pollSchedule string = '0 */5 * * * *'

@description('FeedPollSchedule: NCRONTAB schedule of PollWeather, which reads the feeds and lists campaigns only when something changed.')
param feedPollSchedule string = '*/30 * * * * *'

@description('Cxone__BaseUrl: base URL of the tenant\'s campaign API.')
param cxoneBaseUrl string

@description('Cxone__PageSize: campaigns per page when listing.')
@minValue(1)
param cxonePageSize int = 50

@description('Weather__Feeds__0__Url: the weather alert feed.')
param weatherFeedUrl string = 'https://api.weather.gov/alerts/active?status=actual&severity=severe,extreme'

@description('Weather__Feeds__0__Format: parser for the feed.')
@allowed(['auto', 'nws', 'simple', 'cap', 'atom'])
param weatherFeedFormat string = 'nws'

@description('Weather__UserAgent: the NWS API refuses requests without one, e.g. "(WeatherCampaign, ops@example.com)".')
@minLength(1)
param weatherUserAgent string

@description('Policy__MinimumSeverity: the least severe alert that counts.')
@allowed(['Minor', 'Moderate', 'Severe', 'Extreme'])
param policyMinimumSeverity string = 'Severe'

@description('Policy__ClearFor: how long a campaign must be clear of alerts before it is resumed (hh:mm:ss).')
param policyClearFor string = '00:30:00'

@description('Policy__Mode: DryRun plans and audits but changes nothing; switch to Enforce once the audit table looks right.')
@allowed(['DryRun', 'Enforce'])
param policyMode string = 'DryRun'

@description('Policy__MaxPauseShare: the largest share (0–1) of running campaigns one cycle may pause without a person confirming.')
param policyMaxPauseShare string = '1'

@description('Regions__Groups__US_NE: members of the customer US-NE region group, comma-separated. Linux setting names cannot hold a hyphen; the app reads _ as - in group names.')
param regionGroupUsNe string = 'NY,NJ,PA,CT,RI,MA,VT,NH,ME'

// ---- Network ----

@description('Closed network: VNet integration for the app, private endpoints for blob, queue, table and the vault, no public access to storage or the vault. On by default for prod (prod.bicepparam sets it too).')
param network bool = environmentName == 'prod'

// ---- Access and alerting ----

@description('Object id of a person or service principal that runs the CLI or the app locally against these resources (queues, tables, secret reads; no blob role); empty grants nothing.')
param deployerPrincipalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
param deployerPrincipalType string = 'User'

@description('Object id of the operators who read the audit trail and the holds (Storage Table Data Reader on the two tables); empty grants nothing.')
param operatorReadersPrincipalId string = ''

@description('Object id of the operators who add and release holds (Storage Table Data Contributor on the ledger table only); empty grants nothing.')
param operatorHoldsPrincipalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
param operatorPrincipalType string = 'Group'

@description('Resource id of an action group notified when an intervention fails; empty raises the alert without notifying.')
param alertActionGroupId string = ''

@description('Entra ID app registration (client id) for signing in to the status page; empty: the page answers 401 to everyone.')
param statusPageClientId string = ''

// ---- Names ----

var workload = 'wxcamp'
var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var names = {
  identity: 'id-${workload}-${environmentName}-${token}'
  logAnalytics: 'log-${workload}-${environmentName}-${token}'
  applicationInsights: 'appi-${workload}-${environmentName}-${token}'
  storage: take(toLower('st${workload}${environmentName}${token}'), 24)
  keyVault: take('kv-${workload}-${environmentName}-${token}', 24)
  plan: 'plan-${workload}-${environmentName}-${token}'
  functionApp: 'func-${workload}-${environmentName}-${token}'
  failedInterventionAlert: 'alert-${workload}-${environmentName}-intervention-failed'
  virtualNetwork: 'vnet-${workload}-${environmentName}-${token}'
  natGateway: 'ng-${workload}-${environmentName}-${token}'
  outboundIp: 'pip-${workload}-${environmentName}-${token}'
}
var appSubnetName = 'app'
var appSubnetId = network ? resourceId('Microsoft.Network/virtualNetworks/subnets', names.virtualNetwork, appSubnetName) : ''
var queueNames = ['interventions', 'interventions-poison', 'interventions-halted']
var tableNames = ['weatherholds', 'audit']
var ledgerTableName = tableNames[0]
var deploymentContainerName = 'app-package'
var cxoneClientIdSecretName = 'cxone-client-id'
var cxoneClientSecretSecretName = 'cxone-client-secret'

// ---- Resources ----

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    queueNames: queueNames
    tableNames: tableNames
    network: network
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    network: network
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module networking 'modules/network.bicep' = if (network) {
  name: 'network'
  dependsOn: [storage, keyVault]
  params: {
    virtualNetworkName: names.virtualNetwork
    natGatewayName: names.natGateway
    publicIpName: names.outboundIp
    location: location
    tags: tags
    appSubnetName: appSubnetName
    storageAccountName: names.storage
    keyVaultName: names.keyVault
  }
}

// Names (not module outputs) are passed where they identify a resource, so what-if can predict the changes.
module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  dependsOn: [identity, storage, keyVault, monitoring]
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
    queueNames: queueNames
    tableNames: tableNames
    ledgerTableName: ledgerTableName
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
    operatorReadersPrincipalId: operatorReadersPrincipalId
    operatorHoldsPrincipalId: operatorHoldsPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  // The app starts reading its package and queues as soon as it exists: grant its roles (and, closed, open its
  // private endpoints) first.
  dependsOn: [storage, rbac, networking]
  params: {
    planName: names.plan
    name: names.functionApp
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: names.applicationInsights
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    virtualNetworkSubnetId: appSubnetId
    maximumInstanceCount: maximumInstanceCount
    statusPageClientId: statusPageClientId
    app: {
      pollSchedule: pollSchedule
      feedPollSchedule: feedPollSchedule
      cxoneBaseUrl: cxoneBaseUrl
      cxonePageSize: cxonePageSize
      cxoneRequestsPerSecond: cxoneRequestsPerSecond
      keyVaultUri: keyVault.outputs.uri
      keyVaultClientIdSecretName: cxoneClientIdSecretName
      keyVaultClientSecretSecretName: cxoneClientSecretSecretName
      weatherFeedUrl: weatherFeedUrl
      weatherFeedFormat: weatherFeedFormat
      weatherUserAgent: weatherUserAgent
      policyMinimumSeverity: policyMinimumSeverity
      policyClearFor: policyClearFor
      policyMode: policyMode
      policyMaxPauseShare: policyMaxPauseShare
      regionGroupUsNe: regionGroupUsNe
    }
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    name: names.failedInterventionAlert
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    actionGroupId: alertActionGroupId
  }
}

// ---- What the pipeline and the README need ----

output resourceGroupName string = resourceGroup().name
output functionAppName string = functionApp.outputs.name
output storageAccountName string = storage.outputs.name
output keyVaultName string = keyVault.outputs.name
output keyVaultUri string = keyVault.outputs.uri
output applicationInsightsName string = monitoring.outputs.applicationInsightsName
output managedIdentityClientId string = identity.outputs.clientId
output network bool = network
output cxoneSecretNames string[] = [cxoneClientIdSecretName, cxoneClientSecretSecretName]
