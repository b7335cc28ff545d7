using System.Data.SqlClient;
class Repo
{
    void Run(string user)
    {
        string query = string.Format("SELECT * FROM Accounts WHERE Owner = '{0}'", user);
        using (var cmd = new SqlCommand(query)) // vuln
        {
            cmd.ExecuteNonQuery();
        }
    }
}
