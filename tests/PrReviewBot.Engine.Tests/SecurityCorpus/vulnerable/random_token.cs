using System;
public class TokenService
{
    public string GenerateResetToken()
    {
        var random = new Random();
        return random.Next(100000, 999999).ToString(); // vuln
    }
}
