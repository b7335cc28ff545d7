using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Languages.Python.Rules.Docs;
using static PrReviewBot.Engine.Tests.Languages.Python.PythonRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Docs;

public sealed class PythonMissingDocstringRuleTests
{
    [Fact]
    public void Flags_undocumented_function_in_a_documented_module()
    {
        var findings = Verify<PythonMissingDocstringRule>("""
            def load(path):
                "Load a project from disk."
                return path


            [|def create_project(name, owner):|]
                return name, owner
            """);

        Assert.Equal("Function `create_project` has no docstring.", findings.Single().Message);
    }

    [Fact]
    public void Flags_class_and_method_when_the_module_has_a_docstring()
    {
        var findings = Verify<PythonMissingDocstringRule>("""
            '''Project storage.'''


            [|class ProjectStore:|]
                [|def save(self, record):|]
                    self.records.append(record)
                    return len(self.records)
            """);

        Assert.Equal("Class `ProjectStore` has no docstring.", findings[0].Message);
        Assert.Equal("Method `save` has no docstring.", findings[1].Message);
    }

    [Fact]
    public void Flags_decorated_and_async_functions_on_their_def_line()
    {
        Verify<PythonMissingDocstringRule>("""
            class Api:
                '''The public API.'''

                @staticmethod
                [|def ping():|]
                    return "pong"

                [|async def fetch(self, url):|]
                    return await self.client.get(url)
            """);
    }

    [Fact]
    public void Flags_public_method_of_a_documented_class()
    {
        Verify<PythonMissingDocstringRule>("""
            class Store:
                "Stores things."

                def __init__(self):
                    self.items = []

                [|def add(self, item):|]
                    self.items.append(item)
            """);
    }

    [Fact]
    public void Does_not_nag_an_existing_module_that_documents_nothing()
    {
        VerifyNone<PythonMissingDocstringRule>(
            """
            class ProjectStore:
                def save(self, record):
                    self.records.append(record)
                    return len(self.records)


            def create_project(name):
                store = ProjectStore()
                return store.save(name)
            """,
            changedLines: Added(10, 7, 8, 9));
    }

    [Fact]
    public void Asks_a_new_module_with_no_docstrings_for_its_public_api()
    {
        var findings = Verify<PythonMissingDocstringRule>("""
            [|class ProjectService:|]
                def __init__(self, session):
                    self.session = session

                [|def create_incomplete_project(self, consumer_obj):|]
                    project = Project(owner=consumer_obj, complete=False)
                    self.session.add(project)
                    return project


            [|def find_projects(session, owner):|]
                return session.query(Project).filter_by(owner=owner).all()
            """);

        Assert.Equal("Method `create_incomplete_project` has no docstring.", findings[1].Message);
    }

    [Fact]
    public void Asks_for_added_definitions_in_an_existing_module_that_mostly_documents_its_api()
    {
        Verify<PythonMissingDocstringRule>(
            """
            def load(path):
                "Load a project from disk."
                with open(path) as handle:
                    return handle.read()


            def save(path, text):
                "Save a project to disk."
                with open(path, "w") as handle:
                    handle.write(text)


            [|def remove(path):|]
                os.remove(path)
                return path
            """,
            changedLines: Added(15, 13, 14, 15));
    }

    [Fact]
    public void Does_not_nag_an_existing_module_where_documentation_is_the_exception()
    {
        VerifyNone<PythonMissingDocstringRule>(
            """
            def load(path):
                "Load a project from disk."
                with open(path) as handle:
                    return handle.read()


            def save(path, text):
                with open(path, "w") as handle:
                    handle.write(text)


            def rename(path, new_path):
                os.rename(path, new_path)
                return new_path


            def remove(path):
                os.remove(path)
                return path
            """,
            changedLines: Added(19, 17, 18, 19));
    }

    [Fact]
    public void Docs_off_never_asks()
    {
        VerifyNone<PythonMissingDocstringRule>(
            """
            '''Project storage.'''


            class ProjectStore:
                def save(self, record):
                    self.records.append(record)
                    return len(self.records)
            """,
            new ReviewOptions { Docs = DocsMode.Off });
    }

