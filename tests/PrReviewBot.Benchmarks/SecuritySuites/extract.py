#!/usr/bin/env python3
"""Builds a labelled security corpus from public rule-test suites (read as text, never run).

Usage:
  extract.py CORPUS_DIR [--semgrep GIT_DIR] [--sonar-dotnet GIT_DIR] [--sonar-python GIT_DIR]
             [--codeql DIR]

Each GIT_DIR is a clone (or bare mirror) of the public repository; its HEAD is read with
`git show`, nothing is checked out or executed. --codeql is a folder holding copies of
github/codeql files under their repository paths (see README.md).

Writes CORPUS_DIR/cases/<suite>/<language>/<flattened file name> (each test file unchanged) and
CORPUS_DIR/labels.tsv with the columns
  suite language file line end_line label family origin_rule
`line` is the line the suite labels; `end_line` is the end of the statement (or labelled block)
that starts there, so a finding anywhere on that statement counts. Only lines the suite labels
count: vulnerable (ruleid / todoruleid / Noncompliant / FN / BAD) or safe (ok / todook /
Compliant / OK / GOOD). Lines whose label is ambiguous (a known false positive of the suite's
own tool, "compliant because already reported", comment-only lines) are left out.
Standard library only.
"""

import argparse
import io
import os
import re
import subprocess
import sys
import tokenize

FAMILIES = [
    "sql-injection", "command-injection", "code-injection", "path-traversal", "ssrf",
    "open-redirect", "xss", "regex", "jwt", "weak-crypto", "tls", "deserialization", "xxe",
    "secrets", "debug-config", "csrf", "other",
]

# ---------------------------------------------------------------------------------------------
# Reading a repository at HEAD.


class GitTree:
    def __init__(self, path):
        dotgit = os.path.join(path, ".git")
        self.git_dir = dotgit if os.path.isdir(dotgit) else path
        self.commit = self._git("rev-parse", "HEAD").strip()
        self.files = self._git("ls-tree", "-r", "--name-only", "HEAD").splitlines()

    def _git(self, *args):
        return subprocess.run(["git", "--git-dir", self.git_dir, *args], check=True,
                              capture_output=True).stdout.decode("utf-8", "replace")

    def grep(self, pattern, folder):
        """(path, matching line) for each line under folder that matches the pattern."""
        output = subprocess.run(["git", "--git-dir", self.git_dir, "grep", "-e", pattern, "HEAD", "--", folder],
                                capture_output=True).stdout.decode("utf-8", "replace")
        for line in output.splitlines():
            _, path, text = line.split(":", 2)
            yield path, text

    def read(self, path):
        data = subprocess.run(["git", "--git-dir", self.git_dir, "show", "HEAD:" + path],
                              check=True, capture_output=True).stdout
        return data.decode("utf-8", "replace")


class FolderTree:
    def __init__(self, path):
        self.root = path
        self.commit = "copied files, no single commit"
        self.files = sorted(
            os.path.relpath(os.path.join(d, f), path).replace(os.sep, "/")
            for d, _, fs in os.walk(path) for f in fs)

    def read(self, path):
        with open(os.path.join(self.root, path), encoding="utf-8", errors="replace") as handle:
            return handle.read()


# ---------------------------------------------------------------------------------------------
# The extent of the statement that starts on a labelled line.

def python_spans(text):
    """Maps each line to the last line of the logical line (or decorated block) starting there."""
    lines = text.split("\n")
    ends = {}
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        tokens = None
    if tokens:
        start = None
        for token in tokens:
            if token.type in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT,
                              tokenize.ENCODING):
                continue
            if start is None:
                start = token.start[0]
            if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                for line in range(start, token.start[0] + 1):
                    ends.setdefault(line, token.start[0])
                start = None
    result = {}
    for number in range(1, len(lines) + 1):
        end = ends.get(number, number)
        stripped = lines[number - 1].strip()
        # A decorator or a def/class header: the labelled thing is the whole block.
        if re.match(r"(@|def |async def |class )", stripped):
            end = python_block_end(lines, number, ends)
        result[number] = end
    return result


def python_block_end(lines, number, ends):
    indent = len(lines[number - 1]) - len(lines[number - 1].lstrip())
    current = ends.get(number, number)
    # Skip further decorators / the header itself.
    while current < len(lines) and lines[current - 1].rstrip().endswith(":") is False \
            and lines[current - 1].strip().startswith("@"):
        current = ends.get(current + 1, current + 1)
    last = current
    for index in range(current + 1, len(lines) + 1):
        line = lines[index - 1]
        if not line.strip() or line.strip().startswith("#"):
            continue
        if len(line) - len(line.lstrip()) <= indent:
            break
        last = ends.get(index, index)
    return last


def csharp_spans(text):
    """Maps each line to the end of the statement, declaration or block that starts there."""
    lines = text.split("\n")
    code = csharp_blank(lines)
    result = {}
    for number in range(1, len(lines) + 1):
        result[number] = csharp_statement_end(code, number)
    return result


