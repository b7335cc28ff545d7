class Labels
{
    public const string PasswordLabel = "Password";
    public string PasswordPrompt => "Please enter your password";
}