    [Fact]
    public void Docs_always_asks_even_where_the_module_documents_nothing_and_the_body_is_trivial()
    {
        Verify<PythonMissingDocstringRule>(
            """
            def load(path):
                with open(path) as handle:
                    return handle.read()


            [|class ProjectStore:|]
                [|def save(self, record):|]
                    return record


            [|class StoreError(Exception):|]
                pass
            """,
            new ReviewOptions { Docs = DocsMode.Always },
            changedLines: Added(12, 6, 7, 8, 9, 10, 11, 12));
    }

    [Fact]
    public void Leaves_trivial_definitions_alone_but_not_abstract_contracts()
    {
        Verify<PythonMissingDocstringRule>("""
            import abc


            class StoreError(Exception):
                pass


            class Store(abc.ABC):
                '''Where projects live.'''

                @property
                def name(self):
                    return self._name

                @abc.abstractmethod
                [|def save(self, record):|]
                    ...

                def close(self):
                    pass
            """);
    }

    [Fact]
    public void Leaves_overrides_of_documented_base_methods_and_framework_hooks_alone()
    {
        Verify<PythonMissingDocstringRule>("""
            from django.db import models
            from django.views.generic import ListView


            class Exporter:
                '''Writes projects somewhere.'''

                def export(self, projects):
                    '''Write every project; return how many were written.'''
                    raise NotImplementedError

                [|def describe(self):|]
                    return f"{type(self).__name__} for {self.target}"


            class CsvExporter(Exporter):
                '''Writes projects as CSV.'''

                def export(self, projects):
                    rows = [project.as_row() for project in projects]
                    self.writer.writerows(rows)
                    return len(rows)

                [|def flush_buffer(self):|]
                    self.writer.flush()
                    self.buffer.clear()


            class Project(models.Model):
                '''A project.'''

                def save(self, *args, **kwargs):
                    self.slug = slugify(self.name)
                    super().save(*args, **kwargs)

                def __str__(self):
                    return f"{self.name} ({self.owner})"


            class ProjectList(ListView):
                '''All projects of the signed-in user.'''

                def get_queryset(self):
                    queryset = super().get_queryset()
                    return queryset.filter(owner=self.request.user)
            """);
    }

    [Fact]
    public void Leaves_migrations_and_tests_alone()
    {
        const string Source = """
            from django.db import migrations


            class Migration(migrations.Migration):
                dependencies = [("projects", "0001_initial")]
                operations = []


            def forwards(apps, schema_editor):
                Project = apps.get_model("projects", "Project")
                Project.objects.update(complete=False)
            """;
        VerifyNone<PythonMissingDocstringRule>(Source, path: "projects/migrations/0002_complete.py");
        VerifyNone<PythonMissingDocstringRule>(Source, path: "tests/test_projects.py");
    }

    [Fact]
    public void Ignores_private_dunder_and_nested_definitions()
    {
        VerifyNone<PythonMissingDocstringRule>("""
            '''Helpers.'''


            def _helper():
                return 1


            class _Internal:
                def run(self):
                    return 2


            def outer():
                '''Outer.'''
                def inner():
                    return 3
                return inner
            """);
    }

    [Fact]
    public void Ignores_setters_overrides_overloads_and_tests()
    {
        VerifyNone<PythonMissingDocstringRule>("""
            from typing import overload, override


            class Base:
                '''Base.'''

                @property
                def name(self):
                    '''The name.'''
                    return self._name

                @name.setter
                def name(self, value):
                    self._name = value

                @override
                def __repr__(self):
                    return "Base"

                @override
                def save(self):
                    return None

                @overload
                def get(self, key: int) -> int: ...

                def get(self, key):
                    '''Get a value.'''
                    return key


            def test_base():
                assert Base()
            """);
    }

    [Fact]
    public void Ignores_documented_definitions_and_meta_classes()
    {
        VerifyNone<PythonMissingDocstringRule>("""
            class Project:
                '''A project.'''

                class Meta:
                    ordering = ["name"]

                def owner(self):
                    '''The owner.'''
                    return None
            """);
    }

