using Microsoft.EntityFrameworkCore;
public class BlogService
{
    private readonly BlogContext _db;
    public BlogService(BlogContext db) { _db = db; }
    public object Search(string term)
    {
        return _db.Blogs.FromSqlInterpolated($"SELECT * FROM Blogs WHERE Title = {term}").ToList();
    }
}
