using System;
using System.Text.RegularExpressions;
public class Validator
{
    public bool IsValid(string text)
    {
        return Regex.IsMatch(text, "^[a-z]+$", RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