def csharp_blank(lines):
    """Blanks out strings, chars and comments (keeping every position) so brackets inside them
    do not count; a string leaves one '_' where it starts."""
    code = []
    state = None
    for line in lines:
        out = [" "] * len(line)
        index = 0
        while index < len(line):
            char = line[index]
            if state == "block":
                if line.startswith("*/", index):
                    state = None
                    index += 2
                else:
                    index += 1
                continue
            if state == "verbatim":
                if line.startswith('""', index):
                    index += 2
                elif char == '"':
                    state = None
                    index += 1
                else:
                    index += 1
                continue
            if state == "raw":
                if line.startswith('"""', index):
                    state = None
                    index += 3
                else:
                    index += 1
                continue
            if line.startswith("//", index):
                break
            if line.startswith("/*", index):
                state = "block"
                index += 2
                continue
            if line.startswith('"""', index) or re.match(r'\$+"""', line[index:]):
                out[index] = "_"
                state = "raw"
                index = line.index('"""', index) + 3
                continue
            if re.match(r'(@\$|\$@|@)"', line[index:]):
                out[index] = "_"
                state = "verbatim"
                index = line.index('"', index) + 1
                continue
            if char in "\"'":
                out[index] = "_"
                quote = char
                index += 1
                while index < len(line) and line[index] != quote:
                    index += 2 if line[index] == "\\" else 1
                index += 1
                continue
            out[index] = char
            index += 1
        code.append("".join(out))
    return code


def csharp_statement_end(code, number):
    depth = 0
    seen_code = False
    limit = min(len(code), number + 300)
    for index in range(number, limit + 1):
        line = code[index - 1]
        stripped = line.strip()
        if not stripped:
            if not seen_code:
                return number
            continue
        if not seen_code and (stripped.startswith("#") or stripped in ("{", "}")):
            return number
        seen_code = True
        for char in line:
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
                if depth < 0:
                    return index
                if depth == 0 and char == "}":
                    rest = line[line.rindex("}") + 1:].strip()
                    if not rest.startswith((")", ",", ".", ";", "?")):
                        return index
            elif char == ";" and depth == 0:
                return index
    return number


def trim_spans(labels, spans):
    """A labelled block that holds other labelled lines keeps only its first line."""
    starts = sorted(labels)
    result = {}
    for line in starts:
        end = spans.get(line, line)
        if any(line < other <= end for other in starts):
            end = line
        result[line] = end
    return result


# ---------------------------------------------------------------------------------------------
# Families.

CWE_FAMILY = {
    89: "sql-injection", 943: "sql-injection", 564: "sql-injection",
    77: "command-injection", 78: "command-injection", 88: "command-injection",
    94: "code-injection", 95: "code-injection", 96: "code-injection", 1336: "code-injection",
    470: "code-injection", 913: "code-injection",
    22: "path-traversal", 23: "path-traversal", 36: "path-traversal", 73: "path-traversal",
    918: "ssrf", 601: "open-redirect",
    79: "xss", 80: "xss", 116: "xss",
    1333: "regex", 730: "regex", 185: "regex", 625: "regex",
    347: "jwt",
    326: "weak-crypto", 327: "weak-crypto", 328: "weak-crypto", 330: "weak-crypto",
    338: "weak-crypto", 916: "weak-crypto", 759: "weak-crypto", 760: "weak-crypto",
    1240: "weak-crypto", 329: "weak-crypto", 780: "weak-crypto", 1204: "weak-crypto",
    295: "tls", 297: "tls", 319: "tls", 322: "tls", 757: "tls", 5: "tls",
    502: "deserialization",
    611: "xxe", 776: "xxe", 827: "xxe",
    798: "secrets", 259: "secrets", 321: "secrets", 522: "secrets", 256: "secrets",
    489: "debug-config", 215: "debug-config", 11: "debug-config", 614: "debug-config",
    1004: "debug-config", 1275: "debug-config", 942: "debug-config", 209: "debug-config",
    352: "csrf",
}

# Rule-path words that name the family better than a loose CWE list does; first match wins.
KEYWORD_FAMILY = [
    (r"jwt", "jwt"),
    (r"ssrf", "ssrf"),
    (r"xxe|xml-?external|xmlreader|xmldocument|xmltextreader|defusedxml|xml-?parser|lxml", "xxe"),
    (r"redos|regex", "regex"),
    (r"deserializ|pickle|marshal|yaml-load|unsafe-load|jsonpickle|shelve|dill|"
     r"binaryformatter|losformatter|typenamehandling|netdatacontract|soapformatter|torch", "deserialization"),
    (r"csrf", "csrf"),
    (r"open-?redirect|redirect", "open-redirect"),
    (r"sql|raw-query|extra|tainted-sql|sqli|formatted-sql", "sql-injection"),
    (r"ldap", "other"),
    (r"command|subprocess|os-system|shell|spawn|popen|exec-detected|dangerous-system", "command-injection"),
    (r"eval|exec|code-injection|template-injection|ssti|render-template-string", "code-injection"),
    (r"xss|mark-safe|autoescape|html|unescaped|safestring|raw-html|response", "xss"),
    (r"path-traversal|path|directory|file|zip|tar", "path-traversal"),
    (r"secret|password|credential|hardcoded|api-key|token", "secrets"),
    (r"md5|sha1|crypt|hash|cipher|des|rc4|rsa|dsa|ecb|random|key-size", "weak-crypto"),
    (r"ssl|tls|cert|verify|http-not-https|insecure-transport|cleartext|unverified", "tls"),
    (r"debug|cors|cookie|bind|header", "debug-config"),
]


