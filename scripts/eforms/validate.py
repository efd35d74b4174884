"""
Validates eForms notices offline: the SDK's XSD (lxml, libxml2) and its Schematron business
rules (XSLT 2 query binding) on Saxon-HE (saxonche).

The rules are compiled here to one XSLT 3.0 stylesheet, the way ISO Schematron's skeleton and
SchXslt do it: one mode per active pattern, one template per rule (earlier rules win, by
priority), one xsl:if per assert or report. Only what the SDK's static rules use is supported
(ns, let, phase/active, include, pattern, rule, assert, report); anything else stops with an
error instead of being skipped, so a rule can never be silently ignored.

Usage: python validate.py --xsd MAINDOC.xsd --sch RULES.sch [--phase ID] NOTICE.xml...
       (a NOTICE of "-" is read from standard input)
Prints one JSON object per notice, one a line:
  {"file", "xsdValid", "xsdErrors": [...], "failed": [{"id", "role", "location"}],
   "firedRules", "ms": {"xsd", "schematron"}}
Exit status 0 when every notice passed both, 1 when any failed, 2 on a usage or rule error.
"""

import argparse
import json
import sys
import time
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
SUPPORTED = {"schema", "title", "ns", "let", "phase", "active", "include", "pattern", "rule", "assert", "report", "p"}


def q(name: str) -> str:
    return f"{{{SCH}}}{name}"


def load_schema(path: Path) -> etree._Element:
    parser = etree.XMLParser(no_network=True, remove_comments=True)
    root = etree.parse(str(path), parser).getroot()

    def resolve(el: etree._Element, base: Path) -> None:
        for child in list(el):
            if not isinstance(child.tag, str):
                continue
            if child.tag == q("include"):
                target = (base / child.get("href")).resolve()
                inc = etree.parse(str(target), parser).getroot()
                resolve(inc, target.parent)
                el.replace(child, inc)
            else:
                resolve(child, base)

    resolve(root, path.parent)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        ns, _, local = el.tag[1:].partition("}")
        if ns != SCH or local not in SUPPORTED:
            raise SystemExit(f"unsupported Schematron element {el.tag} (line {el.sourceline})")
    return root


