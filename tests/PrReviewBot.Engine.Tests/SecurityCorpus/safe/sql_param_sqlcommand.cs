using System.Data.SqlClient;
public class UserRepo
{
    public void Find(SqlConnection conn, string name)
    {
        var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = @name", conn);
        cmd.Parameters.AddWithValue("@name", name);
        cmd.ExecuteReader();
    }
}
