using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class SqlInjectionRuleTests
{
    [Fact]
    public void Flags_concatenated_text_in_SqlCommand_constructor_with_unresolved_client()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data.SqlClient;

            class Repository
            {
                public void Find(SqlConnection connection, string name)
                {
                    var command = [|new SqlCommand("SELECT * FROM Users WHERE Name = '" + name + "'", connection)|];
                    command.ExecuteReader();
                }
            }
            """);
    }

    [Fact]
    public void Flags_interpolation_format_and_concat_in_CommandText()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data.SqlClient;

            class Repository
            {
                public void Run(SqlCommand command, string table, string id)
                {
                    [|command.CommandText = $"SELECT * FROM {table}"|];
                    [|command.CommandText = string.Format("DELETE FROM Orders WHERE Id = '{0}'", id)|];
                    [|command.CommandText = string.Concat(new string[] { "UPDATE T SET A = 1 WHERE B = '", id, "'" })|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_at_the_sink_when_a_local_is_built_across_statements()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data.SqlClient;

            class Repository
            {
                public object Count(SqlConnection connection, string status)
                {
                    var sql = "SELECT COUNT(*) FROM Orders";
                    sql += " WHERE Status = '" + status + "'";
                    using var command = [|new SqlCommand(
                        sql,
                        connection)|];
                    return command.ExecuteScalar();
                }
            }
            """);
    }

    [Fact]
    public void Flags_StringBuilder_with_non_constant_append()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data.SqlClient;
            using System.Text;

            class Repository
            {
                public void Run(SqlConnection connection, string column)
                {
                    var builder = new StringBuilder("SELECT Id, ItemType");
                    builder.AppendFormat(" FROM {0} ", column);
                    var command = connection.CreateCommand();
                    [|command.CommandText = builder.ToString()|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_entity_framework_raw_sql_and_string_overloads()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using Microsoft.EntityFrameworkCore;

            class Repository
            {
                private readonly ShopContext context;

                public void Run(string name)
                {
                    [|context.Database.ExecuteSqlRaw("DELETE FROM Users WHERE Name = '" + name + "'")|];
                    var users = [|context.Users.FromSqlRaw($"SELECT * FROM Users WHERE Name = '{name}'")|];
                    var more = [|context.Users.FromSql("SELECT * FROM Users WHERE Name = '" + name + "'")|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_entity_framework_6_interpolation_which_is_not_parameterized()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data.Entity;

            class Repository
            {
                public void Run(DbContext context, string name)
                {
                    [|context.Database.ExecuteSqlCommand($"DELETE FROM Users WHERE Name = '{name}'")|];
                    var rows = [|context.Database.SqlQuery<User>("SELECT * FROM Users WHERE Name = '" + name + "'")|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_dapper_calls_on_connection_receivers_and_SqlMapper()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data;
            using System.Threading.Tasks;
            using Dapper;

            class Repository
            {
                private IDbConnection con;

                public async Task Run(string query, string param)
                {
                    var a = [|con.Query<User>(query + param, new { Id = 1 })|];
                    var b = [|con.QueryFirstOrDefault(typeof(object), query + param)|];
                    var c = await [|con.ExecuteAsync($"DELETE FROM T WHERE A = '{param}'")|];
                    var d = [|SqlMapper.Query(con, query + param)|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_adapters_and_request_values_passed_straight_through()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data.SqlClient;
            using Microsoft.AspNetCore.Mvc;

            public class ReportsController : Controller
            {
                public IActionResult Run(string filter)
                {
                    var adapter = [|new SqlDataAdapter("SELECT * FROM Reports WHERE " + filter, "Server=.")|];
                    var direct = [|new SqlCommand(Request.Query["sql"])|];
                    var passed = [|new SqlCommand(filter)|];
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public void Flags_object_initializer_and_target_typed_creation()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using Npgsql;

            class Repository
            {
                public void Run(NpgsqlConnection connection, string name)
                {
                    var first = new NpgsqlCommand { Connection = connection, [|CommandText = "SELECT 1 FROM t WHERE n = '" + name + "'"|] };
                    NpgsqlCommand second = [|new($"SELECT 1 FROM t WHERE n = '{name}'", connection)|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_parameterized_queries()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using System.Data.SqlClient;

            class Repository
            {
                public void Find(SqlConnection connection, string name)
                {
                    var command = new SqlCommand("SELECT * FROM Users WHERE Name = @name", connection);
                    command.Parameters.AddWithValue("@name", name);
                    command.ExecuteReader();
                }
            }
            """);
    }

    [Fact]
    public void Ignores_constant_building_with_const_fields_nameof_and_literals()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using System.Data.SqlClient;

            class Repository
            {
                private const string Table = "Users";
                private static readonly string Columns = "Id, " + nameof(Repository);

                public void Run(SqlConnection connection, bool active)
                {
                    const string where = " WHERE Active = 1";
                    var sql = "SELECT " + Columns + " FROM " + Table + where;
                    sql += " ORDER BY Id";
                    var command = new SqlCommand(sql, connection);
                    command.CommandText = $"SELECT * FROM {Table}";
                    command.CommandText = active ? "SELECT 1" : "SELECT 0";
                    command = new SqlCommand("" + 1 + 2, connection);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_a_string_parameter_passed_straight_through()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using System.Data.SqlClient;

            class Database
            {
                public SqlCommand Create(SqlConnection connection, string sql, SqlTransaction transaction)
                {
                    var command = new SqlCommand(sql, connection, transaction);
                    command.CommandText = sql;
                    return new SqlCommand(sql);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_numbers_guids_and_dates_spliced_into_sql()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using System;
            using System.Data.SqlClient;

            class Repository
            {
                public void Run(SqlConnection connection, int id, Guid key, long? limit)
                {
                    var command = new SqlCommand("SELECT * FROM T WHERE Id = " + id, connection);
                    command.CommandText = $"SELECT TOP {limit} * FROM T WHERE Key = '{key}' AND Id = {id.ToString()}";
                }
            }
            """);
    }

    [Fact]
    public void Ignores_entity_framework_core_interpolated_apis()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using Microsoft.EntityFrameworkCore;

            class Repository
            {
                private readonly ShopContext context;

                public void Run(string name)
                {
                    var a = context.Users.FromSqlInterpolated($"SELECT * FROM Users WHERE Name = {name}");
                    var b = context.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}");
                    context.Database.ExecuteSqlInterpolated($"DELETE FROM Users WHERE Name = {name}");
                    context.Database.ExecuteSql($"DELETE FROM Users WHERE Name = {name}");
                    context.Database.ExecuteSqlRaw("DELETE FROM Users WHERE Name = {0}", name);
                    var c = context.Database.SqlQuery<int>($"SELECT Id FROM Users WHERE Name = {name}");
                }
            }
            """);
    }

    [Fact]
    public void Ignores_dapper_with_constant_sql_and_look_alike_methods()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using System.Data;
            using System.Linq;
            using Dapper;

            class Repository
            {
                private IDbConnection con;
                private Searcher searcher;

                public void Run(string query, string param)
                {
                    con.Query("Select Name From Person Where Id=@Id", new { Id = param });
                    con.Query("", query + param);
                    con.Execute("Insert Into Person Values (@Id)", new { Id = param });
                    searcher.Query("name:" + param);
                    var list = new[] { 1, 2 }.Where(x => x > 1).ToList();
                }
            }
            """);
    }

    [Fact]
    public void Ignores_reading_CommandText_and_unrelated_string_building()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using System;
            using System.Data.SqlClient;

            class Repository
            {
                public void Run(SqlCommand command, string name)
                {
                    string text = command.CommandText;
                    var message = "Running " + text + " for " + name;
                    Console.WriteLine(message);
                    command.CommandText = "SELECT * FROM T WHERE Name = @name";
                    command.Parameters.AddWithValue("@name", name);
                }
            }
            """);
    }

    [Fact]
    public void Names_the_spliced_value_in_the_message()
    {
        var findings = CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data.SqlClient;

            class Repository
            {
                public void Find(SqlConnection connection, string userId)
                {
                    var q = "SELECT * FROM Users WHERE Id = '" + userId + "'";
                    var command = [|new SqlCommand(q, connection)|];
                }
            }
            """);
        Assert.Contains("`userId`", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("`new SqlCommand(…)`", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_request_data_in_controllers_and_invariant_formatting()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System;
            using System.Data;
            using Dapper;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public class ProductsController : Controller
            {
                private readonly ShopContext db;
                private readonly IDbConnection connection;

                public IActionResult Search()
                {
                    var term = Request.Form["term"];
                    var rows = [|db.Products.FromSqlRaw("SELECT * FROM Products WHERE Name LIKE '%" + term + "%'")|];
                    var sql = FormattableString.Invariant($"DELETE FROM Products WHERE Name = '{term}'");
                    connection.Execute([|new CommandDefinition(sql)|]);
                    return Ok(rows);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_stored_procedures_and_parameters_added_after_building()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using System.Data;
            using System.Data.SqlClient;

            class Repository
            {
                public DataSet ByCategory(SqlConnection connection, string category, bool newestFirst)
                {
                    var adapter = new SqlDataAdapter("ItemsStoredProcedure", connection);
                    adapter.SelectCommand.CommandType = CommandType.StoredProcedure;
                    adapter.SelectCommand.Parameters.Add(new SqlParameter("category", category));
                    var query = "SELECT ITEM, PRICE FROM PRODUCT WHERE ITEM_CATEGORY = @category";
                    query += newestFirst ? " ORDER BY CREATED DESC" : " ORDER BY PRICE";
                    var command = new SqlCommand(query, connection);
                    command.Parameters.AddWithValue("@category", category);
                    var result = new DataSet();
                    adapter.Fill(result);
                    return result;
                }
            }
            """);
    }

    [Fact]
    public void Follows_long_chains_of_reassignments_without_losing_constness()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data.SqlClient;

            class Repository
            {
                public void Run(SqlConnection connection, string name)
                {
                    var sql = "SELECT * FROM T WHERE 1 = 1";
                    sql = sql + " AND c0 = 1";
                    sql = sql + " AND c1 = 1";
                    sql = sql + " AND c2 = 1";
                    sql = sql + " AND c3 = 1";
                    sql = sql + " AND c4 = 1";
                    sql = sql + " AND c5 = 1";
                    sql = sql + " AND c6 = 1";
                    sql = sql + " AND c7 = 1";
                    sql = sql + " AND c8 = 1";
                    sql = sql + " AND c9 = 1";
                    sql = sql + " AND c10 = 1";
                    sql = sql + " AND c11 = 1";
                    sql = sql + " AND c12 = 1";
                    sql = sql + " AND c13 = 1";
                    sql = sql + " AND c14 = 1";
                    sql = sql + " AND c15 = 1";
                    sql = sql + " AND c16 = 1";
                    sql = sql + " AND c17 = 1";
                    sql = sql + " AND c18 = 1";
                    sql = sql + " AND c19 = 1";
                    sql = sql + " AND c20 = 1";
                    sql = sql + " AND c21 = 1";
                    sql = sql + " AND c22 = 1";
                    sql = sql + " AND c23 = 1";
                    sql = sql + " AND c24 = 1";
                    sql = sql + " AND c25 = 1";
                    sql = sql + " AND c26 = 1";
                    sql = sql + " AND c27 = 1";
                    sql = sql + " AND c28 = 1";
                    sql = sql + " AND c29 = 1";
                    var safe = new SqlCommand(sql, connection);
                    sql = sql + " AND name = '" + name + "'";
                    sql = sql + " AND c0 = 1";
                    sql = sql + " AND c1 = 1";
                    sql = sql + " AND c2 = 1";
                    sql = sql + " AND c3 = 1";
                    sql = sql + " AND c4 = 1";
                    sql = sql + " AND c5 = 1";
                    sql = sql + " AND c6 = 1";
                    sql = sql + " AND c7 = 1";
                    sql = sql + " AND c8 = 1";
                    sql = sql + " AND c9 = 1";
                    sql = sql + " AND c10 = 1";
                    sql = sql + " AND c11 = 1";
                    sql = sql + " AND c12 = 1";
                    sql = sql + " AND c13 = 1";
                    sql = sql + " AND c14 = 1";
                    sql = sql + " AND c15 = 1";
                    sql = sql + " AND c16 = 1";
                    sql = sql + " AND c17 = 1";
                    sql = sql + " AND c18 = 1";
                    sql = sql + " AND c19 = 1";
                    sql = sql + " AND c20 = 1";
                    sql = sql + " AND c21 = 1";
                    sql = sql + " AND c22 = 1";
                    sql = sql + " AND c23 = 1";
                    sql = sql + " AND c24 = 1";
                    sql = sql + " AND c25 = 1";
                    sql = sql + " AND c26 = 1";
                    sql = sql + " AND c27 = 1";
                    sql = sql + " AND c28 = 1";
                    sql = sql + " AND c29 = 1";
                    var unsafeCommand = [|new SqlCommand(sql, connection)|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_built_sql_after_the_connection_string_of_static_helpers()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data;
            using MySql.Data.MySqlClient;

            public sealed class Reports
            {
                public void Run(int id, string table)
                {
                    [|MySqlHelper.ExecuteDataRow("Server=db;Database=shop", $"SELECT * FROM {table} WHERE id = {id}")|];
                    [|MySqlHelper.ExecuteNonQuery("Server=db;Database=shop", "DELETE FROM " + table)|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_constant_sql_after_the_connection_string_of_static_helpers()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using System.Data;
            using MySql.Data.MySqlClient;

            public sealed class Reports
            {
                public void Run(string host, MySqlParameter id)
                {
                    var connectionString = "Server=" + host + ";Database=shop";
                    MySqlHelper.ExecuteDataRow(connectionString, "SELECT * FROM orders WHERE id = @id", id);
                    MySqlHelper.ExecuteNonQuery($"Server={host};Database=shop", "DELETE FROM carts WHERE expired = 1");
                }
            }
            """);
    }

    [Fact]
    public void Reads_the_first_argument_of_other_helpers_as_the_sql()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            public static class ReportHelper
            {
                public static int Execute(string sql, object parameters) => 0;
            }

            public sealed class Reports
            {
                public void Run(string table)
                {
                    [|ReportHelper.Execute("DELETE FROM " + table, new { })|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_built_sql_in_a_dapper_command_definition_but_not_parameters()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using Dapper;

            public sealed class Orders
            {
                public CommandDefinition Find(int id, string column)
                {
                    var safe = new CommandDefinition("SELECT * FROM orders WHERE id = @id", new { id });
                    return [|new CommandDefinition("SELECT " + column + " FROM orders")|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_a_private_query_helper_that_every_caller_hands_constant_fragments()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using System.Data.SqlClient;

            class StatisticsRepository
            {
                private const string Grouped = "GROUP BY SeriesId";

                public int Total(SqlConnection connection) => QueryGrouped(connection, "SUM(Size)");

                public int Count(SqlConnection connection)
                {
                    var select = "COUNT(*)";
                    return QueryGrouped(connection, select);
                }

                public int Missing(SqlConnection connection) => QueryGrouped(connection);

                private int QueryGrouped(SqlConnection connection, string outerSelect = "COUNT(Id)")
                {
                    var sql = $"SELECT {outerSelect} FROM (SELECT * FROM Episodes {Grouped}) AS Grouped";
                    var command = new SqlCommand(sql, connection);
                    return (int)command.ExecuteScalar();
                }

                public int Wrapped(SqlConnection connection, SqlBuilder builder, string template)
                {
                    var compiled = builder.AddTemplate(template);
                    return connection.QuerySingle<int>($"SELECT COUNT(*) FROM ({compiled.RawSql}) AS Grouped", compiled.Parameters);
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_private_query_helper_when_one_caller_hands_it_a_variable_or_none_is_in_sight()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data.SqlClient;

            class StatisticsRepository
            {
                public int Total(SqlConnection connection) => QueryGrouped(connection, "SUM(Size)");

                public int Column(SqlConnection connection, string column) => QueryGrouped(connection, column);

                private int QueryGrouped(SqlConnection connection, string outerSelect)
                {
                    var command = [|new SqlCommand($"SELECT {outerSelect} FROM Episodes", connection)|];
                    return (int)command.ExecuteScalar();
                }

                public int Other(SqlConnection connection, string filter) => Unused(connection, filter);

                private int Unused(SqlConnection connection, string where)
                {
                    var command = [|new SqlCommand($"SELECT COUNT(*) FROM Episodes WHERE {where}", connection)|];
                    return (int)command.ExecuteScalar();
                }

                protected int Exposed(SqlConnection connection, string where)
                {
                    var command = [|new SqlCommand($"SELECT COUNT(*) FROM Episodes WHERE {where}", connection)|];
                    return (int)command.ExecuteScalar();
                }
            }
            """);
    }

    [Fact]
    public void Flags_sql_built_for_ormlite_nhibernate_and_cosmos_queries()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data;
            using Microsoft.Azure.Cosmos;
            using NHibernate;
            using ServiceStack.OrmLite;

            public sealed class Reports
            {
                public void Run(IDbConnection db, ISession session, Container container, string name)
                {
                    var rows = [|db.Select<Row>("SELECT * FROM rows WHERE name = '" + name + "'")|];
                    var list = [|OrmLiteReadApi.SqlList<Row>(db, $"SELECT * FROM rows WHERE name = '{name}'")|];
                    var hql = [|session.CreateQuery("from Row r where r.Name = '" + name + "'")|];
                    var items = [|container.GetItemQueryIterator<Row>($"SELECT * FROM c WHERE c.name = '{name}'")|];
                    var definition = [|new QueryDefinition("SELECT * FROM c WHERE c.name = '" + name + "'")|];
                }
            }

            public sealed record Row(string Name);
            """);
    }

    [Fact]
    public void Ignores_parameterised_ormlite_and_cosmos_queries_and_linq_selects()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using System.Collections.Generic;
            using System.Data;
            using System.Linq;
            using Microsoft.Azure.Cosmos;
            using ServiceStack.OrmLite;

            public sealed class Reports
            {
                public void Run(IDbConnection db, Container container, List<string> dbNames, string name)
                {
                    var rows = db.Select<Row>("SELECT * FROM rows WHERE name = @name", new { name });
                    var definition = new QueryDefinition("SELECT * FROM c WHERE c.name = @name").WithParameter("@name", name);
                    var items = container.GetItemQueryIterator<Row>(definition);
                    var first = dbNames.Select(entry => entry + name).Single(entry => entry.Length > 0);
                }
            }

            public sealed record Row(string Name);
            """);
    }

    [Fact]
    public void Flags_interpolated_text_bound_to_the_raw_overload_by_extra_arguments_and_static_extension_calls()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using Microsoft.EntityFrameworkCore;

            class Reports
            {
                public void Run(DbContext context, string table, int id)
                {
                    [|context.Database.ExecuteSqlCommand($"DELETE FROM {table} WHERE Id = {0}", id)|];
                    [|RelationalDatabaseFacadeExtensions.ExecuteSqlRaw(context.Database, "DELETE FROM " + table)|];
                    var rows = [|RelationalQueryableExtensions.FromSqlRaw(context.Set<Row>(), $"SELECT * FROM {table}")|];
                }
            }

            public sealed record Row(string Name);
            """);
    }

    [Fact]
    public void Ignores_formattable_overloads_and_extension_calls_with_constant_or_passed_through_sql()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using Microsoft.EntityFrameworkCore;

            class Reports
            {
                public void Run(DbContext context, string query, string name)
                {
                    context.Database.ExecuteSqlCommand($"DELETE FROM Rows WHERE Name = {name}");
                    context.Database.ExecuteSqlInterpolated($"DELETE FROM Rows WHERE Name = {name}");
                    RelationalDatabaseFacadeExtensions.ExecuteSqlRaw(context.Database, query);
                    var rows = RelationalQueryableExtensions.FromSqlRaw(context.Set<Row>(), "SELECT * FROM Rows WHERE Name = {0}", name);
                }
            }

            public sealed record Row(string Name);
            """);
    }

    [Fact]
    public void Flags_built_text_in_nhibernate_query_definitions_and_data_sources()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Web.UI.WebControls;
            using NHibernate.Engine;

            class Queries
            {
                public void Define(NamedQueryDefinitionBuilder builder, string filter)
                {
                    [|builder.Query = "from Row r where r.Name = '" + filter + "'"|];
                    var named = [|new NamedQueryDefinition($"from Row r where r.Name = '{filter}'", false, null, 0, 0, FlushMode.Auto, CacheMode.Normal, false, null, null)|];
                    var source = [|new SqlDataSource("connection", "SELECT * FROM Rows WHERE Name = '" + filter + "'")|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_constant_query_definitions_data_sources_and_unrelated_query_properties()
    {
        CSharpRuleVerifier.VerifyNone<SqlInjectionRule>("""
            using System.Web.UI.WebControls;
            using NHibernate.Engine;

            class Queries
            {
                public void Define(NamedQueryDefinitionBuilder builder, SearchOptions options, string filter)
                {
                    builder.Query = "from Row r where r.Name = :name";
                    var source = new SqlDataSource("connection", "SELECT * FROM Rows WHERE Name = @name");
                    options.Query = "name:" + filter;
                }
            }

            public sealed class SearchOptions
            {
                public string Query { get; set; } = "";
            }
            """);
    }

    [Fact]
    public void Flags_request_input_in_sqlite_static_execute()
    {
        CSharpRuleVerifier.Verify<SqlInjectionRule>("""
            using System.Data.SQLite;
            using Microsoft.AspNetCore.Mvc;

            public class RowsController : Controller
            {
                public void Run(string input)
                {
                    [|SQLiteCommand.Execute(input, SQLiteExecuteType.Reader, null)|];
                }
            }
            """);
    }
}
