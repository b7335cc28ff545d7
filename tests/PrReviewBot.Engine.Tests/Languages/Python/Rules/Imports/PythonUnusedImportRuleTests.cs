using System.Diagnostics.CodeAnalysis;
using PrReviewBot.Engine.Languages.Python.Rules.Imports;
using static PrReviewBot.Engine.Tests.Languages.Python.PythonRuleVerifier;

[assembly: SuppressMessage(
    "Naming",
    "CA1716:Identifiers should not match keywords",
    Scope = "namespace",
    Target = "~N:PrReviewBot.Engine.Tests.Languages.Python.Rules.Imports",
    Justification = "The tests mirror the engine's folders, which name the review group (imports).")]

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Imports;

public sealed class PythonUnusedImportRuleTests
{
    [Fact]
    public void Flags_unused_dotted_module_and_offers_deletion()
    {
        var findings = Verify<PythonUnusedImportRule>("""
            import os
            [|import sqlalchemy.orm|]

            print(os.getcwd())
            """);

        Assert.Equal("`sqlalchemy.orm` is imported but never used.", findings.Single().Message);
        Assert.Equal(string.Empty, findings.Single().Replacement);
    }

    [Fact]
    public void Flags_each_unused_name_of_a_from_import_without_a_suggestion()
    {
        var findings = Verify<PythonUnusedImportRule>("""
            from sqlalchemy import [|Column|], Integer, [|String|]

            ID = Integer
            """);

        Assert.Contains(findings, finding => finding.Message == "`sqlalchemy.Column` is imported but never used.");
        Assert.All(findings, finding => Assert.Null(finding.Replacement));
    }

    [Fact]
    public void Flags_unused_alias_and_relative_import()
    {
        var findings = Verify<PythonUnusedImportRule>("""
            [|import numpy as np|]
            [|from . import models|]
            from .db import session

            session.commit()
            """);

        Assert.Equal("`numpy as np` is imported but never used.", findings[0].Message);
        Assert.Equal("`.models` is imported but never used.", findings[1].Message);
    }

    [Fact]
    public void Flags_name_with_noqa_for_another_code()
    {
        Verify<PythonUnusedImportRule>("""
            [|import json  # noqa: E501|]
            """);
    }

    [Fact]
    public void Flags_multi_line_import_list_names_on_their_lines()
    {
        Verify<PythonUnusedImportRule>("""
            from typing import (
                Any,
                [|Optional|],
            )

            def f(x: Any) -> Any:
                return x
            """);
    }

    [Fact]
    public void Counts_reads_in_code_annotations_type_comments_and_fstrings()
    {
        VerifyNone<PythonUnusedImportRule>("""
            from __future__ import annotations

            import os.path
            import datetime
            from typing import TYPE_CHECKING, List

            if TYPE_CHECKING:
                from sqlalchemy.orm import Session


            def f(session: "Session", items):
                # type: (...) -> List[int]
                return f"{datetime.date.today()} {os.path.sep} {session} {items}"
            """);
    }

    [Fact]
    public void Ignores_reexports_probes_noqa_and_star_imports()
    {
        VerifyNone<PythonUnusedImportRule>("""
            from os import *
            from .models import Project
            from .models import Owner as Owner
            import logging  # noqa
            import json  # noqa: F401

            try:
                import ujson
            except ImportError:
                ujson = None

            __all__ = ["Project"]
            """);
    }

    [Fact]
    public void Ignores_package_init_files()
    {
        VerifyNone<PythonUnusedImportRule>("from .models import Project\n", path: "pkg/__init__.py");
    }

    [Fact]
    public void Says_nothing_without_the_whole_file()
    {
        VerifyNone<PythonUnusedImportRule>("import sqlalchemy.orm\n", hasFullContent: false);
    }

    [Fact]
    public void Counts_decorators_bases_exceptions_defaults_and_global_uses()
    {
        VerifyNone<PythonUnusedImportRule>("""
            import functools
            from dataclasses import dataclass
            from enum import Enum
            from json import JSONDecodeError
            from os import sep as SEPARATOR
            from typing import Any


            @dataclass
            class Color(Enum):
                RED = 1


            @functools.lru_cache
            def parse(text, separator=SEPARATOR, **options: Any):
                try:
                    return text.split(separator)
                except JSONDecodeError:
                    return []
            """);
    }

    [Fact]
    public void Names_inside_type_strings_anywhere_count_as_uses()
    {
        VerifyNone<PythonUnusedImportRule>("""
            from typing import TYPE_CHECKING, Any, Callable, cast

            if TYPE_CHECKING:
                from http.cookiejar import CookieJar
                from .models import Response

            HookType = Callable[["Response"], Any]


            def jar(prepared: Any) -> Any:
                return cast("CookieJar", prepared.cookies)
            """);
    }

    [Fact]
    public void Compat_shims_are_re_export_modules()
    {
        VerifyNone<PythonUnusedImportRule>("""
            from urllib.parse import quote, urlparse
            from collections import OrderedDict
            """, path: "src/requests/compat.py");
    }

    [Fact]
    public void A_string_that_is_prose_does_not_hide_an_unused_import()
    {
        Verify<PythonUnusedImportRule>("""
            [|import json|]

            MESSAGE = "json is not used here, really."
            """);
    }

    [Fact]
    public void Flags_a_submodule_import_when_only_the_package_is_used_through_another_import()
    {
        var findings = Verify<PythonUnusedImportRule>("""
            import sqlalchemy
            [|import sqlalchemy.orm|]


            def insert_project(projects, values):
                return sqlalchemy.insert(projects).values(**values)
            """);

        Assert.Equal("`sqlalchemy.orm` is imported but never used.", findings.Single().Message);
    }

    [Fact]
    public void Flags_only_the_unused_one_of_two_submodule_imports()
    {
        Verify<PythonUnusedImportRule>("""
            import xml.etree.ElementTree
            [|import xml.dom.minidom|]

            tree = xml.etree.ElementTree.parse("projects.xml")
            """);
    }

    [Fact]
    public void Keeps_submodule_imports_used_through_their_path()
    {
        VerifyNone<PythonUnusedImportRule>("""
            import os
            import os.path
            import sqlalchemy
            import sqlalchemy.orm
            import urllib.parse
            import urllib.request


            def session_for(engine) -> "sqlalchemy.orm.Session":
                query = urllib.parse.urlencode({"cwd": os.getcwd()})
                urllib.request.urlopen(f"http://localhost/?{query}")
                return sqlalchemy.orm.Session(bind=engine, info={"root": os.path.join("/", "srv")})
            """);
    }

    [Fact]
    public void Keeps_a_lone_submodule_import_whose_package_is_used()
    {
        // `import os.path` is the idiomatic way to get `os` too; with nothing else binding `os`, it is the import in use.
        VerifyNone<PythonUnusedImportRule>("""
            import os.path
            import logging.handlers

            print(os.getcwd())
            logging.getLogger(__name__)
            """);
    }

    [Fact]
    public void Keeps_a_submodule_import_that_loads_a_sibling_used_in_code()
    {
        // `import a.b.c` loads `a.b`: a use of `a.b.other` may rely on it.
        VerifyNone<PythonUnusedImportRule>("""
            import google
            import google.protobuf.json_format

            message = google.protobuf.text_format.Parse(text, google.Message())
            """);
    }
}
