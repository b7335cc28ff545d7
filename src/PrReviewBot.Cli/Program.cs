using PrReviewBot.Cli;
using PrReviewBot.Engine.Languages.CSharp;

// Loading Roslyn and the framework's reference assemblies overlaps with reading the change.
if (args is ["review", ..])
{
    CSharpAnalyzer.Prepare();
}

return ReviewCommand.Run(args, Console.In, Console.Out, Console.Error);
