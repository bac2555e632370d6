#!/usr/bin/env python3
"""Check the structure of JUnit XML reports (samverkan check --format junit).

    python3 check_junit.py [--rules N] FILE...

Each FILE is parsed with xml.etree.ElementTree (so it must be well-formed
XML 1.0) and checked for the form CI servers (Jenkins, GitLab) read:
  - the root is <testsuites name="samverkan"> and holds only <testsuite>s;
  - each <testsuite> has a name and holds only <testcase>s, each with a
    classname starting "samverkan." and a name, unique within the suite;
  - a <testcase> holds at most one <failure> (with type and message) and at
    most one <system-out>, nothing else;
  - the counts agree: a suite's tests = its testcases, its failures = its
    testcases with a failure, and the root's tests and failures are the sums;
  - every suite has the same testcases in the same order (the catalogue),
    and with --rules N, exactly N of them.

Output: `FILE: ok`, or one line per problem: `FILE: <problem>`.
Exit status: 0 when every file passes, 1 when one does not, 2 on a usage
error or an unreadable file.

Needs only python3.
"""

import argparse
import sys
import xml.etree.ElementTree as ET


def int_attr(el, name, problems, where):
    value = el.get(name)
    if value is None:
        problems.append("%s: no %s attribute" % (where, name))
        return None
    try:
        return int(value)
    except ValueError:
        problems.append("%s: %s=%r is not a number" % (where, name, value))
        return None


def check(root, rules):
    problems = []
    if root.tag != "testsuites":
        return ["the root is <%s>, not <testsuites>" % root.tag]
    if root.get("name") != "samverkan":
        problems.append("<testsuites> name is %r, not 'samverkan'" % root.get("name"))
    total_tests = total_failures = 0
    catalogue = None
    for i, suite in enumerate(root):
        where = "testsuite %d" % (i + 1)
        if suite.tag != "testsuite":
            problems.append("<testsuites> holds <%s>" % suite.tag)
            continue
        if not suite.get("name"):
            problems.append("%s: no name" % where)
        else:
            where = "testsuite %r" % suite.get("name")
        names = []
        failed = 0
        for case in suite:
            if case.tag != "testcase":
                problems.append("%s: holds <%s>" % (where, case.tag))
                continue
            name = case.get("name")
            cwhere = "%s, testcase %r" % (where, name)
            if not name:
                problems.append("%s: a testcase without a name" % where)
            if not (case.get("classname") or "").startswith("samverkan."):
                problems.append("%s: classname %r" % (cwhere, case.get("classname")))
            names.append(name)
            children = [child.tag for child in case]
            for tag in set(children):
                if tag not in ("failure", "system-out"):
                    problems.append("%s: holds <%s>" % (cwhere, tag))
                elif children.count(tag) > 1:
                    problems.append("%s: %d <%s> elements" % (cwhere, children.count(tag), tag))
            failure = case.find("failure")
            if failure is not None:
                failed += 1
                for attr in ("type", "message"):
                    if failure.get(attr) is None:
                        problems.append("%s: <failure> without %s" % (cwhere, attr))
                if failure.get("type") not in ("error", "warning", "note"):
                    problems.append("%s: <failure> type %r" % (cwhere, failure.get("type")))
                if not (failure.text or "").strip():
                    problems.append("%s: <failure> without text" % cwhere)
        if len(set(names)) != len(names):
            problems.append("%s: testcase names repeat" % where)
        tests = int_attr(suite, "tests", problems, where)
        failures = int_attr(suite, "failures", problems, where)
        if tests is not None and tests != len(names):
            problems.append("%s: tests=%d, but it holds %d testcases" % (where, tests, len(names)))
        if failures is not None and failures != failed:
            problems.append("%s: failures=%d, but %d testcases fail" % (where, failures, failed))
        if rules is not None and len(names) != rules:
            problems.append("%s: %d testcases, not %d (the catalogue)" % (where, len(names), rules))
        if catalogue is None:
            catalogue = names
        elif names != catalogue:
            problems.append("%s: its testcases differ from the first suite's" % where)
        total_tests += len(names)
        total_failures += failed
    tests = int_attr(root, "tests", problems, "<testsuites>")
    failures = int_attr(root, "failures", problems, "<testsuites>")
    if tests is not None and tests != total_tests:
        problems.append("<testsuites>: tests=%d, but the suites hold %d" % (tests, total_tests))
    if failures is not None and failures != total_failures:
        problems.append("<testsuites>: failures=%d, but %d testcases fail" % (failures, total_failures))
    return problems


def main():
    parser = argparse.ArgumentParser(description="Check the structure of JUnit XML reports.")
    parser.add_argument("--rules", type=int, help="the number of rules in the catalogue")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    failed = False
    for path in args.files:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            print("%s: cannot read: %s" % (path, e), file=sys.stderr)
            return 2
        try:
            root = ET.fromstring(data)
        except ET.ParseError as e:
            print("%s: not well-formed XML: %s" % (path, e))
            failed = True
            continue
        problems = check(root, args.rules)
        for problem in problems:
            print("%s: %s" % (path, problem))
        if problems:
            failed = True
        else:
            print("%s: ok" % path)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
