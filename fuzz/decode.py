"""Turn fuzzer bytes into structured input, deterministically and without atheris.

atheris' ``FuzzedDataProvider`` would tie every saved crash input to atheris being
installed; ``make test`` replays them without it. So the targets read their bytes
through this small reader instead: integers in a range, picks from a vocabulary and
free unicode text. Running out of bytes yields zeros and empty strings, never an error,
so every byte string is a valid input.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "patterns" / "data"

# Words that steer the table interpreter and the value grammar; the data files add the rest.
BASE_WORDS = (
    "一级指标", "二级指标", "三级指标", "指标值", "指标内容", "年度指标值", "实际完成值", "全年实际值",
    "分值", "得分", "权重", "合计", "小计", "总计", "总分", "偏差原因", "产出指标", "效益指标",
    "满意度指标", "数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "服务对象满意度",
    "项目名称", "主管部门", "实施单位", "预算执行率", "年初预算数", "全年预算数", "全年执行数",
    "资金总额", "财政拨款", "其他资金", "绩效目标", "评价等级", "优", "良", "中", "差", "单位：元",
    "单位：万元", "≥", "≤", "=", ">", "<", "%", "万元", "元", "人次", "万人次", "天内", "以上", "以下",
    "（含）", "(含)", "-", "~", "—", "100", "100.00", "95%", "≥90%", "=100%", "85", "0", "10", "20",
    "30", "1,234.56", "230.274", "３", "一", "二", "十", "百", "千", "万", "亿", "点", "百分之",
    "年", "月", "日", "前", "2023年", "12月31日前", "下降", "提高", "逐年下降", "健全有效", "是", "否",
    "☑", "□", "\n", " ", "　", "1.", "（一）", "1、", "", "≥95", "90（含）-100", "-5%", "NaN",
)


@lru_cache(maxsize=1)
def words() -> tuple[str, ...]:
    """BASE_WORDS plus every short string in patterns/data/*.json (headers, units, comparators)."""
    found: list[str] = list(BASE_WORDS)

    def walk(node: object) -> None:
        if isinstance(node, str):
            if 0 < len(node) <= 12:
                found.append(node)
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(k)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in sorted(DATA.glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return tuple(dict.fromkeys(found))


class Reader:
    """Consume ``data`` from the front; exhausted input reads as zeros."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def left(self) -> int:
        return len(self.data) - self.pos

    def byte(self) -> int:
        if self.pos >= len(self.data):
            return 0
        self.pos += 1
        return self.data[self.pos - 1]

    def int(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi] (one byte, or two when the range needs it)."""
        span = hi - lo + 1
        raw = self.byte() if span <= 256 else self.byte() << 8 | self.byte()
        return lo + raw % span

    def raw_text(self, max_len: int) -> str:
        """Up to ``max_len`` bytes as UTF-8 (bad bytes replaced): arbitrary unicode."""
        n = self.int(0, max_len)
        chunk = self.data[self.pos:self.pos + n]
        self.pos += len(chunk)
        return chunk.decode("utf-8", "replace")

    def word(self) -> str:
        vocab = words()
        return vocab[self.int(0, len(vocab) - 1)]

    def text(self, max_parts: int = 4) -> str:
        """A cell-like string: vocabulary words, now and then raw unicode between them."""
        parts = []
        for _ in range(self.int(0, max_parts)):
            parts.append(self.raw_text(8) if self.byte() % 5 == 0 else self.word())
        return "".join(parts)
