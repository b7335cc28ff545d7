using Microsoft.AspNetCore.Mvc.Rendering;
public static class Footer
{
    public static object Render(IHtmlHelper Html)
    {
        return Html.Raw("<hr/>");
    }
}
