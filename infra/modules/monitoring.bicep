// Log Analytics + workspace-based Application Insights that accepts only Entra ID (no instrumentation-key) ingestion.
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags { *: string }

@minValue(30)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
  }
}

// Saved queries in the workspace that answer "what did the service do in the last storm" (README.md beside main.bicep).
var savedQueries = [
  { name: 'weathercampaign-interventions-by-outcome', displayName: 'WeatherCampaign: interventions by outcome over time', file: loadTextContent('../queries/interventions-by-outcome.kql') }
  { name: 'weathercampaign-pauses-by-campaign', displayName: 'WeatherCampaign: pauses and resumes by campaign', file: loadTextContent('../queries/pauses-by-campaign.kql') }
  { name: 'weathercampaign-throttling-and-pace', displayName: 'WeatherCampaign: 429s and pace', file: loadTextContent('../queries/throttling-and-pace.kql') }
  { name: 'weathercampaign-failures-and-poison', displayName: 'WeatherCampaign: failures, poisoned interventions, undelivered notices', file: loadTextContent('../queries/failures-and-poison.kql') }
]

resource queries 'Microsoft.OperationalInsights/workspaces/savedSearches@2025-02-01' = [
  for query in savedQueries: {
    parent: logAnalytics
    name: query.name
    properties: {
      category: 'WeatherCampaign'
      displayName: query.displayName
      query: query.file
      version: 2
    }
  }
]

output applicationInsightsName string = applicationInsights.name
output applicationInsightsId string = applicationInsights.id
output logAnalyticsId string = logAnalytics.id
