namespace PrReviewBot.FakeGitHub;
