using System.IO;
using System.Xml;
class XmlLoader
{
    XmlReader Open(Stream input)
    {
        var settings = new XmlReaderSettings();
        settings.DtdProcessing = DtdProcessing.Prohibit;
        return XmlReader.Create(input, settings);
    }
}
