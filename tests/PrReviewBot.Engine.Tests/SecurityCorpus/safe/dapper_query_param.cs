using Dapper;
using System.Data;
public class ProductStore
{
    public object ByCategory(IDbConnection db, string category)
    {
        return db.Query<Product>("SELECT * FROM Products WHERE Category = @category", new { category });
    }
}
