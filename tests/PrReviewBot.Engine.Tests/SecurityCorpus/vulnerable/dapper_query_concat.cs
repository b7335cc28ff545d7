using Dapper;
using System.Data;
public class ProductStore
{
    public object ByCategory(IDbConnection db, string category)
    {
        var sql = "SELECT * FROM Products WHERE Category = '" + category + "'";
        return db.Query<Product>(sql); // vuln
    }
}
