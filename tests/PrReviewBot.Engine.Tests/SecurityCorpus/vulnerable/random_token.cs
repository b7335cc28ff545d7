using System;
public class TokenService
{
    public string GenerateResetToken()
    {
        var random = new Random(); // vuln
        return random.Next(100000, 999999).ToString();
    }
}
