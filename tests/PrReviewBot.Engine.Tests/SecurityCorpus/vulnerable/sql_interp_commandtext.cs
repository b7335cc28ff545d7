using System.Data.Common;
public class Orders
{
    public void Delete(DbConnection connection, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM Orders WHERE Id = {id}"; // vuln
        command.ExecuteNonQuery();
    }
}
