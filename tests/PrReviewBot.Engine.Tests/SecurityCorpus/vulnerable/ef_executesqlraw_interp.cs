using Microsoft.EntityFrameworkCore;
public class Cleanup
{
    public void Purge(DbContext context, string table)
    {
        context.Database.ExecuteSqlRaw($"TRUNCATE TABLE {table}"); // vuln
    }
}