# Rules whose path words and CWE lists point to the wrong family.
SEMGREP_FAMILY_BY_ID = {
    "avoid_hardcoded_config_SECRET_KEY": "secrets",
    "insecure-file-permissions": "other",
    "open-directory-listing": "debug-config",
    "xpath-injection": "other",
    "dynamic-urllib-use-detected": "ssrf",
    "ssl-wrap-socket-is-deprecated": "tls",
    "weak-ssl-version": "tls",
    "no-set-ciphers": "tls",
    "host-header-injection-python": "other",
    "memory-marshal-create-span": "other",
    "request-data-write": "other",
}


def semgrep_family(rule_path, rule_id, cwes):
    if rule_id in SEMGREP_FAMILY_BY_ID:
        return SEMGREP_FAMILY_BY_ID[rule_id]
    text = (rule_path + "/" + rule_id).lower()
    if "jwt" in text:
        return "jwt"
    mapped = [CWE_FAMILY[c] for c in cwes if c in CWE_FAMILY]
    for pattern, family in KEYWORD_FAMILY:
        if re.search(pattern, text):
            if not mapped or family in mapped:
                return family
    if mapped:
        return mapped[0]
    return "other"


SONAR_FAMILY = {
    "S1523": "code-injection", "S2053": "weak-crypto", "S2068": "secrets",
    "S2077": "sql-injection", "S2092": "debug-config", "S2115": "secrets",
    "S2245": "weak-crypto", "S2257": "weak-crypto", "S2612": "other", "S2755": "xxe",
    "S3329": "weak-crypto", "S3330": "debug-config", "S3752": "other", "S3884": "other",
    "S4036": "command-injection", "S4211": "other", "S4212": "deserialization",
    "S4347": "weak-crypto", "S4423": "tls", "S4426": "weak-crypto", "S4433": "other",
    "S4502": "csrf", "S4507": "debug-config", "S4721": "command-injection",
    "S4790": "weak-crypto", "S4830": "tls", "S5122": "debug-config", "S5247": "xss",
    "S5332": "tls", "S5344": "weak-crypto", "S5439": "xss", "S5443": "other",
    "S5445": "other", "S5527": "tls", "S5542": "weak-crypto", "S5547": "weak-crypto",
    "S5659": "jwt", "S5693": "other", "S5753": "xss", "S5766": "deserialization",
    "S5773": "deserialization", "S5852": "regex", "S6377": "other", "S6418": "secrets",
    "S6437": "secrets", "S6444": "regex", "S6640": "other", "S6779": "secrets",
    "S6781": "secrets", "S6785": "other", "S6786": "debug-config",
    "S6985": "deserialization", "S7039": "debug-config", "S7625": "secrets",
    "S8389": "other", "S8392": "debug-config",
}

# Cloud-infrastructure (AWS CDK) rules: not application code, left out.
SONAR_LEFT_OUT = {
    "S6249", "S6252", "S6265", "S6270", "S6275", "S6281", "S6302", "S6303", "S6304",
    "S6308", "S6317", "S6319", "S6321", "S6327", "S6329", "S6330", "S6332", "S6333",
    "S6463", "S7608",
}

# ---------------------------------------------------------------------------------------------
# Output.


class Corpus:
    def __init__(self, root):
        self.root = root
        self.rows = []
        self.files = 0
        self.names = set()

    def add(self, suite, language, source_path, text, labels, spans):
        """labels: line -> (label, family, origin_rule)."""
        if not labels:
            return
        extension = ".py" if language == "python" else ".cs"
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", source_path.replace("/", "__"))
        if not name.endswith(extension):
            name += extension
        key = (suite, language, name)
        if key in self.names:
            raise SystemExit(f"two files flatten to {name}")
        self.names.add(key)
        folder = os.path.join(self.root, "cases", suite, language)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        self.files += 1
        ends = trim_spans(labels, spans)
        for line in sorted(labels):
            label, family, origin = labels[line]
            self.rows.append((suite, language, name, line, ends[line], label, family, origin))

    def write(self, sources):
        with open(os.path.join(self.root, "labels.tsv"), "w", encoding="utf-8", newline="\n") as handle:
            handle.write("suite\tlanguage\tfile\tline\tend_line\tlabel\tfamily\torigin_rule\n")
            for row in sorted(self.rows):
                handle.write("\t".join(str(value) for value in row) + "\n")
        with open(os.path.join(self.root, "SOURCES.tsv"), "w", encoding="utf-8", newline="\n") as handle:
            handle.write("suite\trepository\tcommit\n")
            for suite, repository, commit in sources:
                handle.write(f"{suite}\t{repository}\t{commit}\n")


