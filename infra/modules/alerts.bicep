// Alerts when an intervention fails for good: RecordPoisonedIntervention logs an error "Intervention failed …" for every
// message the host moved to the poison queue.
param name string
param location string
param tags { *: string }
param applicationInsightsId string

@description('Action group to notify; empty raises the alert in Azure Monitor without notifying anyone.')
param actionGroupId string = ''

@description('How often the query runs and how far back it looks (ISO 8601).')
param evaluationFrequency string = 'PT5M'

// Errors only (severityLevel 3 = Error, 4 = Critical); matched on the message, the structured template
// ({OriginalFormat}) or the category/function, so both the worker's and the host's log shapes count.
var failedInterventionQuery = '''
union isfuzzy=true
  (traces
    | where severityLevel >= 3
    | extend template = tostring(customDimensions["{OriginalFormat}"]),
             category = strcat(tostring(customDimensions["CategoryName"]), " ", tostring(customDimensions["Category"]))
    | where message startswith "Intervention failed"
         or template startswith "Intervention failed"
         or category has "RecordPoisonedIntervention"
         or operation_Name == "RecordPoisonedIntervention"),
  (customEvents
    | where name startswith "Intervention failed")
| project timestamp, itemType, message, operation_Name, operation_Id
'''

resource failedIntervention 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'WeatherCampaign: intervention failed'
    description: 'An intervention reached the poison queue (interventions-poison) and was recorded as failed in the audit table. Look up the audit row with Outcome eq \'failed\'.'
    severity: 1
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: evaluationFrequency
    windowSize: evaluationFrequency
    criteria: {
      allOf: [
        {
          query: failedInterventionQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: empty(actionGroupId) ? [] : [actionGroupId]
    }
  }
}

output id string = failedIntervention.id
output name string = failedIntervention.name
