using System.Xml;
class Doc
{
    void Load(string xml)
    {
        var doc = new XmlDocument();
        doc.XmlResolver = new XmlUrlResolver(); // vuln
        doc.LoadXml(xml);
    }
}
