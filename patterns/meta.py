"""Document metadata: kind, title, project, year, organisation, department, evaluator, region.

The corpus groups documents by these fields and the checker picks its rules by kind
(an evaluation report's scores, a monitoring report's 序时进度), so they must come from
what the document itself prints: the cover (title, 项目名称：…, 评价机构：…), the
key-value tables of the forms (主管部门 | … | 实施单位 | …) and, failing those, the prose.
Keyword rules live in ``data/kinds.json``; nothing here guesses beyond the text.
"""

from __future__ import annotations

from collections import Counter

from extractor.contract import DocumentMeta
from extractor.document import Block, Document, Table
from patterns import lexicon
from patterns.lazyre import regex
from patterns.numbers import parse_chinese, squash

_TITLE_BLOCKS = 8
_HEAD_CHARS = 4000
_YEAR = regex.compile(r"(?<!\d)(20\d\d)\s*年")
_YEAR_PAREN = regex.compile(r"[(（]\s*(20\d\d)\s*年度?\s*[)）]?")
_CN_YEAR = regex.compile(r"([〇○零一二三四五六七八九]{4})\s*年")
_ENUM = regex.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]+[)）、.．]\s*)")


def _rules() -> dict:
    return lexicon.load("kinds")


def _title_blocks(blocks: list[Block]) -> list[Block]:
    out = []
    for b in blocks[:_TITLE_BLOCKS * 2]:
        t = b.text.strip()
        if not t or squash(t) in ("目录", "目次"):
            break
        out.append(b)
        if len(out) >= _TITLE_BLOCKS:
            break
    return out


def _title_keywords() -> list[str]:
    words = [w for k in _rules()["kinds"] for w in k["title"]]
    return sorted(set(words + ["报告", "申报表", "填报表", "自评表", "预算", "决算"]), key=len, reverse=True)


def _leading_title(text: str) -> str | None:
    """A title a text reader ran together with what follows it into one paragraph (a page
    copied without blank lines: ``…乡村振兴项目资金绩效评价报告上会湘报字(2022)第0001号为进一步
    规范…``): the shortest opening of at most 60 characters, with no sentence punctuation,
    that ends in a kind's title word (``kinds.json``: 绩效评价报告, 自评表 …), carried to the
    end of any title word overlapping or touching it (岳阳 2018: ``…2018绩效评价自评报告及评分表``
    is a 自评报告, not a 绩效评价)."""
    head = regex.split(r"[，。；：,;:《“]", text.strip()[:60])[0]
    words = [w for k in _rules()["kinds"] for w in k["title"]]
    found = sorted((m.start(), m.end()) for w in words for m in regex.finditer(regex.escape(w), head) if m.start() >= 4)
    if not found:
        return None
    end = min(e for _, e in found)
    for st, e in found:  # 绩效评价 runs on into 绩效评价报告, and 绩效评价 into 自评报告 right after it
        if st <= end:
            end = max(end, e)
    return regex.sub(r"\s+", " ", head[:end]).strip()


def find_title(blocks: list[Block]) -> str | None:
    """The title: the first cover lines, joined while a wrapped title runs on (``…绩效运行`` / ``监控报告``)."""
    head = _title_blocks(blocks)
    keywords = _title_keywords()
    for i, b in enumerate(head):
        if regex.match(r"^\s*(项目名称|主管部门|项目单位|评价机构)", b.text):
            break
        if i == 0 and len(b.text) > 80 and (lead := _leading_title(b.text)):
            return lead
        joined = ""
        for b2 in head[i:i + 4]:
            if len(b2.text) > 80:
                break
            joined += b2.text.strip()
            if any(squash(joined).endswith(k) or k in squash(b2.text) for k in keywords):
                return regex.sub(r"\s+", " ", joined).strip()
    return None


_NUMBERED = regex.compile(r"^\s*(?:附件\s*\d+|附?表\s*[\d一二三四五六七八九十]+)")


def table_title(tables: list[Table]) -> str | None:
    """The title a workbook prints in its first sheet's first rows — one text across a
    merged row (``部门整体支出绩效目标表``) naming a kind of document — for a workbook of
    forms, which has no running text to take a title from. A sheet's name, a numbered
    caption (``表 1 项目绩效目标申报表``) or a form inside a later table (a report's 基础表1
    申报表) names a table of the document, not the document."""
    words = [w for k in _rules()["kinds"] for w in k["title"]]
    for t in tables[:1]:
        for row in t.grid()[:3]:
            texts = list(dict.fromkeys(x.strip() for x in row if x.strip()))
            if len(texts) != 1 or len(texts[0]) > 60 or _NUMBERED.match(texts[0]):
                continue
            if any(w in squash(texts[0]) for w in words):
                return regex.sub(r"\s+", " ", texts[0]).strip()
    return None


