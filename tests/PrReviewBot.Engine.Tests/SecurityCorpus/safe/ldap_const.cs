using System.DirectoryServices;
class Directory
{
    SearchResultCollection All()
    {
        var searcher = new DirectorySearcher("(objectClass=user)");
        return searcher.FindAll();
    }
}
