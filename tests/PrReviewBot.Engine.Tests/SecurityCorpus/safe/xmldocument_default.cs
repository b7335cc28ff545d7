using System.Xml;
class Doc
{
    void Load(string xml)
    {
        var doc = new XmlDocument();
        doc.LoadXml(xml);
    }
}
