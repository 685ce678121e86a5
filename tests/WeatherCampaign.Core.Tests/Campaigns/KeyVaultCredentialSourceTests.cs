using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;
using Moq;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Tests.Campaigns;

[TestClass]
public sealed class KeyVaultCredentialSourceTests
{
    private readonly Mock<SecretClient> _vault = new();
    private string _secret = "first-secret";
    private TaskCompletionSource _vaultAnswers = CompletedGate();

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private KeyVaultCredentialSource Source()
    {
        _vault.Setup(v => v.GetSecretAsync("cxone-client-id", It.IsAny<string>(), It.IsAny<SecretContentType?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Response.FromValue(SecretModelFactory.KeyVaultSecret(new SecretProperties("cxone-client-id"), "client-7"), Mock.Of<Response>()));
        _vault.Setup(v => v.GetSecretAsync("cxone-client-secret", It.IsAny<string>(), It.IsAny<SecretContentType?>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                await _vaultAnswers.Task;
                return Response.FromValue(SecretModelFactory.KeyVaultSecret(new SecretProperties("cxone-client-secret"), _secret), Mock.Of<Response>());
            });
        return new KeyVaultCredentialSource(_vault.Object, Options.Create(new KeyVaultOptions { Uri = "https://vault.example.net/" }));
    }

    [TestMethod]
    public async Task Reads_the_named_secrets_once_and_caches_them()
    {
        var source = Source();

        var first = await source.GetAsync(refresh: false, CancellationToken.None);
        var second = await source.GetAsync(refresh: false, CancellationToken.None);

        Assert.AreEqual(new CxoneCredentials("client-7", "first-secret"), first);
        Assert.AreSame(first, second);
        _vault.Verify(v => v.GetSecretAsync("cxone-client-secret", It.IsAny<string>(), It.IsAny<SecretContentType?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestMethod]
    public async Task Refresh_reads_a_rotated_secret()
    {
        var source = Source();
        await source.GetAsync(refresh: false, CancellationToken.None);
        _secret = "rotated-secret";

        var fresh = await source.GetAsync(refresh: true, CancellationToken.None);

        Assert.AreEqual("rotated-secret", fresh.ClientSecret);
    }

    [TestMethod]
    public async Task Many_callers_refreshing_at_once_read_the_vault_once()
    {
        var source = Source();
        var stale = await source.GetAsync(refresh: false, CancellationToken.None);
        _secret = "rotated-secret";
        _vaultAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 20).Select(_ => source.GetAsync(refresh: true, CancellationToken.None).AsTask()).ToList();
        _vaultAnswers.SetResult(); // every caller is waiting before the vault answers the first
        var all = await Task.WhenAll(calls);

        Assert.IsTrue(all.All(c => c.ClientSecret == "rotated-secret"));
        _vault.Verify(v => v.GetSecretAsync("cxone-client-secret", It.IsAny<string>(), It.IsAny<SecretContentType?>(), It.IsAny<CancellationToken>()), Times.Exactly(2), "the first read and one refresh");
        Assert.AreNotSame(stale, all[0]);
    }

    [TestMethod]
    public void Credentials_never_show_the_secret()
    {
        StringAssert.DoesNotMatch(new CxoneCredentials("client-7", "s3cr3t").ToString(), new System.Text.RegularExpressions.Regex("s3cr3t"));
    }
}
