"""Figures that one sentence or one numbered item of running text states together.

A sentence such as ``2021年项目预算金额为261万元，年中调整后的预算金额为152.16万元，实际支出金额为
150.26万元，项目调整后的预算执行率为98.75%`` carries its own arithmetic, whatever year or
project it speaks of; so does each numbered item of a 部门预算编制说明. Rules here re-compute
that arithmetic from the sentence alone.
"""

from __future__ import annotations
