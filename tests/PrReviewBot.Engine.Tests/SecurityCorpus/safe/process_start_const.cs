using System.Diagnostics;
public class Launcher
{
    public void OpenNotepad()
    {
        Process.Start("notepad.exe");
    }
}
