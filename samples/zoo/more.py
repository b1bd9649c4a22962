"""The six templates added to the first four (issue 17): filled with their own seeded projects."""

from __future__ import annotations

from samples.zoo.ministry import mof_decl, mof_dept_self, monitor
from samples.zoo.projects import make_projects
from samples.zoo.provincial import cq_dept_self, prov_decl, sc_self
from samples.zoo.templates import Template


def _t(key: str, title: str, kind: str, scope: str, region: str, landscape: bool, pairs, **kw) -> Template:
    return Template(key, title, kind, scope, region, landscape, [f for f, _ in pairs], [t for _, t in pairs], **kw)


def more_templates() -> list[Template]:
    out = []
    names = [("淮安市清江浦区教育体育局", "淮安市清江浦区教育体育局"), ("淮安市清江浦区卫生健康委员会", "淮安市清江浦区卫生健康委员会"),
             ("淮安市清江浦区文化广电和旅游局", "淮安市清江浦区文化广电和旅游局")]
    ps = make_projects("mof_dept_self", names, "淮安市清江浦区")
    tasks = [[("义务教育保障", "义务教育学校公用经费保障"), ("体育赛事", "全民健身赛事组织")],
             [("公共卫生服务", "基本公共卫生服务项目"), ("疾病预防", "重大疾病预防控制"), ("卫生监督", "医疗卫生监督执法")],
             [("文化惠民", "送戏下乡、公益电影放映"), ("文物保护", "文物保护单位日常维护")]]
    out.append(_t("mof_dept_self", "2022年度部门整体支出绩效自评表", "self_assessment", "department", "淮安市清江浦区", True,
                  mof_dept_self(ps, 2022, tasks)))

    ps = make_projects("mof_decl", [("农村饮水安全巩固提升", "桂林市临桂区水利工程管理站"),
                                    ("小型水库除险加固", "桂林市临桂区水库管理所"),
                                    ("河湖长制工作经费", "桂林市临桂区河湖长制办公室")], "桂林市临桂区水利局")
    out.append(_t("mof_decl", "2024年度项目支出绩效目标申报表", "target_declaration", "project", "桂林市临桂区", False,
                  mof_decl(ps, 2024)))

    ps = make_projects("monitor", [("城乡居民医疗救助", "绵阳市涪城区医疗保障事务中心"),
                                   ("医保基金监管", "绵阳市涪城区医疗保障局"),
                                   ("医保信息系统运维", "绵阳市涪城区医疗保障事务中心")], "绵阳市涪城区医疗保障局")
    out.append(_t("monitor", "2023年度项目支出绩效目标执行监控表", "monitoring_report", "project", "绵阳市涪城区", True,
                  monitor(ps, 2023)))

    ps = make_projects("sc_self", [("安可替代补助资金", "大英县司法局"), ("人民调解员补贴", "大英县司法局"),
                                   ("社区矫正工作经费", "大英县社区矫正中心"), ("法律援助案件补贴", "大英县法律援助中心")],
                       "遂宁市大英县司法局")
    out.append(_t("sc_self", "2023年度部门预算项目支出绩效自评表", "self_assessment", "project", "遂宁市大英县", True,
                  sc_self(ps, 2023), one_sheet=True))

    ps = make_projects("prov_decl", [("高标准农田建设", "黄冈市罗田县农业综合开发中心"),
                                     ("农产品质量安全监管", "黄冈市罗田县农产品质量安全监督站"),
                                     ("农村土地承包经营权确权", "黄冈市罗田县农村经营管理站")], "黄冈市罗田县农业农村局")
    out.append(_t("prov_decl", "2022年度项目支出绩效目标申报表", "target_declaration", "project", "黄冈市罗田县", False,
                  prov_decl(ps, 2022)))

    ps = make_projects("cq_dept_self", [("重庆市綦江区融媒体中心", "宣传文化处"), ("重庆市綦江区档案馆", "行政政法处"),
                                        ("重庆市綦江区图书馆", "宣传文化处")], "重庆市綦江区")
    out.append(_t("cq_dept_self", "2021年度部门整体绩效自评表", "self_assessment", "department", "重庆市綦江区", True,
                  cq_dept_self(ps, 2021)))
    return out
