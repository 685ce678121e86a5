// One private endpoint (blob, queue, table or vault) in the endpoint subnet, with the private DNS zone that makes the
// service's public name resolve to it inside the virtual network.
param name string
param location string
param tags { *: string }

@description('The subnet that holds the private endpoints.')
param subnetId string

@description('The virtual network the DNS zone is linked to.')
param virtualNetworkId string

@description('The resource the endpoint connects to (storage account or Key Vault).')
param serviceId string

@description('Private link sub-resource: blob, queue, table or vault.')
@allowed(['blob', 'queue', 'table', 'vault'])
param groupId string

@description('The privatelink zone of the sub-resource, e.g. privatelink.blob.core.windows.net.')
param privateDnsZoneName string

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: privateDnsZoneName
  location: 'global'
  tags: tags

  resource link 'virtualNetworkLinks' = {
    name: 'link-${groupId}'
    location: 'global'
    tags: tags
    properties: {
      virtualNetwork: {
        id: virtualNetworkId
      }
      registrationEnabled: false
    }
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: groupId
        properties: {
          privateLinkServiceId: serviceId
          groupIds: [groupId]
        }
      }
    ]
  }

  resource dns 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: groupId
          properties: {
            privateDnsZoneId: zone.id
          }
        }
      ]
    }
  }
}

output id string = endpoint.id