    [Fact]
    public void Does_not_ask_for_an_existing_definition_whose_signature_the_change_edited()
    {
        VerifyNone<PythonMissingDocstringRule>(
            """
            def load(path):
                "Load a project from disk."
                return read(path)


            def default_hooks() -> dict[str, list]:
                return {event: [] for event in HOOKS}
            """,
            changedLines: Added(7, 6));
    }

    [Fact]
    public void Does_not_ask_for_docstrings_in_a_private_module()
    {
        VerifyNone<PythonMissingDocstringRule>(
            """
            class SupportsRead(Protocol):
                def read(self, size: int = -1) -> bytes:
                    raise NotImplementedError
            """,
            path: "src/requests/_types.py");
    }

    [Fact]
    public void Takes_a_comment_right_above_a_definition_as_its_documentation()
    {
        Verify<PythonMissingDocstringRule>("""
            '''Dispatch helpers.'''


            # Other methods may call the overridden method with the new ctx arg. Remove it
            # and call the method with the remaining args.
            def remove_ctx(f):
                return update_wrapper(lambda *args: f(*args[1:]), f)


            # noqa: E302
            [|def add_ctx(f):|]
                return update_wrapper(lambda *args: f(current(), *args), f)
            """);
    }

    [Fact]
    public void Leaves_classes_a_framework_finds_by_name_alone()
    {
        VerifyNone<PythonMissingDocstringRule>("""
            from django.core.management.base import BaseCommand


            class Command(BaseCommand):
                help = "Check the MPTT trees and rebuild the broken ones."

                def add_arguments(self, parser):
                    parser.add_argument("--fix", action="store_true")

                def handle(self, *args, **options):
                    for tree in TREES:
                        self.check(tree, fix=options["fix"])
            """);
    }

    [Fact]
    public void Leaves_methods_that_may_fill_in_an_imported_base_and_types_described_by_their_meta_alone()
    {
        Verify<PythonMissingDocstringRule>("""
            import graphene

            from ..core.mutations import BaseMutation


            class GiftCardAssignUser(BaseMutation):
                class Arguments:
                    id = graphene.ID(required=True)

                class Meta:
                    description = "Assign a gift card to a user."

                @classmethod
                def perform_mutation(cls, _root, info, /, *, id):
                    gift_card = cls.get_node_or_error(info, id)
                    return GiftCardAssignUser(gift_card=gift_card)


            [|class GiftCardBalanceAdjust(BaseMutation):|]
                @classmethod
                def perform_mutation(cls, _root, info, /, *, id, amount):
                    gift_card = cls.get_node_or_error(info, id)
                    gift_card.adjust(amount)
                    return GiftCardBalanceAdjust(gift_card=gift_card)
            """);
    }

    [Fact]
    public void Leaves_a_method_that_extends_its_base_method_through_super_alone_even_through_a_local_base()
    {
        Verify<PythonMissingDocstringRule>(
            """"
            """Groups of commands for the application."""
            import click


            class AppGroup(click.Group):
                """A group that runs its commands with an application context."""

                def command(self, *args, **kwargs):
                    """Like click's, but wraps the callback."""
                    return super().command(*args, **kwargs)


            class FlaskGroup(AppGroup):
                """The group of the flask command."""

                def parse_args(self, ctx, args):
                    if not args and self.no_args_is_help:
                        self.load_env_early(ctx)
                    return super().parse_args(ctx, args)

                [|def load_env_early(self, ctx):|]
                    ctx.ensure_object(dict)
                    ctx.obj["env"] = load_env()
                    return ctx.obj
            """",
            new ReviewOptions { Docs = DocsMode.Always });
    }

    [Fact]
    public void Takes_schema_field_descriptions_as_the_documentation_of_a_type()
    {
        VerifyNone<PythonMissingDocstringRule>("""
            import graphene


            class ReturnSettingsUpdateInput(BaseInputObjectType):
                return_reason_reference_type = graphene.ID(
                    description=(
                        "The ID of a model type, that will be used to reference return reasons."
                    ),
                    required=True,
                )
            """);
    }
}
