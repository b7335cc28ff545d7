using System.Net;
class Mailer
{
    NetworkCredential Credentials()
    {
        string password = "Hunter2Hunter2"; // vuln
        return new NetworkCredential("mailer", password);
    }
}
