using PrReviewBot.Engine.Languages.Python.Rules.Comments;
using static PrReviewBot.Engine.Tests.Languages.Python.PythonRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Comments;

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

    [Theory]
    [InlineData("Create a record in the projects table for our incomplete project", "stmt = projects.insert().values(external_id=project_external_id, complete=False)")]
    [InlineData("increment the counter", "count += 1")]
    [InlineData("return the result", "return result")]
    [InlineData("Fetch the user from the database", "user = db.get_user(user_id)")]
    [InlineData("remove the entry from the cache", "del self._cache[key]")]
    [InlineData("Close the connection", "conn.close()")]
    [InlineData("Loop over the items", "for item in items:")]
    [InlineData("Parse the arguments", "args = parser.parse_args()")]
    [InlineData("Initialize the parser", "parser = argparse.ArgumentParser()")]
    [InlineData("validate the input", "check_input(raw_input)")]
    [InlineData("Send the request", "response = session.send(request)")]
    [InlineData("store the result", "self.result = compute(value)  # noqa: E501")]
    [InlineData("Create a new order row for this customer in the orders table", "insertQuery = orders.insert().values(customer=customer_obj.name)")]
    public void Flags_comments_that_restate_the_statement_in_other_words(string comment, string statement)
    {
        Verify<PythonRedundantCommentRule>($"def handler(self):\n    [|# {comment}|]\n    {statement}\n");
    }

    [Fact]
    public void Reads_the_whole_statement_when_it_spans_several_lines()
    {
        Verify<PythonRedundantCommentRule>("""
            def create(projects, consumer_obj, project_external_id):
                [|# Create a record in the projects table for our incomplete project|]
                stmt = projects.insert().values(
                    external_id=project_external_id,
                    consumer_id=consumer_obj.id,
                    complete=False,
                )
                return stmt
            """);
    }

    /// <summary>Comments above real code in open-source projects that say why, or add a fact the code does not state.</summary>
    [Theory]
    [InlineData("Retry once because the connection may have dropped", "conn = self._reconnect()")]
    [InlineData("Avoid a circular import", "from . import models")]
    [InlineData("Fetch the user in order to warm the cache", "user = db.get_user(user_id)")]
    [InlineData("newest first", "items.sort(key=lambda item: item.date, reverse=True)")]
    [InlineData("Convert to seconds", "timeout = timeout_ms / 1000")]
    [InlineData("Wait for the worker thread to finish", "worker.join()")]
    [InlineData("Remove trailing slash", "path = path.rstrip(\"/\")")]
    [InlineData("Use a set for fast lookups", "seen = set()")]
    [InlineData("The default timeout in seconds", "DEFAULT_TIMEOUT = 30")]
    [InlineData("Fall back to the environment", "token = token or os.environ.get(\"TOKEN\")")]
    [InlineData("Compute the hash of the file contents", "digest = hashlib.sha256(data).hexdigest()")]
    [InlineData("Handle the case where the list is empty", "if not items:")]
    [InlineData("Helper functions", "def _slugify(text):")]
    [InlineData("Strip the BOM that Excel adds", "text = text.lstrip(\"\\ufeff\")")]
    [InlineData("Keep the connection open for the streaming body", "conn.close = lambda: None")]
    [InlineData("Set up logging", "logging.basicConfig(level=logging.INFO)")]
    [InlineData("Don't follow redirects across hosts", "kwargs[\"allow_redirects\"] = False")]
    [InlineData("Is the request a retry?", "retry = request.headers.get(\"X-Retry\")")]
    [InlineData("the id is stable across restarts", "project_id = uuid5(NAMESPACE, project.name)")]
    [InlineData("Python 2 compatibility", "string_types = (str, bytes)")]
    [InlineData("Returns early for HEAD requests", "return response")]
    [InlineData("Mimic the behaviour of urllib3", "headers = CaseInsensitiveDict(headers)")]
    [InlineData("Get the user's name", "namespace = request.namespace")]
    [InlineData("Create the tables", "Base.metadata.create_all(engine)")]
    [InlineData("Empty body means no content", "body = b\"\"")]
    [InlineData("Reset the counter after each batch", "count = 0")]
    [InlineData("Build the URL from its parts, e.g. for redirects", "url = urlunparse((scheme, netloc, path, params, query, fragment))")]
    [InlineData("Preserve the original exception", "raise ConnectionError(err, request=request)")]
    [InlineData("Copy the headers so callers can mutate them", "headers = dict(self.headers)")]
    [InlineData("Sort by priority, ties by insertion order", "queue.sort(key=priority_of)")]
    [InlineData("Only the first chunk has the header", "chunk = next(chunks)")]
    [InlineData("Python functions", "functions = []")]
    [InlineData("Lazy import: numpy is heavy", "import numpy")]
    [InlineData("server errors", "INTERNAL_SERVER_ERROR = 500, \"Internal Server Error\"")]
    [InlineData("ASGI scope.", "scope = {\"type\": \"http\", \"asgi\": {\"version\": \"3.0\"}}")]
    [InlineData("SSLContext", "ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)")]
    [InlineData("Account delete", "account_delete_token_generator = AccountDeleteTokenGenerator(key_salt=salt)")]
    [InlineData("given a product with an attribute value assigned", "pk = product.pk")]
    [InlineData("when the checkout is completed", "checkout_complete(checkout)")]
    public void Keeps_comments_that_say_why_or_add_a_fact(string comment, string statement)
    {
        VerifyNone<PythonRedundantCommentRule>($"def handler(self):\n    # {comment}\n    {statement}\n");
    }

    [Fact]
    public void Keeps_test_phase_labels_that_head_several_statements()
    {
        VerifyNone<PythonRedundantCommentRule>("""
            def test_batch_size_metric(get_metrics, rf):
                # Send the request
                request = rf.post(path="/graphql/", data=data)
                GraphQLView.as_view()(request)

                # Check the metric
                metrics_data = get_metrics()
                metric = get_metric_data(metrics_data, METRIC_BATCH_SIZE)
                assert metric is not None
            """, path: "tests/test_view.py");
    }

    [Fact]
    public void Flags_a_test_comment_that_heads_a_single_statement()
    {
        Verify<PythonRedundantCommentRule>("""
            def test_counter():
                count = 0
                [|# increment the counter|]
                count += 1

                assert count == 1
            """, path: "tests/test_counter.py");
    }

    [Fact]
    public void Flags_a_lone_block_label_in_product_code()
    {
        Verify<PythonRedundantCommentRule>("""
            def create_incomplete_project(consumer_obj, projectName):
                project_external_id = str(uuid.uuid4())
                [|# insert into the projects table|]
                insertStatement = insert(projects_table).values(external_id=project_external_id, name=projectName)
                with engine.begin() as connection:
                    connection.execute(insertStatement)
                return project_external_id
            """, path: "app/projects.py");
    }

    [Fact]
    public void Keeps_labels_that_outline_a_function_in_product_code()
    {
        VerifyNone<PythonRedundantCommentRule>("""
            def sync(client, store):
                # Fetch the orders
                orders = client.fetch_orders()
                pending = [order for order in orders if order.pending]

                # Save the orders
                store.save_orders(pending)
                store.commit()
            """, path: "app/sync.py");
    }

    [Fact]
    public void Flags_labels_whose_blocks_end_at_the_next_line()
    {
        Verify<PythonRedundantCommentRule>("""
            def sync(client, store):
                [|# fetch the orders|]
                orders = client.fetch_orders()

                [|# save the orders|]
                store.save_orders(orders)

                return orders
            """, path: "app/sync.py");
    }
}