def find_scope(title: str | None) -> str | None:
    """``department`` for a form about a department's whole spending (部门整体支出绩效目标表),
    ``project`` for a title about a project (项目支出绩效自评表), else None."""
    t = squash(title or "")
    if any(w in t for w in _rules()["department_scope"]["title"]):
        return "department"
    return "project" if "项目" in t else None


def find_kind(title: str | None, text: str) -> str:
    """Kind by title keywords first, then by weighted keywords in the whole text."""
    kinds = _rules()["kinds"]
    if title:
        t = squash(title)
        for k in kinds:
            if any(w in t for w in k["title"]):
                return k["kind"]
    flat = squash(text)
    scores = Counter({k["kind"]: sum(w * flat.count(word) for word, w in k["body"].items()) for k in kinds})
    best, score = scores.most_common(1)[0] if scores else ("other", 0)
    return best if score > 0 else "other"


def _key_rows(tables: list[Table]) -> list[tuple[list[str], list[str]]]:
    """Every table row with its cells squashed, built once per document: the key-value
    lookups below run four or five times over every cell (a tenth of recognising a
    35-page budget when each lookup re-squashed them)."""
    return [(row, [squash(c) for c in row]) for t in tables for row in t.grid()]


def _table_values(rows: list[tuple[list[str], list[str]]], keys: list[str]) -> list[str]:
    """Values beside a key cell (``主管部门 | 上海市…``) in the forms' key-value blocks."""
    wanted = {squash(k) for k in keys}
    out = []
    for row, squashed in rows:
        for c, cell in enumerate(squashed):
            if cell in wanted:
                nxt = next((k for k, x in enumerate(row[c + 1:], c + 1) if x.strip()), None)
                if nxt is not None and squashed[nxt] not in wanted:
                    out.append(squashed[nxt])
    return out


def _block_values(blocks: list[Block], keys: list[str]) -> list[str]:
    """``项目名称：X`` lines, and a heading ``(一) 项目名称`` followed by its value line."""
    out = []
    alts = "|".join(regex.escape(k) for k in sorted(keys, key=len, reverse=True))
    kv = regex.compile(rf"^\s*(?:{alts})\s*[:：]?\s*(?P<v>\S.*)$")
    heading = regex.compile(rf"^(?:{alts})$")
    for i, b in enumerate(blocks):
        t = b.text.strip().lstrip("#*> ").strip()
        bare = _ENUM.sub("", t).strip()
        if heading.match(squash(bare)) and i + 1 < len(blocks):
            nxt = blocks[i + 1].text.strip().strip("#*> ").rstrip("。.")
            if 2 <= len(nxt) <= 60:
                out.append(nxt)
            continue
        m = kv.match(t)
        if m and len(m.group("v")) <= 60 and not regex.match(r"[.…·]", m.group("v")) and len(
            regex.findall(r"\p{Han}", m.group("v"))
        ) >= 2:
            out.append(m.group("v").strip().rstrip("。."))
    return out


_ORG_CODE = regex.compile(r"^\s*\d{3,}\s*[-－—_]\s*")  # 219001-池州市贵池区棠溪镇人民政府 (a budget unit code)
_ORG_LEVEL = regex.compile(r"\s*[（(]?本级[）)]?\s*$")  # 青神县发展和改革局本级, …局（本级）


def _org(values: list[str]) -> list[str]:
    """Only names that end like an organisation (办公室, 委员会, 办事处 …): OCR fragments drop out.
    A budget system's unit code before the name and ``本级`` after it are not part of the name."""
    suffixes = tuple(_rules()["org_suffixes"])
    names = [_ORG_LEVEL.sub("", _ORG_CODE.sub("", v)) for v in values]
    return [v for v in names if v.endswith(suffixes)]


def _first(*candidates: list[str]) -> str | None:
    for group in candidates:
        for v in group:
            if v:
                return v
    return None


def _single(values: list[str]) -> str | None:
    """The value when a document names only one (a multi-project form set has no one project)."""
    distinct = list(dict.fromkeys(values))
    return distinct[0] if len(distinct) == 1 else None


def find_year(title: str | None, blocks: list[Block], text: str) -> int | None:
    """The year the document is about: title, then ``（2023年度）``, then cover dates (``二〇二三年七月``)."""
    if title and (m := _YEAR.search(title)):
        return int(m.group(1))
    head = text[:_HEAD_CHARS]
    if m := _YEAR_PAREN.search(head):
        return int(m.group(1))
    for b in _title_blocks(blocks):
        if m := _YEAR.search(b.text):
            return int(m.group(1))
        if m := _CN_YEAR.search(b.text):
            n = parse_chinese(m.group(1))
            if n is not None:
                return int(n.value)
    if m := _YEAR.search(head):
        return int(m.group(1))
    if m := _CN_YEAR.search(text):
        n = parse_chinese(m.group(1))
        return int(n.value) if n else None
    return None