def spans_for(language, text):
    return python_spans(text) if language == "python" else csharp_spans(text)


def is_comment_only(line):
    stripped = line.strip()
    return not stripped or stripped.startswith(("#", "//", "/*", "*"))


def put(labels, line, value, conflicts):
    """Two different labels on one line make it ambiguous: drop it."""
    if line in conflicts:
        return
    if line in labels and labels[line][0] != value[0]:
        del labels[line]
        conflicts.add(line)
        return
    labels.setdefault(line, value)


# ---------------------------------------------------------------------------------------------
# semgrep-rules: `# ruleid: id` (vulnerable) / `# ok: id` (safe) label the next code line.

SEMGREP_LABEL = re.compile(
    r"^\s*(?:#|//)\s*(ruleid|todoruleid|deepruleid|ok|todook|deepok)\s*:\s*([\w.,\s-]+?)\s*$")


def semgrep_rules(tree, yaml_path):
    """id -> (category, cwes) for each rule in a rule file."""
    if yaml_path not in tree.file_set:
        return {}
    text = tree.read(yaml_path)
    rules = {}
    current = None
    for line in text.split("\n"):
        match = re.match(r"^\s*-\s+id:\s*['\"]?([\w.-]+)", line)
        if match:
            current = match.group(1)
            rules[current] = {"category": None, "cwes": []}
            continue
        if current is None:
            continue
        match = re.match(r"^\s+category:\s*['\"]?([\w-]+)", line)
        if match and rules[current]["category"] is None:
            rules[current]["category"] = match.group(1)
        for cwe in re.findall(r"CWE-(\d+)", line):
            rules[current]["cwes"].append(int(cwe))
    return rules


def extract_semgrep(tree, corpus):
    tree.file_set = set(tree.files)
    count = 0
    for path in tree.files:
        language = "python" if path.startswith("python/") else "csharp" if path.startswith("csharp/") else None
        if language is None or ".fixed." in path:
            continue
        if not path.endswith(".py" if language == "python" else ".cs"):
            continue
        base = path.rsplit(".", 1)[0]
        rules = semgrep_rules(tree, base + ".yaml") or semgrep_rules(tree, base + ".yml")
        security = {rid: meta for rid, meta in rules.items()
                    if meta["category"] == "security" or "/security/" in path}
        if not security:
            continue
        text = tree.read(path)
        lines = text.split("\n")
        labels, conflicts = {}, set()
        for index, line in enumerate(lines):
            match = SEMGREP_LABEL.match(line)
            if not match:
                continue
            kind = match.group(1)
            ids = [i.strip() for i in match.group(2).split(",") if i.strip()]
            ids = [i for i in ids if i in security]
            if not ids:
                continue
            target = index + 1
            while target < len(lines) and (is_comment_only(lines[target])
                                           or SEMGREP_LABEL.match(lines[target])):
                target += 1
            if target >= len(lines):
                continue
            label = "vulnerable" if "ruleid" in kind else "safe"
            meta = security[ids[0]]
            family = semgrep_family(base, ids[0], meta["cwes"])
            put(labels, target + 1, (label, family, ids[0]), conflicts)
        corpus.add("semgrep", language, path, text, labels, spans_for(language, text))
        count += bool(labels)
    return count


# ---------------------------------------------------------------------------------------------
# Sonar test cases: `// Noncompliant` (vulnerable) / `// Compliant` (safe) on the line itself,
# or `// Noncompliant@+1` / `@-2` / `@12` for another line.

SONAR_COMMENT_CS = re.compile(r"//\s*(.*)$")
SONAR_COMMENT_PY = re.compile(r"#\s*(.*)$")


def sonar_label(comment):
    """(label or None, offset spec) from the text of a comment."""
    text = comment.strip()
    match = re.match(r"(Noncompliant|Compliant|FN|OK|Ok|ok)\b(@[+-]?\d+)?(.*)$", text)
    if not match:
        return None, None
    word, offset, rest = match.group(1), match.group(2), match.group(3)
    words = set(re.findall(r"[A-Za-z]+", rest))
    if word == "Noncompliant":
        if "FP" in words:
            return None, None
        return "vulnerable", offset
    if word == "FN" or "FN" in words:
        return "vulnerable", offset
    if "already" in rest.lower() or "FP" in words:
        return None, None
    return "safe", offset


def sonar_labels(text, language, family, rule):
    comment_re = SONAR_COMMENT_CS if language == "csharp" else SONAR_COMMENT_PY
    lines = text.split("\n")
    labels, conflicts = {}, set()
    for index, line in enumerate(lines):
        match = comment_re.search(line)
        if not match:
            continue
        # The comment marker must not sit inside a string: a cheap check on quotes before it.
        before = line[:match.start()]
        if before.count('"') % 2 or before.count("'") % 2:
            continue
        label, offset = sonar_label(match.group(1))
        if label is None:
            continue
        number = index + 1
        if offset:
            value = int(offset[1:]) if offset[1] in "+-" else None
            if offset[1] in "+-":
                number += value
            else:
                number = int(offset[1:])
        elif is_comment_only(line):
            continue
        if number < 1 or number > len(lines) or is_comment_only(lines[number - 1]):
            continue
        put(labels, number, (label, family, rule), conflicts)
    return labels


