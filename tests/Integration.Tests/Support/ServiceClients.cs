namespace SafetyLedger.Integration.Tests.Support;

/// <summary>HTTP clients for a service started in a test: authenticated with the local admin key it wrote to its data folder.</summary>
public static class ServiceClients
{
    public static HttpClient Admin(string url, string dataDirectory)
    {
        var lines = File.ReadAllLines(Path.Combine(dataDirectory, "admin.key"));
        var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Add("X-Api-Key", lines[1].Trim());
        return http;
    }
}
