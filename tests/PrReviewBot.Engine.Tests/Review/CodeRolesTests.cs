using PrReviewBot.Engine.Languages;

namespace PrReviewBot.Engine.Tests.Review;

public sealed class CodeRolesTests
{
    [Theory]
    [InlineData("tests/test_api.py", CodeRole.Test)]
    [InlineData("pkg/api_test.py", CodeRole.Test)]
    [InlineData("conftest.py", CodeRole.Test)]
    [InlineData("src/App.Tests/ParserTests.cs", CodeRole.Test)]
    [InlineData("test/Unit/Parser.cs", CodeRole.Test)]
    [InlineData("tests/fixtures/settings.py", CodeRole.Fixture)]
    [InlineData("pkg/testdata/config.yml", CodeRole.Fixture)]
    [InlineData("examples/quickstart.py", CodeRole.Example)]
    [InlineData("docs/conf.py", CodeRole.Example)]
    [InlineData("shop/migrations/0007_order_total.py", CodeRole.Migration)]
    [InlineData("src/app/api.py", CodeRole.Product)]
    [InlineData("src/Parser/Testimonial.cs", CodeRole.Product)]
    [InlineData("src/latest/contest.py", CodeRole.Product)]
    public void Tells_the_role_from_the_path(string path, CodeRole role) => Assert.Equal(role, CodeRoles.Of(path, "x = 1\n"));

    [Fact]
    public void A_module_that_imports_a_test_framework_is_a_test()
    {
        Assert.Equal(CodeRole.Test, CodeRoles.Of("src/checks.py", "\"\"\"Checks.\"\"\"\nimport pytest\n"));
        Assert.Equal(CodeRole.Test, CodeRoles.Of("src/Checks.cs", "using System;\nusing Xunit;\n"));
        Assert.Equal(CodeRole.Product, CodeRoles.Of("src/runner.py", "# runs tests without importing pytest\nimport subprocess\n"));
    }

    [Fact]
    public void Alembic_and_entity_framework_migrations_are_told_by_their_content()
    {
        Assert.Equal(CodeRole.Migration, CodeRoles.Of("alembic/versions/1a2b_add_users.py", "revision = '1a2b'\ndown_revision = None\n\ndef upgrade():\n    pass\n"));
        Assert.Equal(CodeRole.Product, CodeRoles.Of("api/versions/v2.py", "def upgrade_client():\n    pass\n"));
        Assert.Equal(CodeRole.Migration, CodeRoles.Of("src/Data/Migrations/20240101_Init.cs", "[Migration(\"20240101_Init\")]\npartial class Init : Migration { }"));
        Assert.Equal(CodeRole.Product, CodeRoles.Of("src/Data/Migrations/MigrationRunner.cs", "class MigrationRunner { }"));
    }
}
