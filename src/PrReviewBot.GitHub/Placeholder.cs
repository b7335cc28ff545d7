namespace PrReviewBot.GitHub;