def sonar_keys(sources):
    """check class name -> rule key, from `@Rule(key = "S123")` (or a constant) on the class."""
    result = {}
    for path, text in sources:
        match = re.search(r"@Rule\(key\s*=\s*([^)]+)\)", text)
        if not match:
            continue
        key = match.group(1).strip()
        if not key.startswith('"'):
            constant = key.split(".")[-1]
            found = re.search(constant + r'\s*=\s*"(S\d+)"', text)
            if not found:
                continue
            key = found.group(1)
        result[os.path.basename(path)[:-5]] = key.strip('"')
    return result


DOTNET_LEFT_OUT = re.compile(
    r"CustomValues|WithWebConfig|DefaultMatchTimeout|_Net35|_Net4\.|_Net4$|UnknownFrameworkVersion")


def extract_sonar_dotnet(tree, corpus):
    keys = {}
    for path, text in tree.grep(r'DiagnosticId = "S[0-9]*"', "analyzers/src"):
        if path.endswith(".cs") and "VisualBasic" not in path:
            match = re.search(r'DiagnosticId\s*=\s*"(S\d+)"', text)
            if match:
                keys[os.path.basename(path)[:-3]] = match.group(1)
    count = 0
    prefix = "analyzers/tests/SonarAnalyzer.Test/TestCases/"
    classes = sorted(((name[:-4] if name.endswith("Base") else name), key)
                     for name, key in keys.items() if key in SONAR_FAMILY)
    for path in tree.files:
        if not path.startswith(prefix) or not path.endswith(".cs"):
            continue
        name = path[len(prefix):]
        if "/" in name:
            name = name.split("/")[0]
        hits = [(cls, key) for cls, key in classes
                if re.match(re.escape(cls) + r"([._]|$)", name)]
        if not hits:
            continue
        cls, key = max(hits, key=lambda hit: len(hit[0]))
        if DOTNET_LEFT_OUT.search(name[:-3] if name.endswith(".cs") else name):
            continue
        text = tree.read(path)
        labels = sonar_labels(text, "csharp", SONAR_FAMILY[key], key + " " + cls)
        corpus.add("sonar", "csharp", path[len(prefix):], text, labels, spans_for("csharp", text))
        count += bool(labels)
    return count


def extract_sonar_python(tree, corpus):
    main = "python-checks/src/main/java/"
    test = "python-checks/src/test/java/"
    checks = [(p, tree.read(p)) for p in tree.files if p.startswith(main) and p.endswith("Check.java")]
    keys = sonar_keys(checks)
    rule_json = "python-checks/src/main/resources/org/sonar/l10n/py/rules/python/"
    kinds = {}
    for path in tree.files:
        if path.startswith(rule_json) and path.endswith(".json"):
            match = re.search(r'"type"\s*:\s*"(\w+)"', tree.read(path))
            if match:
                kinds[os.path.basename(path)[:-5]] = match.group(1)
    resources = [p for p in tree.files if p.startswith("python-checks/src/test/resources/checks/")
                 and p.endswith(".py")]
    taken = {}
    for check, key in sorted(keys.items()):
        if kinds.get(key) not in ("SECURITY_HOTSPOT", "VULNERABILITY") or key in SONAR_LEFT_OUT:
            continue
        if key not in SONAR_FAMILY:
            print(f"sonar-python: no family for {key} {check}; left out", file=sys.stderr)
            continue
        tests = [p for p in tree.files if p.startswith(test) and p.endswith("/" + check + "Test.java")]
        for test_path in tests:
            for literal in re.findall(r'"(src/test/resources/checks/[^"]*)"', tree.read(test_path)):
                full = "python-checks/" + literal
                for resource in resources:
                    if resource == full or (not full.endswith(".py") and resource.startswith(full)):
                        taken.setdefault(resource, (key, check))
    count = 0
    for path in sorted(taken):
        key, check = taken[path]
        if re.search(r"[Cc]ustom", os.path.basename(path)):
            continue  # labels that hold only under a non-default rule configuration
        text = tree.read(path)
        labels = sonar_labels(text, "python", SONAR_FAMILY[key], key + " " + check)
        short = path[len("python-checks/src/test/resources/checks/"):]
        corpus.add("sonar", "python", short, text, labels, spans_for("python", text))
        count += bool(labels)
    return count


# ---------------------------------------------------------------------------------------------
# CodeQL query tests: inline expectations `# $ Alert` / `// $ Alert` (also `$ Alert[rule]`,
# `$ Source`-only lines are not sinks), and BAD / GOOD / NOT OK / OK comments in older tests.

CODEQL_CWE = re.compile(r"CWE-0*(\d+)")


