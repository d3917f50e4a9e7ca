using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Transport;

namespace SafetyLedger.Ingestion.Tests.Transport;

public sealed class DataTopicsTests
{
    [Fact]
    public void A_topic_is_read_once_and_then_answered_with_the_same_address()
    {
        var topics = new DataTopics();

        Assert.True(topics.TryRead("sl/acme-chem/plant-1/h2s-1/data", out var first));
        Assert.True(topics.TryRead(string.Concat("sl/acme-chem/", "plant-1/h2s-1/data"), out var again));

        Assert.Equal(new SensorAddress("acme-chem", "plant-1", "h2s-1"), first);
        Assert.Same(first, again);
    }

    [Theory]
    [InlineData("sl/acme-chem/plant 1/h2s-1/data", true)]
    [InlineData("sl/acme-chem/plant-1/h2s-1/status", false)]
    [InlineData("sl/acme-chem/deadletter", false)]
    [InlineData("other/acme-chem/plant-1/h2s-1/data", false)]
    public void A_topic_that_names_no_sensor_has_no_address(string topic, bool isData)
    {
        var topics = new DataTopics();

        Assert.Equal(isData, topics.TryRead(topic, out var address));
        Assert.Null(address);
        Assert.Equal(isData, topics.TryRead(topic, out _));
    }
}
