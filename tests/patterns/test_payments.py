"""Payments stated in parts (patterns.prose.payment_claims) and the numbered section heading a
sentence stands under (patterns.prose.section_of), on seed 000's sentence about 动迁补偿差额利息."""

from __future__ import annotations

from extractor.document import Block
from patterns.prose import PAYMENT, extract_claims, payment_claims, section_of

# seed 000, 四(四) 5. and 评价建议 3. (the second printed with spaces around the figures)
PAID = "根据签订的专项法律服务合同，管委会将补偿款24万元及税费7.4952万元转入律所账户，再由律所转账至信访人账户。"
PAID_SPACED = ("根据签订的专项法律服务合同, 管委会将补偿款 24 万元及税费 7.4952 万元转入律所账户, 再由律所转账至信访人账户。"
               "后续跟进协商情况和补偿款的支付到账情况。")


def _paid(*texts: str) -> list[tuple[str, float | None, str | None]]:
    claims = extract_claims([Block(text=t, page=7) for t in texts])
    return [(c.subject, c.value, c.value_text) for c in claims if c.subject.startswith(PAYMENT)]


def test_parts_joined_by_ji_before_the_verb_are_read_under_their_heading() -> None:
    assert _paid("5. 动迁补偿差额利息", PAID) == [
        ("分项.支付.动迁补偿差额利息>补偿款", 240000.0, "24万元"),
        ("分项.支付.动迁补偿差额利息>税费", 74952.0, "7.4952万元"),
    ]


def test_spaced_figures_and_a_heading_that_only_contains_the_sub_item() -> None:
    got = _paid("3.跟进动迁补偿差额利息的支付管理", PAID_SPACED)
    assert got == [
        ("分项.支付.跟进动迁补偿差额利息的支付管理>补偿款", 240000.0, "24 万元"),
        ("分项.支付.跟进动迁补偿差额利息的支付管理>税费", 74952.0, "7.4952 万元"),
    ]
    claims = payment_claims(PAID_SPACED, 4, "x")
    assert claims[0].text.endswith("再由律所转账至信访人账户。") and claims[0].unit == "元" and claims[0].page == 4


def test_without_a_heading_the_sub_item_is_empty() -> None:
    assert [c.subject for c in payment_claims(PAID, 7, None)] == ["分项.支付.>补偿款", "分项.支付.>税费"]


def test_verb_before_the_parts() -> None:
    got = [(c.subject, c.value) for c in payment_claims("向上海邑昆汽车租赁有限公司支付租金6.48万元和押金0.5万元。", 1, "车辆租赁")]
    assert got == [("分项.支付.车辆租赁>租金", 64800.0), ("分项.支付.车辆租赁>押金", 5000.0)]


def test_figures_that_are_not_payments_are_left_alone() -> None:
    for text in (
        "2022 年项目预算金额为 250 万元，年中调整后的预算金额为 230.274 万元，实际支出金额为 230.274 万元。",
        "2 月份发放补助 11 人，每人 500 元，9 月份发放补助 7 人，每人 900 元。",  # count × price, not a part
        "车辆租赁计费标准 1200 元/辆次。",
        "将预算资金100万元拨付至街道。",  # a budget moved, not a payment in parts
        "帮困经费通过国库集中支付方式拨付至帮困补助对象账户。",  # no figure
    ):
        assert payment_claims(text, 1, "x") == [], text


def test_section_heading_tracker() -> None:
    def walk(*texts: str) -> list[str | None]:
        out, cur = [], None
        for t in texts:
            cur = section_of(Block(text=t, page=1), cur)
            out.append(cur)
        return out

    assert walk("5. 动迁补偿差额利息", PAID, "（五）项目绩效目标及实现情况", "D31 管理部门满意度") == [
        "动迁补偿差额利息", "动迁补偿差额利息", "项目绩效目标及实现情况", "项目绩效目标及实现情况"]
    assert walk("(5) 动迁补偿差额利息。") == ["动迁补偿差额利息"]
    # a numbered sentence longer than a heading does not open a section
    assert walk("4.帮困补助工作", "1. " + PAID) == ["帮困补助工作", "帮困补助工作"]
