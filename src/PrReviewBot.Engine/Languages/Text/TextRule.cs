namespace PrReviewBot.Engine.Languages.Text;

/// <summary>
/// One rule for every text file, whatever its language: a descriptor and the code that reports it.
/// Rules are stateless; the analyzer finds every concrete subclass in this assembly, so adding a
/// rule is adding a file.
/// </summary>
public abstract class TextRule : Rule<TextRuleContext>
{
}
