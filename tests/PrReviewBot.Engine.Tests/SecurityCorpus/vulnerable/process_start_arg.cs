using System.Diagnostics;
public class Converter
{
    public void Convert(string fileName)
    {
        Process.Start("convert.exe", fileName + " out.png"); // vuln
    }
}
