using System;
using System.Net;
class Mailer
{
    NetworkCredential Credentials()
    {
        string password = Environment.GetEnvironmentVariable("MAIL_PASSWORD");
        return new NetworkCredential("mailer", password);
    }
}