def find_evaluator(blocks: list[Block], rows: list[tuple[list[str], list[str]]]) -> str | None:
    """The 评价机构, or the consultancy that signs the cover or takes the commission (``rows``: ``_key_rows``)."""
    keys = _rules()["fields"]["evaluator"]
    named = _first(_block_values(blocks, keys), _table_values(rows, keys))
    if named:
        return named
    suffixes = "|".join(regex.escape(s) for s in sorted(_rules()["evaluator_suffixes"], key=len, reverse=True))
    firm = regex.compile(rf"(?P<f>\p{{Han}}{{2,24}}?(?:{suffixes}))")
    for b in blocks[:40]:
        t = b.text.strip()
        m = firm.search(t)
        if not m:
            continue
        name = m.group("f")
        name = regex.sub(r"^.*?(?:委托|受|由|，|,|。)", "", name)
        if any(s in name for s in ("会计师事务所", "咨询", "评估", "评价", "研究院")):
            return name
    return None


def _valid_district(name: str) -> bool:
    return not any(name.endswith(bad) for bad in _rules()["not_districts"]) and not any(
        w in name for w in _rules()["not_in_district"]["words"])


def _districts(text: str) -> list[str]:
    pat = regex.compile(r"(?<=^|[^\p{Han}]|[省市年受在由对的、])(?![省市年受在由对的、])(\p{Han}{2,4}?[区县])")
    return [m.group(1) for m in pat.finditer(text) if _valid_district(m.group(1))]


#: a district named with its city or province (南昌市青云谱区, 湖北省通山县): a place name, never
#: a fragment of a sentence (三是推动县域经济 is no 县)
_PLACE = regex.compile(r"\p{Han}{2,3}?[省市](?:\p{Han}{2,3}?市)?(?P<d>\p{Han}{2,4}?[区县])")


def _places(text: str) -> list[str]:
    """Districts named with their city (常德市鼎城区): the city vouches for the name, so one
    ending like a generic word (鼎城区, 东城区 end in 城区) is still a district."""
    generic = tuple(g for g in _rules()["not_districts"] if g != "城区")
    return [d for m in _PLACE.finditer(text) if not (d := m.group("d")).endswith(generic)
            and not any(w in d for w in _rules()["not_in_district"]["words"])]


def find_region(title: str | None, organisation: str | None, department: str | None, text: str,
                cells: list[str] | None = None) -> str | None:
    """``上海市闵行区`` as far as the document tells: the district named by the title, the
    organisation or the department, else by a form's body cells (``cells``: 主管部门 /
    实施单位 / 部门名称 values), else a district the text names with its city; with its city."""
    first_sources = [s for s in (title, organisation, department) if s]
    district = None
    for s in first_sources + list(cells or []):
        found = _places(s) or _districts(s)
        if found:
            district = found[0]
            break
    if district is None:
        counts = Counter(_places(text[:_HEAD_CHARS * 3]))
        district = counts.most_common(1)[0][0] if counts else None
    municipalities = _rules()["municipalities"]
    if district:
        compound = regex.search(rf"(?P<c>\p{{Han}}{{2,3}}?市){regex.escape(district)}",
                                "\n".join(first_sources + list(cells or []) + [text]))
        if compound:
            city = compound.group("c")
            for m in municipalities:
                if city.endswith(m):
                    city = m
            return regex.sub(r"^(?:中共|受|在|由|对)", "", city) + district
        for s in first_sources + [text[:_HEAD_CHARS * 3]]:
            for m in municipalities:
                if m in s:
                    return m + district
        return district
    for s in first_sources:
        for m in municipalities:
            if m in s:
                return m
    return None


def document_meta(doc: Document) -> DocumentMeta:
    """Metadata of one extracted document (``DocumentMeta`` of the contract)."""
    blocks = [b for b in doc.blocks if b.text and b.text.strip()]
    tables = doc.tables
    rows = _key_rows(tables)
    # captions and sheet titles count too: a workbook of tables has no running text at all
    text = "\n".join(b.text for b in blocks) + "\n" + "\n".join(t.caption for t in tables if t.caption) + "\n" + "\n".join(
        " ".join(row) for row, _squashed in rows
    )
    fields = _rules()["fields"]
    title = find_title(blocks) or table_title(tables)
    kind = find_kind(title, text)
    project = _first(_block_values(blocks[:80], fields["project"]))
    if project is None:
        project = _single(_table_values(rows, fields["project"]))
    organisation = _first(_org(_block_values(blocks[:60], fields["organisation"]))) or _single(
        _org(_table_values(rows, fields["organisation"]))
    )
    department = _first(_org(_block_values(blocks[:20], fields["department"]))) or _single(
        _org(_table_values(rows, fields["department"]))
    )
    evaluator = find_evaluator(blocks, rows) if kind in ("evaluation_report", "monitoring_report") else None
    return DocumentMeta(
        kind=kind, title=title, project=project, year=find_year(title, blocks, text),
        organisation=organisation, department=department, evaluator=evaluator,
        region=find_region(title, organisation, department, text,
                           _org(_table_values(rows, fields["department"] + fields["organisation"] + fields["body"]))),
        scope=find_scope(title),
    )