def compile_rules(schema: etree._Element, phase: str | None) -> str:
    phase = phase or schema.get("defaultPhase")
    patterns = schema.findall(q("pattern"))
    if phase and phase != "#ALL":
        ph = next((p for p in schema.findall(q("phase")) if p.get("id") == phase), None)
        if ph is None:
            raise SystemExit(f"phase {phase} not found")
        wanted = [a.get("pattern") for a in ph.findall(q("active"))]
        by_id = {p.get("id"): p for p in patterns}
        missing = [w for w in wanted if w not in by_id]
        if missing:
            raise SystemExit(f"phase {phase} names missing patterns: {missing}")
        patterns = [by_id[w] for w in wanted]

    nsmap = {"xsl": XSL}
    for ns in schema.findall(q("ns")):
        nsmap[ns.get("prefix")] = ns.get("uri")
    xsl = etree.Element(f"{{{XSL}}}stylesheet", nsmap=nsmap, version="3.0")
    xsl.set("exclude-result-prefixes", "#all")
    etree.SubElement(xsl, f"{{{XSL}}}output", method="text")

    def variable(parent: etree._Element, let: etree._Element) -> None:
        etree.SubElement(parent, f"{{{XSL}}}variable", name=let.get("name"), select=let.get("value"))

    # Schema- and pattern-level variables are global: evaluated once on the notice.
    for let in schema.findall(q("let")):
        variable(xsl, let)
    for pattern in patterns:
        for let in pattern.findall(q("let")):
            variable(xsl, let)

    root_t = etree.SubElement(xsl, f"{{{XSL}}}template", match="/")
    for i, _ in enumerate(patterns):
        etree.SubElement(root_t, f"{{{XSL}}}apply-templates", select=".", mode=f"p{i}")

    for i, pattern in enumerate(patterns):
        mode = f"p{i}"
        rules = pattern.findall(q("rule"))
        for j, rule in enumerate(rules):
            t = etree.SubElement(
                xsl, f"{{{XSL}}}template", match=rule.get("context"), mode=mode, priority=str(len(rules) - j + 1)
            )
            for let in rule.findall(q("let")):
                variable(t, let)
            # A readable location: prefixed names from the root (the notice's own prefixes).
            etree.SubElement(
                t,
                f"{{{XSL}}}variable",
                name="where",
                select="'/' || string-join(for $n in ancestor-or-self::node()[parent::node()] "
                "return (if ($n instance of attribute()) then '@' else '') || name($n), '/')",
            )
            etree.SubElement(t, f"{{{XSL}}}text").text = f"F\t{pattern.get('id')}#{j}\n"
            for check in rule:
                if check.tag not in (q("assert"), q("report")):
                    continue
                test = check.get("test")
                cond = f"not({test})" if check.tag == q("assert") else f"({test})"
                if_ = etree.SubElement(t, f"{{{XSL}}}if", test=cond)
                etree.SubElement(if_, f"{{{XSL}}}text").text = "X\t"
                fields = f"{json.dumps(check.get('id') or '')}, {json.dumps(check.get('role') or 'ERROR')}, $where"
                etree.SubElement(if_, f"{{{XSL}}}value-of", select=f"string-join(({fields}), '\t')")
                etree.SubElement(if_, f"{{{XSL}}}text").text = "\n"
            etree.SubElement(t, f"{{{XSL}}}apply-templates", select="@*|node()", mode="#current")
        # Nodes no rule matches: go on into their attributes and children.
        skip = etree.SubElement(xsl, f"{{{XSL}}}template", match="node()|@*", mode=mode, priority="-10")
        etree.SubElement(skip, f"{{{XSL}}}apply-templates", select="@*|node()", mode="#current")
    return etree.tostring(xsl, encoding="unicode")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--xsd", required=True)
    ap.add_argument("--sch", required=True)
    ap.add_argument("--phase")
    ap.add_argument("--dump-xslt", action="store_true", help="print the compiled rules and stop")
    ap.add_argument("notices", nargs="*")
    args = ap.parse_args()

    stylesheet = compile_rules(load_schema(Path(args.sch)), args.phase)
    if args.dump_xslt:
        print(stylesheet)
        return 0
    parser = etree.XMLParser(no_network=True)
    xsd = etree.XMLSchema(etree.parse(args.xsd, parser))
    all_ok = True
    with PySaxonProcessor(license=False) as proc:
        xslt = proc.new_xslt30_processor()
        try:
            executable = xslt.compile_stylesheet(stylesheet_text=stylesheet)
        except PySaxonApiError as err:
            print(f"the rules did not compile: {err}", file=sys.stderr)
            return 2
        for name in args.notices or ["-"]:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
            t0 = time.perf_counter()
            try:
                doc = etree.fromstring(text.encode("utf-8"), parser)
                xsd_ok = xsd.validate(doc)
                xsd_errors = [f"{e.line}:{e.column} {e.message}" for e in xsd.error_log]
            except etree.XMLSyntaxError as err:
                xsd_ok, xsd_errors = False, [f"not well-formed: {err}"]
            t1 = time.perf_counter()
            failed, fired, error = [], 0, None
            out = None
            try:
                node = proc.parse_xml(xml_text=text)
                executable.set_global_context_item(xdm_item=node)
                out = executable.transform_to_string(xdm_node=node)
            except PySaxonApiError as err:
                error = str(err)
            for line in (out or "").splitlines():
                parts = line.split("\t")
                if parts[0] == "F":
                    fired += 1
                elif parts[0] == "X":
                    failed.append({"id": parts[1], "role": parts[2], "location": parts[3]})
            t2 = time.perf_counter()
            ok = xsd_ok and not failed and error is None
            all_ok = all_ok and ok
            result = {
                "file": name,
                "xsdValid": xsd_ok,
                "xsdErrors": xsd_errors,
                "failed": failed,
                "firedRules": fired,
                "ms": {"xsd": round((t1 - t0) * 1000), "schematron": round((t2 - t1) * 1000)},
            }
            if error:
                result["error"] = error
            print(json.dumps(result), flush=True)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
