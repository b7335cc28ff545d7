class Db
{
    const string ConnectionString = "Server=db;Database=app;User Id=sa;Password=P@ssw0rd123;"; // vuln
}
