using System.IO;
using System.Xml;
class XmlLoader
{
    XmlReader Open(Stream input)
    {
        var settings = new XmlReaderSettings();
        settings.DtdProcessing = DtdProcessing.Parse; // vuln
        return XmlReader.Create(input, settings);
    }
}
