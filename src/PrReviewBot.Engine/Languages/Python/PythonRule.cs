namespace PrReviewBot.Engine.Languages.Python;

/// <summary>
/// One Python rule: a descriptor and the code that reports it. Rules are stateless; the engine
/// finds every concrete subclass in this assembly, so adding a rule is adding a file.
/// </summary>
public abstract class PythonRule : Rule<PythonRuleContext>
{
}
