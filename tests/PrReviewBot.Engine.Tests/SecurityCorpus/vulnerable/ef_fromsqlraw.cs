using Microsoft.EntityFrameworkCore;
public class BlogService
{
    private readonly BlogContext _db;
    public BlogService(BlogContext db) { _db = db; }
    public object Search(string term)
    {
        return _db.Blogs.FromSqlRaw("SELECT * FROM Blogs WHERE Title LIKE '%" + term + "%'").ToList(); // vuln
    }
}