def codeql_family(path):
    text = path.lower()
    match = CODEQL_CWE.search(path)
    cwe = int(match.group(1)) if match else None
    for pattern, family in [
        (r"jwt", "jwt"), (r"ssrf|requestforgery|request-forgery", "ssrf"),
        (r"xxe|xmlbomb|xml-bomb", "xxe"), (r"redos|regex|regexinjection", "regex"),
        (r"deserializ", "deserialization"), (r"csrf", "csrf"), (r"redirect", "open-redirect"),
        (r"sql", "sql-injection"), (r"command|shell", "command-injection"),
        (r"codeinjection|code-injection|templateinjection", "code-injection"),
        (r"xss|escaping", "xss"), (r"path|tarslip|zipslip", "path-traversal"),
        (r"hardcoded|credential", "secrets"),
        (r"crypto|hash|random", "weak-crypto"),
        (r"cert|ssl|tls|validation|insecureprotocol|hostkey", "tls"),
        (r"debug|stacktrace|cookie|cors|bindtoall", "debug-config")]:
        if re.search(pattern, text):
            return family
    return CWE_FAMILY.get(cwe, "other")


def codeql_labels(text, language, family, rule):
    lines = text.split("\n")
    marker = "#" if language == "python" else "//"
    labels, conflicts = {}, set()
    for index, line in enumerate(lines):
        position = line.find(marker)
        if position < 0 or is_comment_only(line):
            continue
        comment = line[position + len(marker):]
        label = None
        if re.search(r"\$\s*(Alert|Sink|[\w-]*=?\s*Alert)\b", comment) or re.search(r"\$\s*\S*Alert", comment):
            label = "vulnerable"
        elif re.match(r"\s*(BAD|NOT OK|Not OK|not ok)\b", comment):
            label = "vulnerable"
        elif re.match(r"\s*(GOOD|OK|ok)\b", comment) and "$" not in comment:
            label = "safe"
        if label:
            put(labels, index + 1, (label, family, rule), conflicts)
    return labels


def extract_codeql(tree, corpus):
    count = 0
    for path in tree.files:
        if path.endswith(".py") and "/python/ql/test/" in "/" + path:
            language = "python"
        elif path.endswith(".cs") and "/csharp/ql/test/" in "/" + path:
            language = "csharp"
        else:
            continue
        text = tree.read(path)
        folder = path.split("/Security/")[-1].split("/")[0]
        labels = codeql_labels(text, language, codeql_family(folder), folder)
        if not labels:
            continue
        short = path.split("/Security/")[-1]
        corpus.add("codeql", language, short, text, labels, spans_for(language, text))
        count += 1
    return count


# ---------------------------------------------------------------------------------------------
# security-code-scan: C# test programs embedded as verbatim strings in MSTest methods, often
# templated by [DataRow] arguments, with the diagnostics each expects. Only methods whose
# expectation is plain are taken: one C# program, no `if` in the method, no custom or audit
# configuration; the labelled line is the line a DataRow argument lands on (or the line an
# expected diagnostic names with WithLocation).

SCS_FAMILY = {
    "SCS0001": "command-injection", "SCS0002": "sql-injection", "SCS0003": "other",
    "SCS0004": "tls", "SCS0005": "weak-crypto", "SCS0006": "weak-crypto", "SCS0007": "xxe",
    "SCS0008": "debug-config", "SCS0009": "debug-config", "SCS0010": "weak-crypto",
    "SCS0011": "xxe", "SCS0013": "weak-crypto", "SCS0015": "secrets", "SCS0016": "csrf",
    "SCS0017": "xss", "SCS0018": "path-traversal", "SCS0026": "sql-injection",
    "SCS0027": "open-redirect", "SCS0028": "deserialization", "SCS0029": "xss",
    "SCS0031": "other", "SCS0032": "other", "SCS0033": "other", "SCS0034": "other",
}

SCS_FILE_FAMILY = [
    (r"PathTraversal", "path-traversal"), (r"LinqSql|SqlInjection|CommandText", "sql-injection"),
    (r"CommandInjection", "command-injection"), (r"OpenRedirect", "open-redirect"),
    (r"Deserialization", "deserialization"), (r"Xss|RequestValidation", "xss"), (r"Xxe|Xslt", "xxe"),
    (r"WeakCertificate", "tls"), (r"WeakCipher|WeakHashing|WeakRandom", "weak-crypto"),
    (r"InsecureCookie", "debug-config"), (r"Csrf", "csrf"), (r"HardcodedPassword", "secrets"),
]


def csharp_literal(text, index):
    """(value, next index) of the C# literal at index, or None."""
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    if text.startswith('@"', index):
        end = index + 2
        value = []
        while end < len(text):
            if text.startswith('""', end):
                value.append('"')
                end += 2
            elif text[end] == '"':
                return "".join(value), end + 1
            else:
                value.append(text[end])
                end += 1
        return None
    if text.startswith('"', index):
        end = index + 1
        value = []
        escapes = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}
        while end < len(text) and text[end] != '"':
            if text[end] == "\\":
                if text[end + 1] not in escapes:
                    return None
                value.append(escapes[text[end + 1]])
                end += 2
            else:
                value.append(text[end])
                end += 1
        return "".join(value), end + 1
    match = re.compile(r"(true|false|null|-?\d+)\b").match(text, index)
    if match:
        return match.group(1), match.end()
    return None


