using 'main.bicep'

// Production. Secrets are never here: set them in Key Vault (infra/README.md). The pipeline's prod entry carries the
// same network and policyMaxPauseShare (a test keeps the two in step) and overrides cxoneBaseUrl.
param environmentName = 'prod'
param cxoneBaseUrl = 'https://api.example-cxone.invalid/incontactapi/services/v32.0'
param weatherUserAgent = '(WeatherCampaign, ops@example.com)'
param policyMode = 'DryRun'
param maximumInstanceCount = 4
param cxoneTenantRequestsPerSecond = 100

// Closed network: storage and the vault only through private endpoints, the app through its VNet integration.
param network = true

// One cycle may pause at most a fifth of the running campaigns; more is held for a person (`plan`, then `run --approve`).
param policyMaxPauseShare = '0.2'
