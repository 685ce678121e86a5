// The closed network (main.bicep's `network` option): a virtual network whose `app` subnet (delegated to Flex
// Consumption) carries the function app's outbound traffic through a NAT gateway, and whose `private-endpoints`
// subnet holds the private endpoints of the storage account (blob, queue, table) and the Key Vault. Both services
// then refuse every public request (storage.bicep, keyvault.bicep).
param virtualNetworkName string
param natGatewayName string
param publicIpName string
param location string
param tags { *: string }
param storageAccountName string
param keyVaultName string

@description('Name of the subnet the function app integrates with.')
param appSubnetName string

param addressPrefix string = '10.40.0.0/16'
param appSubnetPrefix string = '10.40.1.0/24'
param endpointSubnetPrefix string = '10.40.2.0/24'

var endpointSubnetName = 'private-endpoints'

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

// Outbound to the CXone tenant and the weather feed: a VNet-integrated app has no default outbound access, and a NAT
// gateway gives it one fixed address (which a tenant can allow-list).
resource publicIp 'Microsoft.Network/publicIPAddresses@2025-05-01' = {
  name: publicIpName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
  }
}

resource natGateway 'Microsoft.Network/natGateways@2025-05-01' = {
  name: natGatewayName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIpAddresses: [
      {
        id: publicIp.id
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: virtualNetworkName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [addressPrefix]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: appSubnetPrefix
          defaultOutboundAccess: false
          natGateway: {
            id: natGateway.id
          }
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: endpointSubnetName
        properties: {
          addressPrefix: endpointSubnetPrefix
          defaultOutboundAccess: false
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource endpointSubnet 'subnets' existing = {
    name: endpointSubnetName
  }

  resource appSubnet 'subnets' existing = {
    name: appSubnetName
  }
}

var storageSuffix = environment().suffixes.storage

module blobEndpoint 'privateendpoint.bicep' = {
  name: 'endpoint-blob'
  params: {
    name: 'pe-${storageAccountName}-blob'
    location: location
    tags: tags
    subnetId: vnet::endpointSubnet.id
    virtualNetworkId: vnet.id
    serviceId: storage.id
    groupId: 'blob'
    privateDnsZoneName: 'privatelink.blob.${storageSuffix}'
  }
}

module queueEndpoint 'privateendpoint.bicep' = {
  name: 'endpoint-queue'
  params: {
    name: 'pe-${storageAccountName}-queue'
    location: location
    tags: tags
    subnetId: vnet::endpointSubnet.id
    virtualNetworkId: vnet.id
    serviceId: storage.id
    groupId: 'queue'
    privateDnsZoneName: 'privatelink.queue.${storageSuffix}'
  }
}

module tableEndpoint 'privateendpoint.bicep' = {
  name: 'endpoint-table'
  params: {
    name: 'pe-${storageAccountName}-table'
    location: location
    tags: tags
    subnetId: vnet::endpointSubnet.id
    virtualNetworkId: vnet.id
    serviceId: storage.id
    groupId: 'table'
    privateDnsZoneName: 'privatelink.table.${storageSuffix}'
  }
}

module vaultEndpoint 'privateendpoint.bicep' = {
  name: 'endpoint-vault'
  params: {
    name: 'pe-${keyVaultName}-vault'
    location: location
    tags: tags
    subnetId: vnet::endpointSubnet.id
    virtualNetworkId: vnet.id
    serviceId: vault.id
    groupId: 'vault'
    privateDnsZoneName: 'privatelink.vaultcore.azure.net'
  }
}

output virtualNetworkId string = vnet.id
output appSubnetId string = vnet::appSubnet.id
output outboundIpAddress string = publicIp.properties.ipAddress
