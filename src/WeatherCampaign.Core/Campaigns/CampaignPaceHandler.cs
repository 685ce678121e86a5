namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// Shows the <see cref="CampaignRequestPacer"/> every answer of the tenant, each attempt and the resend after a 401 alike,
/// so the one pace of the process learns from every call. The innermost handler of <see cref="CampaignHttpPipeline"/>.
/// </summary>
public sealed class CampaignPaceHandler(CampaignRequestPacer pacer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sentAt = pacer.Timestamp();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        pacer.Observe(response, sentAt);
        return response;
    }
}
