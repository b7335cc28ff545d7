using Microsoft.AspNetCore.Mvc;
public class AccountController : Controller
{
    public IActionResult Login(string returnUrl)
    {
        return LocalRedirect(returnUrl);
    }
}
