using System.Data.Common;
public class Orders
{
    private const string Table = "Orders";
    public void DeleteAll(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {Table}";
        command.ExecuteNonQuery();
    }
}
