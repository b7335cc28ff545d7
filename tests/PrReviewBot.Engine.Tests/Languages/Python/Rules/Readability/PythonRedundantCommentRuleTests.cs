using PrReviewBot.Engine.Languages.Python.Rules.Comments;
using static PrReviewBot.Engine.Tests.Languages.Python.PythonRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Readability;

public sealed class PythonRedundantCommentRuleTests
{
    [Fact]
    public void Flags_comment_that_restates_the_next_line()
    {
        var findings = Verify<PythonRedundantCommentRule>("""
            def save(projects_table, record):
                [|# create a record in the projects table|]
                projects_table.create_record(record)
            """);

        Assert.Equal("Comment `create a record in the projects table` only restates the next line.", findings.Single().Message);
    }

    [Fact]
    public void Flags_the_reference_reviews_example()
    {
        Verify<PythonRedundantCommentRule>("""
            def save(session, incomplete_project):
                [|# Create a record in the projects table for our incomplete project|]
                session.projects_table.create_record(incomplete_project)
            """);
    }

    [Fact]
    public void Flags_comment_above_an_assignment()
    {
        Verify<PythonRedundantCommentRule>("""
            def total(prices):
                [|# compute the total price|]
                total_price = compute_total(prices)
                return total_price
            """);
    }

    [Fact]
    public void Flags_module_level_comment_with_plural_words()
    {
        Verify<PythonRedundantCommentRule>("""
            [|# load the users|]
            users = load_user()
            """);
    }

    [Fact]
    public void Keeps_comments_that_give_a_reason()
    {
        VerifyNone<PythonRedundantCommentRule>("""
            def save(projects_table, record):
                # create the record here because the projects table has no trigger
                projects_table.create_record(record)
                # Note: close the session
                session.close()
                # see https://example.com/projects/table
                projects_table.create_record(record)
            """);
    }

    [Fact]
    public void Keeps_comments_that_add_information()
    {
        VerifyNone<PythonRedundantCommentRule>("""
            def save(projects_table, record):
                # retry once: the primary may be failing over
                projects_table.create_record(record)
                # users
                users = load_users()
            """);
    }

    [Fact]
    public void Ignores_directives_and_runs_of_comments()
    {
        VerifyNone<PythonRedundantCommentRule>("""
            #!/usr/bin/env python
            # -*- coding: utf-8 -*-
            import os
            # type: ignore
            os_path = os.path
            # pylint: disable=os-path
            os_path = os.path
            # save the record
            # in the projects table
            projects_table.save_record(record)
            """);
    }

    [Fact]
    public void Ignores_comment_followed_by_blank_line()
    {
        VerifyNone<PythonRedundantCommentRule>("""
            # load the users

            users = load_users()
            """);
    }
}
