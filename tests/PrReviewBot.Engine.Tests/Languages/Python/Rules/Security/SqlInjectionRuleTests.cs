using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class SqlInjectionRuleTests
{
    [Fact]
    public void Flags_formatted_sql_passed_directly()
    {
        PythonRuleVerifier.Verify<SqlInjectionRule>("""
            def find(cursor, name, user_id, table):
                [|cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")|]
                [|cursor.execute("SELECT * FROM users WHERE id = %s" % user_id)|]
                [|cursor.executemany("DELETE FROM {} WHERE id = ?".format(table), rows)|]
                [|conn.cursor().execute("SELECT * FROM users WHERE name = '" + name + "'")|]
            """);
    }

    [Fact]
    public void Flags_sql_built_in_a_local_variable()
    {
        PythonRuleVerifier.Verify<SqlInjectionRule>("""
            def search(cursor, term, order):
                [|query = f"SELECT * FROM items WHERE title LIKE '%{term}%'"
                cursor.execute(query)|]

            def sorted_items(cursor, order):
                sql = "SELECT * FROM items"
                [|sql += " ORDER BY " + order
                cursor.execute(sql)|]
            """);
    }

    [Fact]
    public void Flags_django_raw_extra_sqlalchemy_text_and_pandas()
    {
        PythonRuleVerifier.Verify<SqlInjectionRule>("""
            import pandas as pd
            from sqlalchemy import text

            def report(engine, name, status):
                [|users = User.objects.raw(f"SELECT * FROM auth_user WHERE username = '{name}'")|]
                [|qs = User.objects.extra(where=["status = '%s'" % status])|]
                [|rows = engine.execute(text(f"SELECT * FROM t WHERE name = '{name}'"))|]
                [|frame = pd.read_sql("SELECT * FROM t WHERE name = '" + name + "'", engine)|]
            """);
    }

    [Fact]
    public void Ignores_parameterized_queries()
    {
        PythonRuleVerifier.VerifyNone<SqlInjectionRule>("""
            from sqlalchemy import text

            def find(cursor, session, user_id, name):
                cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
                cursor.execute("SELECT * FROM users WHERE name = %(name)s", {"name": name})
                cursor.execute("SELECT 1")
                session.execute(text("SELECT * FROM users WHERE id = :id"), {"id": user_id})
                User.objects.raw("SELECT * FROM auth_user WHERE id = %s", [user_id])
            """);
    }

    [Fact]
    public void Ignores_constant_variables_and_unrelated_format_calls()
    {
        PythonRuleVerifier.VerifyNone<SqlInjectionRule>("""
            def run(cursor, executor, name):
                query = "SELECT * FROM users WHERE name = ?"
                cursor.execute(query, (name,))
                label = f"user {name}"
                executor.submit(label)
                logger.info("ran %s" % name)
                query2 = "SELECT a " + "FROM b"
                cursor.execute(query2)
            """);
    }

    [Fact]
    public void Ignores_concatenation_of_constants()
    {
        PythonRuleVerifier.VerifyNone<SqlInjectionRule>("""
            BASE_QUERY = "SELECT * FROM users"

            def find(cursor, user_id):
                cursor.execute(BASE_QUERY + " WHERE id = %s", (user_id,))
                sql = BASE_QUERY + " ORDER BY name"
                cursor.execute(sql)
            """);
    }

    [Fact]
    public void Flags_concatenation_with_a_parameter()
    {
        PythonRuleVerifier.Verify<SqlInjectionRule>("""
            BASE_QUERY = "SELECT * FROM users"

            def find(cursor, order):
                [|cursor.execute(BASE_QUERY + " ORDER BY " + order)|]
            """);
    }

    [Fact]
    public void Ignores_literals_formatted_with_nothing()
    {
        PythonRuleVerifier.Verify<SqlInjectionRule>("""
            def run(cur, user):
                cur.execute('SELECT * FROM John'.format())
                cur.execute('SELECT * FROM John' % ())
                query = 'SELECT * FROM John'.format()
                cur.execute(query)
                [|cur.execute('SELECT * FROM t WHERE u = {}'.format(user))|]
                [|cur.execute('SELECT * FROM t WHERE u = %s' % (user,))|]
            """);
    }

    [Fact]
    public void Ignores_sql_an_orm_compiled()
    {
        PythonRuleVerifier.VerifyNone<SqlInjectionRule>("""
            def explain(cursor, qs, stmt):
                sql, params = qs.query.sql_with_params()
                cursor.execute(f"EXPLAIN ANALYZE {sql}", params)
                cursor.execute(f"EXPLAIN {str(qs.query)}")
                compiled = str(stmt.compile(compile_kwargs={"literal_binds": True}))
                query = f"EXPLAIN {compiled}"
                cursor.execute(query)
            """);
    }

    [Fact]
    public void Ignores_compiled_sql_passed_to_a_helper_of_the_module()
    {
        PythonRuleVerifier.VerifyNone<SqlInjectionRule>("""
            def _run_explain(sql: str, params: tuple, *, seqscan: bool = True) -> list:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}",
                        params,
                    )
                    return cursor.fetchone()[0]


            def analyze(qs):
                sql, params = qs.query.sql_with_params()
                return _run_explain(sql, params, seqscan=True)
            """);
    }

    [Fact]
    public void Flags_values_spliced_next_to_compiled_sql()
    {
        PythonRuleVerifier.Verify<SqlInjectionRule>("""
            def _run(cursor, sql, params):
                [|cursor.execute(f"EXPLAIN {sql}", params)|]


            def analyze(cursor, qs, name, table):
                sql, params = qs.query.sql_with_params()
                [|cursor.execute(f"{sql} AND name = '{name}'", params)|]
                params, sql = qs.query.sql_with_params()
                [|cursor.execute(f"EXPLAIN {sql}", params)|]
                _run(cursor, f"SELECT * FROM {table}", ())
                _run(cursor, sql, params)
            """);
    }

    [Fact]
    public void Flags_a_public_helper_and_request_query_strings_even_next_to_compiled_sql()
    {
        PythonRuleVerifier.Verify<SqlInjectionRule>("""
            def run_explain(cursor, sql, params):
                [|cursor.execute(f"EXPLAIN {sql}", params)|]


            def analyze(cursor, qs, request):
                sql, params = qs.query.sql_with_params()
                run_explain(cursor, sql, params)
                [|cursor.execute(f"SELECT * FROM t WHERE {str(request.query)}")|]
            """);
    }

    [Fact]
    public void Flags_built_sql_given_to_asyncpg_and_pg8000_connections_only()
    {
        PythonRuleVerifier.Verify<SqlInjectionRule>("""
            async def find(conn, pool, table):
                [|rows = await conn.fetch(f"SELECT * FROM {table}")|]
                [|row = await pool.fetchrow("SELECT * FROM %s" % table)|]
                [|conn.run("SELECT * FROM {}".format(table))|]
                return rows, row

            def unrelated(runner, client, name):
                runner.run("job %s" % name)
                return client.fetch(f"/api/{name}")
            """);
    }

    [Fact]
    public void Flags_built_sql_through_walrus_raw_sql_extra_and_query_clauses()
    {
        PythonRuleVerifier.Verify<SqlInjectionRule>("""
            from django.db.models.expressions import RawSQL

            def lookup(name, order):
                [|users = User.objects.raw(q := f"SELECT * FROM users WHERE name = '{name}'")|]
                [|annotated = User.objects.annotate(v=RawSQL("SELECT x FROM t WHERE y = '%s'" % name, ()))|]
                [|extra = User.objects.extra(select={"n": "SELECT count(*) FROM t WHERE y = " + name})|]
                [|rows = session.query(User).filter("name = '{}'".format(name)).all()|]
                fine = User.objects.extra(select={"n": "SELECT count(*) FROM t WHERE y = %s"}, select_params=(name,))
                ordered = session.query(User).order_by(User.name).all()
                also_fine = RawSQL("SELECT x FROM t WHERE y = %s", (name,))
                return users, annotated, extra, rows, fine, ordered, also_fine
            """);
    }

    [Fact]
    public void A_tainted_query_on_the_line_after_the_call_is_inside_the_finding()
    {
        var findings = PythonRuleVerifier.Run<SqlInjectionRule>("""
            def age(request):
                name = request.POST.get("name")
                rows = Person.objects.raw(
                    "SELECT age FROM person WHERE name = '%s'" % name
                )
                return rows
            """);

        var finding = Assert.Single(findings);
        Assert.Equal(2, finding.StartLine);
        Assert.Equal(4, finding.EndLine);
    }
}
