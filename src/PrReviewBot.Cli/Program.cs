using PrReviewBot.Cli;

return ReviewCommand.Run(args, Console.In, Console.Out, Console.Error);
