using System.DirectoryServices;
class Directory
{
    SearchResult Find(string user)
    {
        var searcher = new DirectorySearcher("(&(objectClass=user)(sAMAccountName=" + user + "))"); // vuln
        return searcher.FindOne();
    }
}
