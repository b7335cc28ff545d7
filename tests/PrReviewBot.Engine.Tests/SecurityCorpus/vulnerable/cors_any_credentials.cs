using Microsoft.Extensions.DependencyInjection;
class Startup
{
    void ConfigureServices(IServiceCollection services)
    {
        services.AddCors(options => options.AddPolicy("all", policy => policy.AllowAnyOrigin().AllowCredentials())); // vuln
    }
}