def data_row_values(arguments):
    values = []
    index = 0
    while True:
        parsed = csharp_literal(arguments, index)
        if parsed is None:
            return None
        value, index = parsed
        values.append(value)
        while index < len(arguments) and arguments[index] in " \t":
            index += 1
        if index >= len(arguments):
            return values
        if arguments[index] != ",":
            return None
        index += 1


def verbatim_string(text, start):
    """Content of the verbatim string whose opening quote is at start."""
    value = []
    index = start + 1
    while index < len(text):
        if text.startswith('""', index):
            value.append('"')
            index += 2
        elif text[index] == '"':
            return "".join(value)
        else:
            value.append(text[index])
            index += 1
    return None


def balanced_call(text, start):
    """Text inside the parentheses opening at start."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1:index]
    return None


def scs_methods(text):
    """(attributes text, name, parameters, body) for each test method."""
    blank = "\n".join(csharp_blanked_lines(text))
    pattern = re.compile(r"public\s+(?:async\s+)?(?:Task|void)\s+(\w+)\s*\(([^)]*)\)\s*\{")
    previous_end = 0
    for match in pattern.finditer(blank):
        depth = 0
        end = None
        for index in range(match.end() - 1, len(blank)):
            if blank[index] == "{":
                depth += 1
            elif blank[index] == "}":
                depth -= 1
                if depth == 0:
                    end = index
                    break
        if end is None:
            return
        yield text[previous_end:match.start()], match.group(1), match.group(2), text[match.end():end]
        previous_end = end + 1


def scs_program(template, parameters, values, interpolated):
    if not interpolated:
        return template
    names = dict(zip(parameters, values))
    result = []
    index = 0
    while index < len(template):
        if template.startswith("{{", index):
            result.append("{")
            index += 2
        elif template.startswith("}}", index):
            result.append("}")
            index += 2
        elif template[index] == "{":
            close = template.find("}", index)
            name = template[index + 1:close].strip()
            if name not in names or names[name] is None:
                return None
            result.append("" if names[name] == "null" else names[name])
            index = close + 1
        else:
            result.append(template[index])
            index += 1
    return "".join(result)


def extract_security_code_scan(tree, corpus):
    count = 0
    for path in tree.files:
        if not (path.startswith("SecurityCodeScan.Test/Tests/") and path.endswith(".cs")) or "/Config/" in path or "/Audit/" in path:
            continue
        text = tree.read(path)
        file_family = next((family for pattern, family in SCS_FILE_FAMILY if re.search(pattern, path)), None)
        class_ids = re.findall(r'Id\s*=\s*"(SCS\d+)"', text)
        for attributes, name, parameter_text, body in scs_methods(text):
            parameters = [p.strip().split()[-1] for p in parameter_text.split(",") if p.strip()]
            # `if (warn) { Verify(test, expected) } else { Verify(test) }`: a DataRow flag says which.
            switch = None
            branch = re.search(r"if\s*\((\w+)\)\s*\{([^{}]*)\}\s*else\s*\{([^{}]*)\}", body)
            if branch and branch.group(1) in parameters:
                warn_calls = re.findall(r"VerifyCSharpDiagnostic\(cSharpTest([^)]*)\)", branch.group(2))
                quiet_calls = re.findall(r"VerifyCSharpDiagnostic\(cSharpTest([^)]*)\)", branch.group(3))
                if [c.strip(" ,") for c in warn_calls] == ["expected"] and [c.strip(" ,") for c in quiet_calls] == [""]:
                    switch = parameters.index(branch.group(1))
                    body = body[:branch.start()] + "VerifyCSharpDiagnostic(cSharpTest, expected);" + body[branch.end():]
            if re.search(r"\bif\s*\(|\?\s*expected|switch", body) or body.count("cSharpTest =") != 1:
                continue
            # Expected compiler errors, and diagnostics the suite itself calls false positives.
            if re.search(r"FalsePositive|FP", name) or any(not i.startswith("SCS") for i in re.findall(r'Id\s*=\s*"(\w+)"', body)):
                continue
            calls = [balanced_call(body, m.end() - 1) for m in re.finditer(r"VerifyCSharpDiagnostic\(", body)]
            if not calls or any(call is None or not call.strip().startswith("cSharpTest") for call in calls):
                continue
            arguments = [call.strip()[len("cSharpTest"):].strip().lstrip(",").strip() for call in calls]
            kinds = set()
            for argument in arguments:
                parts = [part.strip() for part in re.split(r",(?![^(]*\))", argument) if part.strip()]
                if len(parts) > 1:
                    kinds.add("config")
                elif not parts or parts[0] == "null":
                    kinds.add("none")
                else:
                    kinds.add("expected")
            if len(kinds) != 1 or "config" in kinds:
                continue
            expected = kinds == {"expected"}
            start = re.search(r"cSharpTest\s*=\s*(\$@|@\$|@)\"", body)
            if not start:
                continue
            interpolated = "$" in start.group(1)
            template = verbatim_string(body, start.end() - 1)
            if template is None:
                continue
            before = body[:start.start()]
            if any(re.search(r"\b" + re.escape(p) + r"\s*=[^=]", before) for p in parameters):
                continue
            rows = []
            for line in attributes.split("\n"):
                row = re.match(r"\s*\[DataRow\((.*)\)\]\s*$", line)
                if row:
                    values = data_row_values(row.group(1))
                    if values is None or len(values) != len(parameters):
                        rows = None
                        break
                    rows.append(values)
            if rows is None:
                continue
            locations = []
            for argument in arguments:
                variable = re.match(r"(\w+)", argument)
                definition = ""
                if variable:
                    found = re.search(r"var\s+" + variable.group(1) + r"\s*=(.*?);", body, re.S)
                    definition = found.group(1) if found else ""
                locations += [int(n) for n in re.findall(r"WithLocation\((\d+)", argument + definition)]
                locations += [int(n) for n in re.findall(r'DiagnosticResultLocation\("Test0\.cs",\s*(\d+)', argument + definition)]
            ids = re.findall(r'Id\s*=\s*"(SCS\d+)"', body) or class_ids
            family = SCS_FAMILY.get(ids[0]) if ids else None
            family = file_family or family or "other"
            rule = (ids[0] + " " if ids and expected else "") + os.path.basename(path)[:-3] + "." + name
            label = "vulnerable" if expected else "safe"
            cases = rows if rows else [None]
            if switch is not None and not rows:
                continue
            for number, values in enumerate(cases):
                if switch is not None:
                    if values[switch] not in ("true", "false"):
                        continue
                    label = "vulnerable" if values[switch] == "true" else "safe"
                program = scs_program(template, parameters, values or [], interpolated)
                if program is None:
                    break
                lines = program.split("\n")
                if values is not None and not locations:
                    # The argument that lands in code: DataRows that vary a `using` directive
                    # (the same sink under another framework) do not say which line is at fault.
                    template_lines = template.split("\n")
                    marked = []
                    for parameter in parameters:
                        placeholder = "{" + parameter + "}"
                        found = [i + 1 for i, line in enumerate(template_lines) if placeholder in line]
                        if len(found) == 1 and not re.match(r"\s*(using|namespace|Imports)\b|.*\bclass\b", template_lines[found[0] - 1]):
                            marked = found
                            break
                    if len(marked) != 1 or "\n" in "".join(v or "" for v in values):
                        continue
                    targets = marked
                else:
                    targets = locations
                targets = [t for t in targets if 1 <= t <= len(lines) and not is_comment_only(lines[t - 1])]
                if not targets:
                    continue
                rule_name = rule if label == "vulnerable" or switch is None else re.sub(r"^SCS\d+ ", "", rule)
                labels = {t: (label, family, rule_name) for t in targets}
                short = os.path.basename(path)[:-3] + "." + name + (f".{number}" if values is not None else "") + ".cs"
                corpus.add("scs", "csharp", short, program, labels, spans_for("csharp", program))
                count += 1
    return count


def csharp_blanked_lines(text):
    """The text with strings, chars and comments blanked, line for line."""
    return csharp_blank(text.split("\n"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--semgrep", help="clone of https://github.com/semgrep/semgrep-rules")
    parser.add_argument("--sonar-dotnet", help="clone of https://github.com/SonarSource/sonar-dotnet")
    parser.add_argument("--sonar-python", help="clone of https://github.com/SonarSource/sonar-python")
    parser.add_argument("--security-code-scan", help="clone of https://github.com/security-code-scan/security-code-scan")
    parser.add_argument("--codeql", help="folder of github/codeql test files under their repository paths")
    options = parser.parse_args()
    corpus = Corpus(options.corpus)
    if os.path.isdir(os.path.join(options.corpus, "cases")):
        raise SystemExit(f"{options.corpus}/cases exists: remove it first")
    suites = [
        ("semgrep", options.semgrep, GitTree, extract_semgrep, "https://github.com/semgrep/semgrep-rules"),
        ("sonar csharp", options.sonar_dotnet, GitTree, extract_sonar_dotnet, "https://github.com/SonarSource/sonar-dotnet"),
        ("sonar python", options.sonar_python, GitTree, extract_sonar_python, "https://github.com/SonarSource/sonar-python"),
        ("security-code-scan", options.security_code_scan, GitTree, extract_security_code_scan,
         "https://github.com/security-code-scan/security-code-scan"),
        ("codeql", options.codeql, FolderTree, extract_codeql, "https://github.com/github/codeql"),
    ]
    source_names = {"sonar csharp": "sonar/csharp", "sonar python": "sonar/python", "security-code-scan": "scs"}
    sources = []
    for name, location, open_tree, extract, url in suites:
        if not location:
            continue
        tree = open_tree(location)
        print(f"{name}: {extract(tree, corpus)} files", file=sys.stderr)
        sources.append((source_names.get(name, name), url, tree.commit))
    corpus.write(sources)
    print(f"{corpus.files} files, {len(corpus.rows)} labelled lines -> {options.corpus}", file=sys.stderr)


if __name__ == "__main__":
    main()
