using Microsoft.Extensions.DependencyInjection;
class Startup
{
    void ConfigureServices(IServiceCollection services)
    {
        services.AddCors(options => options.AddPolicy("app", policy => policy.WithOrigins("https://app.example.com").AllowCredentials()));
    }
}
