#!/usr/bin/env python3
"""Builds the example report: ingests examples/corpus/ into a store, asks three
questions through `steppe query`, draws each answer with `steppe snapshot`, and
writes report.md and report.html (the HTML embeds the SVG pictures inline).

    python3 examples/report/make_report.py [--steppe build/steppe] [--db DIR]
                                           [--corpus examples/corpus] [--out examples/report/out]

The same store gives the same report, byte for byte: snapshots are
deterministic and nothing here reads the clock.
"""
import argparse
import html
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

# The three questions: an official's meetings, the agreements tied to a
# country, and a body's neighbourhood. Entities are found with db.search, so
# that spelling variants ("Erzhan"/"Yerzhan") find the same node.
OFFICIAL = "Yerzhan Temirbekov"
COUNTRY = "Malaysia"
BODY = "Ministry of Trade and Integration"


def run(args, capture=True):
    result = subprocess.run(args, capture_output=capture, text=True)
    if result.returncode != 0:
        sys.exit(f"make_report: {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


class Steppe:
    def __init__(self, binary, db):
        self.binary = binary
        self.db = db

    def query(self, cypher):
        out = run([self.binary, "query", cypher, "--format", "json", "--db", self.db])
        return json.loads(out)

    def find(self, name, label):
        answer = self.query(
            f"CALL db.search({json.dumps(name)}, 10) YIELD node, score "
            f"WHERE '{label}' IN labels(node) RETURN id(node), node.name ORDER BY score DESC LIMIT 1")
        if not answer["rows"]:
            sys.exit(f"make_report: no {label} matches {name!r}; was the corpus ingested?")
        return answer["rows"][0]

    def snapshot(self, out, *selection):
        run([self.binary, "snapshot", *selection, "--format", "svg", "-o", str(out), "--db", self.db])


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(cell_text(item) for item in value)
    if isinstance(value, dict):
        return value.get("properties", {}).get("name", json.dumps(value, sort_keys=True))
    return str(value)


def markdown_table(answer):
    lines = ["| " + " | ".join(answer["columns"]) + " |",
             "|" + "---|" * len(answer["columns"])]
    for row in answer["rows"]:
        lines.append("| " + " | ".join(cell_text(c).replace("|", "\\|") for c in row) + " |")
    if not answer["rows"]:
        lines.append("| " + " | ".join("(none)" for _ in answer["columns"]) + " |")
    return "\n".join(lines)


def html_table(answer):
    head = "".join(f"<th>{html.escape(c)}</th>" for c in answer["columns"])
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(cell_text(c))}</td>" for c in row) + "</tr>"
                   for row in answer["rows"])
    return f"<table><tr>{head}</tr>{rows}</table>"


def ask(steppe, out):
    """Returns the report's sections: (title, question, cypher, answer, svg file)."""
    sections = []
    official_id, official = steppe.find(OFFICIAL, "Official")
    cypher = (f"MATCH (a:Official)-[m:MET]-(b) WHERE id(a) = {official_id} "
              "RETURN b.name AS met, m.date AS date, m.place AS place, m.topics AS topics "
              "ORDER BY date, met")
    steppe.snapshot(out / "meetings.svg", "--ids", str(official_id), "--types", "MET,HOLDS_ROLE")
    sections.append((f"Whom {official} met, and about what", cypher, steppe.query(cypher),
                     "meetings.svg"))

    cypher = (f"MATCH (c:Country {{name: {json.dumps(COUNTRY)}}})<-[:CONCERNS]-(g:Agreement)"
              "<-[:PARTY_TO]-(p) RETURN g.name AS agreement, g.kind AS kind, "
              "collect(p.name) AS parties ORDER BY agreement")
    picture = (f"MATCH path = (c:Country {{name: {json.dumps(COUNTRY)}}})<-[:CONCERNS]-(g:Agreement)"
               "<-[:PARTY_TO]-(p) RETURN path")
    steppe.snapshot(out / "agreements.svg", "--query", picture)
    sections.append((f"Agreements tied to {COUNTRY}", cypher, steppe.query(cypher), "agreements.svg"))

    body_id, body = steppe.find(BODY, "Body")
    cypher = (f"MATCH (b)-[r]-(x) WHERE id(b) = {body_id} AND type(r) <> 'MENTIONS' "
              "RETURN type(r) AS relationship, x.name AS other, labels(x) AS labels, r.date AS date "
              "ORDER BY relationship, other")
    steppe.snapshot(out / "body.svg", "--ids", str(body_id), "--depth", "1")
    sections.append((f"The neighbourhood of {body}", cypher, steppe.query(cypher), "body.svg"))
    return sections


def write_reports(out, sections, stats):
    md = ["# Steppe example report", "",
          f"Built from `examples/corpus/` ({stats}).", ""]
    page = ["<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
            "<title>Steppe example report</title><style>",
            "body{font-family:Helvetica,Arial,sans-serif;max-width:70em;margin:2em auto;color:#222}",
            "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .6em;"
            "text-align:left}pre{background:#f4f4f4;padding:.6em;white-space:pre-wrap}",
            "svg{max-width:100%;height:auto}</style></head><body>",
            "<h1>Steppe example report</h1>",
            f"<p>Built from <code>examples/corpus/</code> ({html.escape(stats)}).</p>"]
    for title, cypher, answer, svg in sections:
        md += [f"## {title}", "", "```cypher", cypher, "```", "", markdown_table(answer), "",
               f"![{title}]({svg})", ""]
        picture = (out / svg).read_text(encoding="utf-8")
        picture = picture[picture.find("<svg"):]  # drop the XML prolog and doctype
        page += [f"<h2>{html.escape(title)}</h2>", f"<pre>{html.escape(cypher)}</pre>",
                 html_table(answer), f"<figure>{picture}</figure>"]
    page.append("</body></html>")
    (out / "report.md").write_text("\n".join(md), encoding="utf-8")
    (out / "report.html").write_text("\n".join(page) + "\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steppe", default=str(ROOT / "build" / "steppe"))
    parser.add_argument("--db", default=str(ROOT / "examples" / "report" / "out" / "store"))
    parser.add_argument("--corpus", default=str(ROOT / "examples" / "corpus"))
    parser.add_argument("--out", default=str(ROOT / "examples" / "report" / "out"))
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    steppe = Steppe(args.steppe, args.db)
    run([args.steppe, "ingest", args.corpus, "--db", args.db])
    counts = steppe.query("MATCH (a:Article) WITH count(a) AS articles "
                          "MATCH (n) WHERE NOT n:Article RETURN articles, count(n) AS entities")
    articles, entities = counts["rows"][0]
    stats = f"{articles} articles, {entities} entities"
    write_reports(out, ask(steppe, out), stats)
    print(f"report: {out / 'report.md'}")
    print(f"report: {out / 'report.html'}")


if __name__ == "__main__":
    main()
