using 'main.bicep'

// Values for a first deployment. Secrets are never here: set them in Key Vault (infra/README.md).
// The pipeline overrides environmentName, cxoneBaseUrl and maximumInstanceCount per environment.
param environmentName = 'dev'
param cxoneBaseUrl = 'https://api.example-cxone.invalid/incontactapi/services/v32.0'
param weatherUserAgent = '(WeatherCampaign, ops@example.com)'
param policyMode = 'DryRun'
param maximumInstanceCount = 4
param cxoneTenantRequestsPerSecond = 100
