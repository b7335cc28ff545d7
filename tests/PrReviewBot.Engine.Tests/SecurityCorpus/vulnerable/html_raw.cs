using Microsoft.AspNetCore.Mvc.Rendering;
public static class CommentRenderer
{
    public static object Render(IHtmlHelper Html, string comment)
    {
        return Html.Raw(comment); // vuln
    }
}
