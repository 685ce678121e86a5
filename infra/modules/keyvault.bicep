// Key Vault for the CXone client credentials. Secrets are created out of band (infra/README.md), never from a template.
param name string
param location string
param tags { *: string }

@description('Closed network: no public endpoint, every request through the private endpoint (network.bicep).')
param network bool

@description('Log Analytics workspace that receives the vault\'s audit events (every secret read).')
param logAnalyticsId string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: network ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: network ? 'Deny' : 'Allow'
      bypass: network ? 'None' : 'AzureServices'
    }
  }
}

// The newest diagnosticSettings version is this preview (2016-09-01 is the older, non-extension shape the linter offers).
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsId
    logs: [
      { category: 'AuditEvent', enabled: true }
    ]
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
