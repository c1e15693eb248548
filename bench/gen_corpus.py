"""Generate a synthetic corpus of Chinese regional industry news with injected inconsistencies.

Usage: python bench/gen_corpus.py OUTDIR --articles N --seed S

Writes OUTDIR/articles/NNNNN.md (YAML front matter: title, date, outlet) and OUTDIR/manifest.json:
{"injected": [{"doc", "rule", "text", "start", "end"}], "controls": [...], ...}.  `text` is the
exact surface of the wrong figure; `start`/`end` are character offsets into the file text.
`controls` lists the consistent twins (same constructions, correct figures) for precision work.

All figures come from one seeded "world": every (subject, metric, period) has one true value,
and every article that states it uses a surface whose interval contains that value (plain,
超/近/约/余/多).  The only inconsistencies are the injected ones.  Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path

FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
FIRST_YEAR = 2019  # first year of every series
LAST_YEAR = 2025
INJECT_RATE = 0.15
CONTROL_PAIR_RATE = 0.04

WITHIN_RULES = (
    "growth.increase-by-vs-to",
    "growth.change-mismatch",
    "count.enumeration-mismatch",
    "duration.span-mismatch",
    "wording.decrease-in-times",
    "wording.double-approximator",
    "average.per-day-mismatch",
    "shares.share-mismatch",
    "structure.ratio-mismatch",
    "structure.terms-not-100",
    "total.listed-parts-sum",
    "rate-levels.rate-mismatch",
    "share.named-whole-mismatch",
    "total.partition-sum",
    "count.rank-list-mismatch",
    "total.weighted-rate-mismatch",
    "total.rate-between-parts",
    "magnitude.fractional-count",
    "comparison-base.base-not-earlier",
    "relation.difference-mismatch",
    "total.part-exceeds-whole",
    "total.partition-parts-sum",
    "total.partition-parts-rate",
    "dimension.money-in-other-unit",
    "growth.increase-by-vs-to@face-value",
    "growth.change-mismatch@face-value",
)
CROSS_RULES = ("agreement.conflicting-values", "revision.target-changed", "revision.preliminary-revised")
RULES = WITHIN_RULES + CROSS_RULES

STRUCTURE_WORD = "三次产业结构"
CN_DIGITS = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


# ---------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Subject:
    """A city or district that figures are stated about."""

    name: str
    region: str  # cq | cd | xa | other: picks outlets and neighbours
    scale: float  # size relative to Chongqing
    city: str  # the city it belongs to (itself for a city)


@dataclass(frozen=True)
class Industry:
    """An industry with the metric news reports about it."""

    short: str  # as listed in enumerations and headlines
    label: str  # as written before the metric
    metric: str  # 产值, 产量, 营业收入, 规模
    unit: str  # 亿元, 万辆, 万台, 万套
    base: float  # 2019 value for Chongqing, in `unit`
    growth: tuple[float, float]  # range of the yearly growth rate
    noun: str  # what its enterprises are called


SUBJECTS = (
    Subject("重庆", "cq", 1.0, "重庆"),
    Subject("成都", "cd", 0.9, "成都"),
    Subject("西安", "xa", 0.6, "西安"),
    Subject("武汉", "other", 0.8, "武汉"),
    Subject("长沙", "other", 0.6, "长沙"),
    Subject("贵阳", "other", 0.3, "贵阳"),
    Subject("昆明", "other", 0.3, "昆明"),
    Subject("绵阳", "cd", 0.2, "绵阳"),
    Subject("宜宾", "cd", 0.18, "宜宾"),
    Subject("两江新区", "cq", 0.35, "重庆"),
    Subject("沙坪坝区", "cq", 0.1, "重庆"),
    Subject("渝北区", "cq", 0.14, "重庆"),
    Subject("九龙坡区", "cq", 0.12, "重庆"),
    Subject("江北区", "cq", 0.08, "重庆"),
    Subject("璧山区", "cq", 0.07, "重庆"),
    Subject("永川区", "cq", 0.08, "重庆"),
    Subject("涪陵区", "cq", 0.09, "重庆"),
    Subject("长寿区", "cq", 0.07, "重庆"),
    Subject("巴南区", "cq", 0.07, "重庆"),
    Subject("北碚区", "cq", 0.06, "重庆"),
    Subject("綦江区", "cq", 0.05, "重庆"),
    Subject("成都高新区", "cd", 0.25, "成都"),
    Subject("天府新区", "cd", 0.18, "成都"),
    Subject("龙泉驿区", "cd", 0.15, "成都"),
    Subject("西安高新区", "xa", 0.25, "西安"),
)

INDUSTRIES = (
    Industry("新能源汽车", "新能源汽车", "产量", "万辆", 4.0, (0.45, 1.05), "整车及零部件企业"),
    Industry("汽车", "汽车", "产量", "万辆", 160.0, (-0.03, 0.07), "汽车及零部件企业"),
    Industry("摩托车", "摩托车", "产量", "万辆", 520.0, (-0.02, 0.06), "摩托车企业"),
    Industry("笔记本电脑", "笔记本电脑", "产量", "万台", 6000.0, (-0.04, 0.05), "电脑整机及配套企业"),
    Industry("工业机器人", "工业机器人", "产量", "万套", 1.8, (0.2, 0.5), "机器人企业"),
    Industry("电子信息制造业", "电子信息制造业", "产值", "亿元", 6500.0, (0.05, 0.12), "电子信息企业"),
    Industry("集成电路", "集成电路产业", "产值", "亿元", 320.0, (0.12, 0.3), "集成电路企业"),
    Industry("先进材料", "先进材料产业", "产值", "亿元", 2600.0, (0.05, 0.12), "材料企业"),
    Industry("软件信息服务业", "软件信息服务业", "营业收入", "亿元", 1500.0, (0.08, 0.18), "软件企业"),
    Industry("生物医药", "生物医药产业", "产值", "亿元", 600.0, (0.06, 0.14), "医药企业"),
    Industry("智能装备", "智能装备产业", "产值", "亿元", 800.0, (0.06, 0.15), "装备制造企业"),
    Industry("新型储能", "新型储能产业", "产值", "亿元", 60.0, (0.35, 0.8), "储能企业"),
    Industry("低空经济", "低空经济", "规模", "亿元", 45.0, (0.2, 0.5), "低空经济企业"),
    Industry("人工智能", "人工智能核心产业", "规模", "亿元", 180.0, (0.15, 0.35), "人工智能企业"),
)

ENUM_ITEMS = (
    "智能网联新能源汽车", "新一代电子信息制造业", "先进材料", "智能装备", "生物医药", "集成电路",
    "软件信息服务", "绿色低碳", "低空经济", "人工智能", "新型储能", "现代消费品", "特色消费品",
    "卫星互联网", "功率半导体", "智能终端", "新能源", "高端摩托车",
)
ACTIONS = (
    "产业链强链补链行动", "“智改数转”行动", "企业梯度培育行动", "科技创新赋能行动", "招大引强行动",
    "园区提质行动", "人才引育行动", "营商环境优化行动",
)
PARTNERS = ("重庆大学", "电子科技大学", "西安交通大学", "四川大学", "重庆邮电大学", "中国信通院")
COMPANIES = (
    "长安汽车", "赛力斯", "理想汽车", "京东方", "惠普", "华润微电子", "联合微电子中心", "万国半导体",
    "宁德时代", "比亚迪", "吉利汽车", "极氪", "华为",
    "中国电信", "隆鑫通用", "宗申动力", "智飞生物", "太极集团", "川仪股份", "华邦电子", "立讯精密",
    "英业达", "广达", "仁宝", "纬创", "莱宝高科", "奥特斯",
)
OUTLETS = {
    "cq": ("重庆日报", "华龙网", "上游新闻", "重庆晨报", "新重庆客户端"),
    "cd": ("四川日报", "成都日报", "红星新闻", "川观新闻"),
    "xa": ("陕西日报", "西安日报", "华商报"),
    "other": ("新华网", "人民网", "经济日报", "中国新闻网", "第一财经", "21世纪经济报道"),
}
EVENTS = (
    "中国国际智能产业博览会", "西部国际投资贸易洽谈会", "中国产业转移发展对接活动",
    "新一代电子信息产业专题对接活动", "智能网联新能源汽车产业发展大会", "先进材料产业招商推介会",
    "成渝地区双城经济圈产业协同发展推进会", "软件和信息服务业高质量发展大会", "低空经济产业发展论坛",
)
PROJECTS = (
    "车规级功率芯片封测", "硅基Micro LED晶圆制造", "动力电池电芯", "智能网联汽车零部件", "高端显示面板",
    "新型储能电池", "工业机器人整机", "生物医药产业化基地", "先进铝合金材料", "智能终端制造",
    "车载激光雷达", "算力中心", "低空飞行器总装", "光伏组件",
)
FIRM_KINDS = ("汽车零部件企业", "电子元器件企业", "新材料企业", "装备制造企业", "医药企业", "摩托车企业", "电池企业")
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁任沈"
GIVEN = "琴伟敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲芳燕萍红鹏飞宇欣怡晨浩然博文雪梅海波"

FILLERS = (
    "蓬勃的产业态势蕴含着无限商机，吸引了大批企业合作投资。",
    "产业链条完备、市场前景广阔、营商环境一流，成为企业选择落户{subj}的重要原因。",
    "下一步，{subj}将持续优化营商环境，强化要素保障，推动项目早落地、早投产、早见效。",
    "业内人士认为，{sector}正处于由规模扩张向质量提升转变的关键阶段。",
    "与会嘉宾围绕产业链协同、技术创新和市场拓展等议题进行了深入交流。",
    "{subj}相关负责人表示，将以更大力度推动产业链、创新链、资金链、人才链深度融合。",
    "近年来，{subj}坚持把发展经济的着力点放在实体经济上，加快构建现代化产业体系。",
    "记者在现场看到，一辆辆新下线的产品正通过智能物流线运往各地。",
    "龙头企业带动作用明显，上下游配套企业加速集聚，产业生态日益完善。",
    "{subj}还将加大科技创新投入，支持企业建设研发平台，攻克一批关键核心技术。",
    "从“单点突破”到“集群成势”，{sector}正成为{subj}经济增长的重要引擎。",
    "多家企业负责人表示，看好{subj}的区位优势和产业基础，将进一步扩大投资规模。",
    "活动期间，还举行了产业发展报告发布、供需对接洽谈等系列活动。",
    "据介绍，{subj}将围绕补链延链强链，精准开展产业链招商。",
    "今年以来，{subj}持续推动传统产业转型升级，新兴产业加速发展，产业结构不断优化。",
    "在政策支持和市场需求的双重驱动下，{sector}发展势头强劲。",
    "{subj}将加快推进重大项目建设，以高质量项目支撑高质量发展。",
    "专家指出，推动产业集群化发展，关键在于提升产业链供应链韧性和安全水平。",
    "企业负责人告诉记者，订单已经排到了明年，生产线正在满负荷运转。",
    "下一步，{subj}将聚焦主导产业，加快培育新质生产力。",
    "这些项目的落地，将进一步完善{subj}{sector}链条。",
    "{subj}还将深化与周边地区的产业协作，推动成渝地区双城经济圈建设走深走实。",
    "园区内，一批智能化、数字化车间正加速建设。",
    "当前，新一轮科技革命和产业变革深入发展，{sector}迎来重要发展机遇。",
)
TAILS = ("，规模稳居全国前列", "，产业集群效应持续显现", "，产业能级进一步提升", "，创历史新高")
ENUM_TAILS = ("，产业集群效应持续显现", "，形成了多点支撑的产业格局", "，产业能级进一步提升", "")
HEADINGS = (
    "## ■{sector}专题对接活动", "## 链群协同 做强产业生态", "## 创新驱动 培育发展新动能",
    "## 项目为王 夯实发展后劲", "## 产业链条完备 市场前景广阔", "## 头部企业携手{subj} 共绘产业集群蓝图",
)
TITLES = (
    "{subj}{sector}跑出“加速度”", "{subj}：{sector}集群加速成势", "{subj}加快建设{sector}高地",
    "新质生产力加速集聚 {subj}{sector}提质增效", "头部企业携手{subj} 共绘{sector}集群蓝图",
    "{subj}：以链式思维壮大{sector}", "{event}举行 一批{short}项目签约落地",
)


# ---------------------------------------------------------------- numbers and surfaces


def cn(n: int) -> str:
    """Spell a small count in Chinese numerals (两 for 2)."""
    return CN_DIGITS[n]


def to_decimal(x: float, places: int) -> Decimal:
    """Round a float half-up to `places` decimals as a Decimal."""
    return Decimal(repr(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_decimal(d: Decimal) -> str:
    """Write a Decimal without exponent and without trailing zeros after the point."""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def plain_parts(value: float, unit: str) -> tuple[Decimal, str, float]:
    """Return (display number, suffix, base units per display unit) for the plain surface."""
    if unit == "亿元":
        if value >= 10000:
            return to_decimal(value / 10000, 2), "万亿元", 10000.0
        places = 0 if value >= 100 else 1 if value >= 10 else 2
        return to_decimal(value, places), "亿元", 1.0
    if unit.startswith("万"):
        if value >= 100:
            return to_decimal(value, 0), unit, 1.0
        if value >= 1:
            return to_decimal(value, 1), unit, 1.0
        return to_decimal(value * 10000, -2), unit[1:], 0.0001
    return to_decimal(value, 0), unit, 1.0


def canonical(value: float, unit: str) -> float:
    """Round a value to the precision its plain surface shows."""
    number, _, per = plain_parts(value, unit)
    return float(number) * per


def plain_surface(value: float, unit: str) -> str:
    """Write a canonical value as its plain surface (95.3万辆, 1.23万亿元, 1534家)."""
    number, suffix, _ = plain_parts(value, unit)
    return format_decimal(number) + suffix


def half_step(value: float, unit: str) -> float:
    """Half the unit of the last digit of the plain surface, in base units."""
    number, _, per = plain_parts(value, unit)
    text = format_decimal(number)
    places = len(text.split(".")[1]) if "." in text else 0
    if places == 0:
        stripped = text.rstrip("0")
        places = -(len(text) - len(stripped)) if stripped else 0
    return 0.5 * 10.0 ** (-places) * per


def round_two(number: Decimal, rounding: str) -> Decimal:
    """Round a positive number to two significant digits in the given direction."""
    step = Decimal(1).scaleb(number.adjusted() - 1)
    return (number / step).to_integral_value(rounding=rounding) * step


def approx_surface(value: float, unit: str, mode: str, rng: random.Random) -> str | None:
    """Write a qualified surface whose interval contains the value, or None if the mode does not fit."""
    number, suffix, _ = plain_parts(value, unit)
    if number <= 0:
        return None
    low, high, near = (round_two(number, r) for r in (ROUND_FLOOR, ROUND_CEILING, ROUND_HALF_UP))
    if mode == "over" and low < number:
        return rng.choice(("超", "超过", "突破")) + format_decimal(low) + suffix
    if mode == "near" and high > number:
        return rng.choice(("近", "接近", "将近")) + format_decimal(high) + suffix
    if mode == "about" and near != number:
        if rng.random() < 0.5:
            return "约" + format_decimal(near) + suffix
        return format_decimal(near) + suffix + "左右"
    round_figure = low == low.to_integral_value() and low >= 20 and low % 10 == 0
    if mode == "more" and round_figure and suffix in ("亿元", "家", "个"):
        return format_decimal(low) + ("多" if suffix == "亿元" else "余") + suffix
    return None


def level_phrase(value: float, unit: str, rng: random.Random, exact: bool = False) -> tuple[str, str]:
    """Return (verb-and-figure phrase, figure surface) stating a value, qualified at random unless exact."""
    if not exact:
        mode = rng.choices(("plain", "over", "near", "about", "more"), (50, 20, 10, 10, 10))[0]
        surface = approx_surface(value, unit, mode, rng) if mode != "plain" else None
        if surface:
            lead = "" if surface[0] in "超突近接将约" else rng.choice(("达到", "达"))
            return lead + surface, surface
    surface = plain_surface(value, unit)
    return rng.choice(("达到", "达", "为")) + surface, surface


def percent(x: float) -> str:
    """Write a percentage with one decimal."""
    return format_decimal(to_decimal(x, 1))


# ---------------------------------------------------------------- marked text


@dataclass
class Mark:
    """A figure the manifest records: injected error or consistent control."""

    rule: str
    surface: str
    start: int  # offset inside the piece
    injected: bool
    variant: str = ""  # a construction of the rule reported apart (face-value: round levels)


@dataclass
class Piece:
    """A sentence (or heading) with its marks."""

    text: str
    marks: list[Mark] = field(default_factory=list)


def compose(*segments: str | tuple[str, str, bool]) -> Piece:
    """Join text segments; a (surface, rule, injected) tuple becomes a marked segment (rule@variant names a
    variant of the rule)."""
    parts: list[str] = []
    marks: list[Mark] = []
    length = 0
    for seg in segments:
        if isinstance(seg, tuple):
            surface, rule, injected = seg
            rule, _, variant = rule.partition("@")
            marks.append(Mark(rule, surface, length, injected, variant))
            seg = surface
        parts.append(seg)
        length += len(seg)
    return Piece("".join(parts), marks)


# ---------------------------------------------------------------- the world


class World:
    """The one true value of every fact in the corpus, derived from the seed on demand."""

    def __init__(self, seed: int):
        self.seed = seed
        self.cache: dict[tuple, object] = {}
        rng = random.Random(f"{seed}|partition")
        combos = [(s, i) for s in SUBJECTS for i in INDUSTRIES]
        rng.shuffle(combos)
        cut = len(combos) // 3
        self.reserved = combos[:cut]  # only ever stated in planned pairs
        self.common = combos[cut:]
        self.common_by_subject: dict[str, list[tuple[Subject, Industry]]] = {}
        for combo in self.common:
            self.common_by_subject.setdefault(combo[0].name, []).append(combo)
        self.level_pool = [(s, i, y) for s, i in self.reserved for y in range(FIRST_YEAR, 2023)]
        rng.shuffle(self.level_pool)
        self.target_pool = [(s, i, y) for s, i in self.reserved for y in (2026, 2027, 2030)]
        rng.shuffle(self.target_pool)

    def rng_for(self, *key: object) -> random.Random:
        """Return a generator seeded by the world seed and a key, independent of call order."""
        return random.Random("|".join([str(self.seed), *map(str, key)]))

    def series(self, subj: Subject, ind: Industry) -> dict[int, float]:
        """Return the canonical yearly values of an industry metric in a subject."""
        key = ("series", subj.name, ind.short)
        if key not in self.cache:
            rng = self.rng_for(*key)
            value = ind.base * subj.scale * rng.uniform(0.6, 1.4)
            trend = rng.uniform(*ind.growth)
            values = {}
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                floor = 1.0 if ind.unit == "亿元" else 0.05
                values[year] = canonical(max(value, floor), ind.unit)
                value *= 1 + trend + rng.uniform(-0.04, 0.04)
            self.cache[key] = values
        return self.cache[key]  # type: ignore[return-value]

    def target(self, subj: Subject, ind: Industry, year: int) -> float:
        """Return the round target value for an industry metric in a target year."""
        key = ("target", subj.name, ind.short, year)
        if key not in self.cache:
            rng = self.rng_for(*key)
            last = self.series(subj, ind)[LAST_YEAR]
            grow = min(max(sum(ind.growth) / 2, 0.04), 0.3) * rng.uniform(0.8, 1.2)
            projected = max(last * (1 + grow) ** (year - LAST_YEAR), max(self.series(subj, ind).values()) * 1.15)
            number, suffix, per = plain_parts(projected, ind.unit)
            self.cache[key] = float(round_two(number, ROUND_HALF_UP)) * per
        return self.cache[key]  # type: ignore[return-value]

    def rate(self, subj: Subject, period_key: str) -> float:
        """Return the growth rate (percent, one decimal) of 规上工业增加值 in a period."""
        key = ("rate", subj.name, period_key)
        if key not in self.cache:
            self.cache[key] = float(to_decimal(self.rng_for(*key).uniform(2.0, 12.5), 1))
        return self.cache[key]  # type: ignore[return-value]

    def count(self, subj: Subject, ind: Industry, what: str, year: int) -> int:
        """Return a count (enterprises, platforms, projects) that grows year by year."""
        key = ("count", subj.name, ind.short, what)
        if key not in self.cache:
            rng = self.rng_for(*key)
            base = {"企业": 900, "平台": 80, "项目": 120}[what] * subj.scale * rng.uniform(0.5, 1.5)
            values, value = {}, max(base, 12.0)
            for y in range(FIRST_YEAR, LAST_YEAR + 1):
                values[y] = int(round(value))
                value *= 1 + rng.uniform(0.03, 0.15)
            self.cache[key] = values
        return self.cache[key][year]  # type: ignore[index]

    def project(self, subj: Subject, name: str) -> tuple[float, int, int]:
        """Return a project's investment (亿元), expected jobs and expected yearly output (亿元)."""
        key = ("project", subj.name, name)
        if key not in self.cache:
            rng = self.rng_for(*key)
            self.cache[key] = (
                canonical(rng.uniform(5, 120), "亿元"),
                rng.choice((800, 1000, 1200, 1500, 2000, 3000, 5000)),
                rng.choice((10, 20, 30, 50, 60, 80, 100, 150)),
            )
        return self.cache[key]  # type: ignore[return-value]

    def gdp(self, subj: Subject, year: int) -> float:
        """Return a subject's final 地区生产总值 (亿元, one decimal) of a year."""
        key = ("gdp", subj.name, year)
        if key not in self.cache:
            self.cache[key] = float(to_decimal(self.rng_for(*key).uniform(3000, 30000) * subj.scale, 1))
        return self.cache[key]  # type: ignore[return-value]

    def pop_series_pair(self, before_year: int, subject: str) -> tuple[Subject, Industry, int] | None:
        """Take an unused reserved fact whose year and the year before are both unused and before a year."""
        fact = take_fact(self.level_pool, lambda item: FIRST_YEAR < item[2] < before_year, subject)
        if fact is not None:
            # The year before is stated with the fact: no pair may state it with another value.
            earlier = (fact[0], fact[1], fact[2] - 1)
            if earlier in self.level_pool:
                self.level_pool.remove(earlier)
        return fact

    def pop_level(self, before_year: int, subject: str) -> tuple[Subject, Industry, int] | None:
        """Take an unused reserved (subject, industry, year) fact older than a year, about the subject if possible."""
        return take_fact(self.level_pool, lambda item: item[2] < before_year, subject)

    def pop_target(self, after_year: int, subject: str) -> tuple[Subject, Industry, int] | None:
        """Take an unused reserved target fact whose year lies after a year, about the subject if possible."""
        return take_fact(self.target_pool, lambda item: item[2] > after_year, subject)


def take_fact(pool: list[tuple[Subject, Industry, int]], fits, subject: str) -> tuple[Subject, Industry, int] | None:
    """Remove and return the first fitting fact of the pool, preferring facts about the subject."""
    fitting = [i for i, item in enumerate(pool) if fits(item)]
    own = [i for i in fitting if pool[i][0].name == subject]
    chosen = own or fitting
    return pool.pop(chosen[0]) if chosen else None


# ---------------------------------------------------------------- the plan


@dataclass
class Duty:
    """A sentence an article must carry: an injection, or one side of a cross-article pair."""

    rule: str
    injected: bool
    fact: tuple | None = None  # (subject, industry, year) for pairs
    value: float | None = None
    stage: str = ""  # preliminary or final, for revision.preliminary-revised


@dataclass
class Plan:
    """What one article will be: date, topic and duties."""

    index: int
    date: dt.date
    subj: Subject
    ind: Industry
    duties: list[Duty] = field(default_factory=list)
    wrong: bool = False  # carries a wrong figure (not just the consistent side of a pair)


def random_date(rng: random.Random) -> dt.date:
    """Pick a day in 2023-01-01 .. 2025-12-31."""
    return FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))


def plan_corpus(count: int, rng: random.Random, world: World) -> list[Plan]:
    """Decide every article's date, topic, injections and cross-article pairs."""
    plans = [plan_article(i, rng, world) for i in range(count)]
    by_subject: dict[str, list[Plan]] = {"": plans}  # "" = any subject
    for plan in plans:
        by_subject.setdefault(plan.subj.name, []).append(plan)
    for plan in plans:
        roll = rng.random()
        if roll < INJECT_RATE:
            rule = rng.choice(RULES)
            if rule in CROSS_RULES and not plan_pair(plan, by_subject, rule, True, rng, world):
                rule = rng.choice(WITHIN_RULES)
            fact = None
            if rule == "rate-levels.rate-mismatch":
                # A rate against two levels no other article states: a reserved fact and its year before.
                fact = world.pop_series_pair(plan.date.year, plan.subj.name)
                rule = rule if fact is not None else rng.choice(WITHIN_RULES[:6])
            if rule in WITHIN_RULES:
                plan.duties.append(Duty(rule, True, fact))
            plan.wrong = True
        elif roll < INJECT_RATE + CONTROL_PAIR_RATE and count > 1:
            plan_pair(plan, by_subject, rng.choice(CROSS_RULES), False, rng, world)
    return plans


def plan_article(index: int, rng: random.Random, world: World) -> Plan:
    """Pick an article's date and its topic among the common (subject, industry) pairs."""
    subj, ind = rng.choice(world.common)
    return Plan(index, random_date(rng), subj, ind)


def plan_pair(plan: Plan, by_subject: dict[str, list[Plan]], rule: str, injected: bool,
              rng: random.Random, world: World) -> bool:
    """Give this article and an earlier-dated partner on the same subject the two sides of a cross-article pair."""
    gap = 0 if rule == "agreement.conflicting-values" else 30
    partner = find_partner(plan, by_subject[plan.subj.name], rng, gap) or find_partner(plan, by_subject[""], rng, gap)
    if partner is None:
        return False
    if rule == "agreement.conflicting-values":
        fact = world.pop_level(min(plan.date.year, partner.date.year), plan.subj.name)
        if fact is None:
            return False
        true = world.series(fact[0], fact[1])[fact[2]]
        value = wrong_value(true, fact[1].unit, rng) if injected else true
    elif rule == "revision.preliminary-revised":
        # The partner, earlier, states the preliminary figure; this article the final one.
        fact = (plan.subj, None, min(plan.date.year, partner.date.year) - 1)
        true = world.gdp(plan.subj, fact[2])
        early = float(to_decimal(true * rng.choice((0.96, 0.97, 0.98, 1.02, 1.03)), 1)) if injected else true
        partner.duties.append(Duty(rule, injected, fact, early, "preliminary"))
        plan.duties.append(Duty(rule, injected, fact, true, "final"))
        return True
    else:
        fact = world.pop_target(max(plan.date.year, partner.date.year), plan.subj.name)
        if fact is None:
            return False
        true = world.target(*fact)
        value = revised_target(true, fact[1].unit, rng) if injected else true
    partner.duties.append(Duty(rule, injected, fact, true))
    plan.duties.append(Duty(rule, injected, fact, value))
    return True


def find_partner(plan: Plan, plans: list[Plan], rng: random.Random, min_gap: int) -> Plan | None:
    """Find another article dated at least min_gap days before this one (any date if min_gap is 0)."""
    for _ in range(40):
        other = plans[rng.randrange(len(plans))]
        if other is plan:
            continue
        if min_gap == 0 or (plan.date - other.date).days >= min_gap:
            return other
    return None


def wrong_value(true: float, unit: str, rng: random.Random) -> float:
    """Return a value whose plain surface cannot overlap the true one."""
    factor = rng.uniform(1.18, 1.45) if rng.random() < 0.6 else rng.uniform(0.6, 0.84)
    return canonical(true * factor, unit)


def revised_target(true: float, unit: str, rng: random.Random) -> float:
    """Return a different round target, at least 15% away."""
    number, _, per = plain_parts(true * rng.choice((0.75, 0.8, 1.2, 1.25, 1.5)), unit)
    return float(round_two(number, ROUND_HALF_UP)) * per


# ---------------------------------------------------------------- sentence builders


@dataclass
class Context:
    """What sentence builders know about the article being written."""

    rng: random.Random
    world: World
    date: dt.date
    subj: Subject
    ind: Industry
    names: dict[str, str]


def year_word(ctx: Context, year: int) -> str:
    """Write a past year, sometimes as 去年."""
    if year == ctx.date.year - 1 and ctx.rng.random() < 0.3:
        return "去年"
    return f"{year}年"


def build_level(ctx: Context, subj: Subject, ind: Industry, year: int,
                value: float | None = None, mark: tuple[str, bool] | None = None) -> Piece:
    """State one yearly level of an industry metric (with a year-on-year change sometimes)."""
    rng = ctx.rng
    series = ctx.world.series(subj, ind)
    true = series[year] if value is None else value
    phrase, surface = level_phrase(true, ind.unit, rng, exact=mark is not None and mark[1])
    head = f"{year_word(ctx, year) if mark is None else f'{year}年'}，{subj.name}{ind.label}{ind.metric}"
    lead = phrase[: len(phrase) - len(surface)]
    figure: str | tuple[str, str, bool] = surface if mark is None else (surface, mark[0], mark[1])
    tail = ""
    if mark is None and year - 1 in series and rng.random() < 0.5:
        change = (series[year] / series[year - 1] - 1) * 100
        if abs(change) >= 0.1:
            tail = f"，同比{'增长' if change > 0 else '下降'}{percent(abs(change))}%"
    elif rng.random() < 0.5:
        tail = rng.choice(TAILS)
    return compose(head, lead, figure, tail, "。")


def pick_combo(ctx: Context) -> tuple[Subject, Industry]:
    """Pick the article's own topic most of the time, else another common pair of the same subject."""
    if ctx.rng.random() < 0.6:
        return ctx.subj, ctx.ind
    return ctx.rng.choice(ctx.world.common_by_subject[ctx.subj.name])


def build_random_level(ctx: Context) -> Piece | None:
    """State a past yearly level of a common fact not yet stated in this article."""
    subj, ind = pick_combo(ctx)
    year = ctx.rng.randint(max(FIRST_YEAR, ctx.date.year - 3), ctx.date.year - 1)
    key = f"level|{subj.name}|{ind.short}|{year}"
    if key in ctx.names:
        return None
    ctx.names[key] = ""
    return build_level(ctx, subj, ind, year)


def growth_spread(a: float, b: float, unit: str) -> float:
    """Return the half-width of B/A implied by the rounding of both plain surfaces."""
    return (b / a) * (half_step(a, unit) / a + half_step(b, unit) / b)


def growth_candidates(ctx: Context, kind: str) -> list[tuple[Subject, Industry, int, int]]:
    """List (subject, industry, y1, y2) whose values suit a 倍 (kind='times') or % statement."""
    end = ctx.date.year - 1
    found = []
    combos = [(ctx.subj, ctx.ind)] + ctx.world.common_by_subject[ctx.subj.name]
    for subj, ind in combos:
        series = ctx.world.series(subj, ind)
        for y1 in range(FIRST_YEAR, end - 1):
            a, b = series[y1], series[end]
            ratio = b / a
            spread = growth_spread(a, b, ind.unit)
            if kind == "times" and 2.5 <= ratio <= 14 and spread < 0.25 and a >= 1:
                x_by, x_to = f"{ratio - 1:.1f}", f"{ratio:.1f}"
                if not x_by.endswith(".0") and not x_to.endswith(".0"):
                    found.append((subj, ind, y1, end))
            if kind == "pct" and 1.03 <= ratio <= 2.6 and spread * 100 < 2.0:
                found.append((subj, ind, y1, end))
    return found


def build_growth(ctx: Context, rule: str | None = None) -> Piece | None:
    """State a level in two years and the change between them, in 倍 or in %, possibly with one error."""
    rng = ctx.rng
    if rule == "growth.increase-by-vs-to":
        kinds = ["times"]
    elif rule == "growth.change-mismatch":
        kinds = ["pct"]
    else:
        kinds = rng.sample(["times", "pct"], 2)
    for kind in kinds:
        candidates = growth_candidates(ctx, kind)
        if candidates:
            subj, ind, y1, y2 = rng.choice(candidates[:3] if rng.random() < 0.5 else candidates)
            builder = build_times if kind == "times" else build_percent
            return builder(ctx, subj, ind, y1, y2, rule)
    return None


def span_segment(ctx: Context, y1: int, y2: int, rule: str | None) -> str | tuple[str, str, bool]:
    """Write the stated duration (N年), wrong by one year if the duration rule is injected."""
    span = y2 - y1
    if rule == "duration.span-mismatch":
        wrong = span + 1 if span < 3 or ctx.rng.random() < 0.5 else span - 1
        return (f"{cn(wrong)}年", rule, True)
    return (f"{cn(span)}年", "duration.span-mismatch", False)


def build_times(ctx: Context, subj: Subject, ind: Industry, y1: int, y2: int, rule: str | None) -> Piece:
    """State A → B with 增长X倍 / 增长到X倍 / 是…的X倍 / 增长了N多倍."""
    rng = ctx.rng
    series = ctx.world.series(subj, ind)
    a, b = series[y1], series[y2]
    ratio = b / a
    verb = rng.choice(("增至", "增长到", "提高到"))
    head = f"{subj.name}{ind.label}{ind.metric}从{y1}年的{plain_surface(a, ind.unit)}"
    head += f"{verb}{y2}年的{plain_surface(b, ind.unit)}，"
    rname = "growth.increase-by-vs-to"
    if rule == rname:
        return compose(head, f"{cn(y2 - y1)}年增长", (f"{ratio:.1f}倍", rname, True), "。")
    span = span_segment(ctx, y1, y2, rule)
    style = rng.randrange(4)
    if style == 0:
        return compose(head, span, "增长", (f"{ratio - 1:.1f}倍", rname, False), "。")
    if style == 1:
        return compose(head, span, "增长到", (f"{ratio:.1f}倍", rname, False), "。")
    if style == 2 and ratio - 1 >= 10:
        lower = int(ratio - 1) // 10 * 10
        return compose(head, span, "增长了", (f"{lower}多倍", rname, False), "。")
    return compose(head, f"{y2}年的规模是{y1}年的", (f"{ratio:.1f}倍", rname, False), "。")


def build_percent(ctx: Context, subj: Subject, ind: Industry, y1: int, y2: int, rule: str | None) -> Piece:
    """State A → B with 增长Y%, Y possibly wrong by more than five points."""
    rng = ctx.rng
    series = ctx.world.series(subj, ind)
    a, b = series[y1], series[y2]
    change = (b / a - 1) * 100
    rname = "growth.change-mismatch"
    stated, injected = change, False
    if rule == rname:
        spread = growth_spread(a, b, ind.unit) * 100
        offset = max(6.0, 2 * spread + 2) + rng.uniform(0, 10)
        stated = change + offset if change < offset + 3 or rng.random() < 0.5 else change - offset
        injected = True
    word_up, word_to = ("增长", rng.choice(("增长到", "增加到", "提升至"))) if b >= a else ("下降", "下降到")
    head = f"{subj.name}{ind.label}{ind.metric}从{y1}年的{plain_surface(a, ind.unit)}"
    head += f"{word_to}{y2}年的{plain_surface(b, ind.unit)}，"
    span: str | tuple[str, str, bool] = ""
    if rule == "duration.span-mismatch" or (rule is None and rng.random() < 0.4):
        span = span_segment(ctx, y1, y2, rule)
    return compose(head, span, word_up, (f"{percent(abs(stated))}%", rname, injected), "。")


def build_enumeration(ctx: Context, inject: bool = False) -> Piece:
    """List items and state their number (N大 / N个 / N项), wrong if injected."""
    rng = ctx.rng
    rule = "count.enumeration-mismatch"
    style = rng.randrange(3)
    pool, noun, measure = {
        0: (ENUM_ITEMS, rng.choice(("主导产业", "支柱产业", "产业集群", "万亿级产业集群", "千亿级产业集群")), "大"),
        1: (ENUM_ITEMS, "重点领域", "个"),
        2: (ACTIONS, "专项行动", "项"),
    }[style]
    # A subject has one list per noun (its 专项行动 are the same in every article): draw it from a
    # generator seeded by both, so two articles never disagree about it by accident.
    fixed = random.Random(f"{ctx.subj.name}|{noun}")
    n = fixed.randint(2, 5)
    items = fixed.sample(pool, n)
    rng.shuffle(items)
    stated, with_deng = n, rng.random() < 0.6
    if inject:
        if rng.random() < 0.6 or n == 2:
            items = items + [rng.choice([p for p in pool if p not in items])]
        else:
            stated = n + 1
            with_deng = False  # "A、B三大": nothing left unsaid
    listing = "、".join(items) + ("等" if with_deng else "")
    count = (f"{cn(stated)}{measure}", rule, inject)
    if style == 0:
        verb = rng.choice(("已形成", "加快打造", "重点发展", "培育壮大"))
        return compose(f"{ctx.subj.name}{verb}", listing, count, noun, rng.choice(ENUM_TAILS), "。")
    if style == 1:
        return compose("围绕", listing, count, noun, f"，{ctx.subj.name}加快布局一批重大项目。")
    return compose(f"{ctx.subj.name}深入实施", listing, count, noun, "，推动产业提质增效。")


def build_companies(ctx: Context) -> Piece:
    """List a few companies 等 a larger count: a count that is not an enumeration mismatch."""
    rng = ctx.rng
    names = rng.sample(PARTNERS, rng.randint(0, 1)) + rng.sample(COMPANIES, rng.randint(2, 3))
    total = len(names) + rng.randint(3, 20)
    return compose(
        "活动现场，", "、".join(names), "等", (f"{total}家", "count.enumeration-mismatch", False),
        f"生态合作伙伴签署了合作框架协议，将携手共建{ctx.names['sector']}生态。",
    )


def build_target(ctx: Context, subj: Subject, ind: Industry, year: int,
                 value: float | None = None, mark: tuple[str, bool] | None = None) -> Piece:
    """State a target: 力争到Y年…突破/达到T."""
    rng = ctx.rng
    true = ctx.world.target(subj, ind, year) if value is None else value
    surface = plain_surface(true, ind.unit)
    verb = "达到" if mark else rng.choice(("突破", "达到", "超过"))
    figure: str | tuple[str, str, bool] = surface if mark is None else (surface, mark[0], mark[1])
    style = rng.randrange(3)
    if style == 0:
        return compose(f"力争到{year}年，{subj.name}{ind.label}{ind.metric}{verb}", figure, "。")
    if style == 1:
        return compose(f"根据规划，到{year}年，{subj.name}{ind.label}{ind.metric}将{verb}", figure, "。")
    return compose(f"{subj.name}提出，到{year}年{ind.label}{ind.metric}力争{verb}", figure,
                   "，打造具有全国影响力的产业集群。")


def build_random_target(ctx: Context) -> Piece:
    """State a common target in a year after the article's."""
    subj, ind = pick_combo(ctx)
    years = [y for y in (2025, 2026, 2027, 2030) if y > ctx.date.year]
    return build_target(ctx, subj, ind, ctx.rng.choice(years))


def rate_period(ctx: Context) -> tuple[str, str]:
    """Pick a reporting period the article's date allows: (surface, fact key)."""
    d, rng = ctx.date, ctx.rng
    options = [(f"{d.year - 1}年", f"{d.year - 1}"), ("去年", f"{d.year - 1}")]
    if d.month >= 10:
        options.append(("今年前三季度", f"{d.year}M9"))  # the same period as 1—9月: one true value
    if d.month >= 7:
        options.append(("今年上半年", f"{d.year}M6"))  # the same period as 1—6月
    if d.month >= 3:
        options.append((f"1—{d.month - 1}月" if d.month > 2 else "1月", f"{d.year}M{d.month - 1}"))
    return rng.choice(options)


def build_rate(ctx: Context) -> Piece:
    """State the growth of 规上工业增加值 in a period."""
    surface, key = rate_period(ctx)
    rate = ctx.world.rate(ctx.subj, key)
    local = "，增速居全市前列" if ctx.subj.city != ctx.subj.name else "，经济运行持续回升向好"
    tail = ctx.rng.choice(("，增速高于全国平均水平", "，工业经济运行稳中有进", local))
    return compose(f"{surface}，{ctx.subj.name}规上工业增加值同比增长{percent(rate)}%{tail}。")


def build_counts(ctx: Context) -> Piece:
    """State how many enterprises and platforms a subject has this year."""
    rng, year = ctx.rng, ctx.date.year
    firms = ctx.world.count(ctx.subj, ctx.ind, "企业", year)
    platforms = ctx.world.count(ctx.subj, ctx.ind, "平台", year)
    firm_text = approx_surface(firms, "家", "more", rng) if rng.random() < 0.6 else None
    platform_text = approx_surface(platforms, "个", "more", rng) if rng.random() < 0.6 else None
    return compose(
        f"目前，{ctx.subj.name}已集聚规上{ctx.ind.noun}{firm_text or f'{firms}家'}，"
        f"建成各类创新平台{platform_text or f'{platforms}个'}，形成了龙头引领、中小企业协同发展的良好格局。"
    )


def build_plan_period(ctx: Context) -> Piece:
    """State a cumulative “十四五” figure (since the plan began, as of this year)."""
    projects = ctx.world.count(ctx.subj, ctx.ind, "项目", ctx.date.year)
    return compose(f"“十四五”以来，{ctx.subj.name}累计引进{ctx.names['sector']}项目{projects}个，产业链条不断延伸。")


def build_event(ctx: Context) -> Piece:
    """State this article's signing figures (unique to the article)."""
    rng = ctx.rng
    k = rng.randint(8, 60)
    amount = canonical(k * rng.uniform(3, 15), "亿元")
    ctx.names["projects"] = str(k)
    fields = "、".join(rng.sample(ENUM_ITEMS, 3))
    return compose(f"活动现场，共有{k}个项目集中签约，总投资{plain_surface(amount, '亿元')}，涵盖{fields}等领域。")


def build_project(ctx: Context, inject: bool = False) -> Piece:
    """Describe one project with 约/左右 estimates; a double approximator if injected."""
    rng = ctx.rng
    rule = "wording.double-approximator"
    name = rng.choice(PROJECTS)
    invest, people, output = ctx.world.project(ctx.subj, name)
    kind = rng.randrange(2)
    number, unit = (f"{people}", "人") if kind == 0 else (f"{output}", "亿元")
    if inject:
        pre, post = rng.choice((("约", "左右"), ("大约", "左右"), ("约", "上下"), ("近", "左右")))
    else:
        pre, post = rng.choice((("约", ""), ("", "左右"), ("大约", ""), ("", "上下")))
    what = "带动就业" if kind == 0 else "实现年产值"
    return compose(
        f"总投资{plain_surface(invest, '亿元')}的{name}项目落户{ctx.subj.name}，项目建成投产后，预计可{what}",
        (f"{pre}{number}{unit}{post}", rule, inject), "。",
    )


def build_efficiency(ctx: Context, inject: bool = False) -> Piece:
    """Describe an unnamed firm's cost or energy reduction; stated in 倍 if injected."""
    rng = ctx.rng
    rule = "wording.decrease-in-times"
    what = rng.choice(("生产成本", "单位产品能耗", "产品不良率", "运营成本", "库存周转天数"))
    verb = rng.choice(("下降了", "降低了", "减少了"))
    if inject:
        figure = (verb + rng.choice(("一倍", "两倍", "一倍多")), rule, True)
    elif rng.random() < 0.7:
        figure = (f"{verb}{rng.randint(10, 60)}%", rule, False)
    else:
        figure = (f"降至原来的{rng.choice(('1/2', '1/3', '一半'))}", rule, False)
    firm = rng.choice(("记者了解到，", "在园区内，", "")) + f"{ctx.subj.name}一家{rng.choice(FIRM_KINDS)}"
    return compose(f"{firm}通过“智改数转”，{what}", figure, f"，生产效率提升{rng.randint(15, 80)}%。")


def build_listed_sum(ctx: Context, inject: bool = False) -> Piece | None:
    """State several industries' values and their sum (分别…合计), the sum wrong if injected."""
    rng = ctx.rng
    year = ctx.date.year - 1
    pool = [i for s, i in ctx.world.common_by_subject[ctx.subj.name] if i.metric == "产值"]
    if len(pool) < 2:
        return None
    inds = rng.sample(pool, min(len(pool), rng.randint(2, 3)))
    values = [ctx.world.series(ctx.subj, i)[year] for i in inds]
    names = "、".join(i.short for i in inds)
    listed = "、".join(plain_surface(v, "亿元") for v in values[:-1]) + "和" + plain_surface(values[-1], "亿元")
    total = sum(values) * (rng.choice((rng.uniform(1.1, 1.3), rng.uniform(0.75, 0.9))) if inject else 1.0)
    rule = "total.listed-parts-sum"
    return compose(f"{year}年，{ctx.subj.name}{names}{cn(len(inds))}大产业产值分别为{listed}，合计",
                   (plain_surface(canonical(total, "亿元"), "亿元"), rule, inject), "。")


def build_per_day(ctx: Context, inject: bool = False) -> Piece:
    """State an event's visitors over its days and per day (日均), the average wrong if injected."""
    rng = ctx.rng
    days = rng.randint(3, 7)
    total = float(to_decimal(rng.uniform(20, 400), 1))
    per_day = total / days * (rng.choice((rng.uniform(1.12, 1.3), rng.uniform(0.72, 0.88))) if inject else 1.0)
    rule = "average.per-day-mismatch"
    visitors = format_decimal(to_decimal(total, 1))
    return compose(f"本届{ctx.names['event']}为期{days}天，累计吸引观众{visitors}万人次，日均",
                   (f"{format_decimal(to_decimal(per_day, 1))}万人次", rule, inject), "。")


def build_visitor_parts(ctx: Context, inject: bool = False) -> Piece:
    """State the visitors of a holiday and those of two kinds of places (each in 万人次); if injected, one part's 万
    left out (3.35人次 for 3.35万人次)."""
    rng = ctx.rng
    parts = [float(to_decimal(rng.uniform(1, 30), 2)) for _ in range(2)]
    total = format_decimal(to_decimal(sum(parts), 2))
    rule = "magnitude.fractional-count"
    first, second = (format_decimal(to_decimal(part, 2)) for part in parts)
    return compose(f"假日期间，{ctx.subj.name}共接待游客{total}万人次。其中，景区景点共接待游客{first}万人次，"
                   "宾馆酒店共接待游客", (f"{second}人次" if inject else f"{second}万人次", rule, inject), "。")


def build_trade_shares(ctx: Context, inject: bool = False) -> Piece:
    """State foreign trade, its parts and their shares (forced to 100%), two shares moved if injected."""
    rng = ctx.rng
    for _ in range(20):
        parts = [float(to_decimal(rng.uniform(low, high), 1)) for low, high in ((50, 300), (80, 400), (10, 80))]
        whole = sum(parts)
        shares = [float(to_decimal(part / whole * 100, 1)) for part in parts]
        if abs(sum(shares) - 100) < 0.05 and shares[2] > 12:
            break
    moved = float(to_decimal(rng.uniform(3, 8), 1)) if inject else 0.0
    shares = [shares[0], shares[1] + moved, shares[2] - moved]
    rule = "shares.share-mismatch"
    names = ("民营企业", "外商投资企业", "国有企业")
    total = format_decimal(to_decimal(whole, 1))
    segments: list[str | tuple[str, str, bool]] = [f"{ctx.subj.name}外贸进出口总值{total}亿元。"]
    for number, (name, part, share) in enumerate(zip(names, parts, shares, strict=True)):
        surface = f"{format_decimal(to_decimal(share, 1))}%"
        segments += [f"{name}进出口{format_decimal(to_decimal(part, 1))}亿元，占",
                     (surface, rule, inject) if number else surface, "；" if number < 2 else "。"]
    return compose(*segments)


def build_named_share(ctx: Context, inject: bool = False) -> Piece:
    """State retail sales, then online sales with their share of 社零总额 (its abbreviation) in another sentence; if
    injected, the online sales written in 万元 for 亿元 or the share moved by 3 to 8 points."""
    year = ctx.date.year - 1
    # An injected sentence states a year-to-date period no control states, so no other article contradicts it.
    period = f"{year - ctx.rng.randint(0, 2)}年1-{ctx.rng.randint(2, 11)}月" if inject else f"{year}年"
    world = ctx.world.rng_for("retail", ctx.subj.name, period)
    whole = float(to_decimal(world.uniform(300, 3000) * ctx.subj.scale, 1))
    share = float(to_decimal(world.uniform(12, 35), 1))
    part = float(to_decimal(whole * share / 100, 1))
    unit = "亿元"
    if inject and ctx.rng.random() < 0.5:
        unit = "万元"
    elif inject:
        share += float(to_decimal(ctx.rng.uniform(3, 8), 1)) * ctx.rng.choice((1, -1))
    rule = "share.named-whole-mismatch"
    return compose(f"{period}，{ctx.subj.name}社会消费品零售总额{format_decimal(to_decimal(whole, 1))}亿元。"
                   f"{period}，{ctx.subj.name}网上零售额{format_decimal(to_decimal(part, 1))}{unit}，占社零总额比重",
                   (f"{format_decimal(to_decimal(share, 1))}%", rule, inject), "。")


def build_partition(ctx: Context, inject: bool = False) -> Piece:
    """State a year-end registered population and its parts by residence or by age (分别为), one part 3 to 10% off
    if injected."""
    year = ctx.date.year - 1
    # An injected sentence states a month's end no control states, so no other article contradicts it.
    period = f"截至{year}年{ctx.rng.randint(3, 11)}月{ctx.rng.randint(1, 28)}日" if inject else f"{year}年末"
    world = ctx.world.rng_for("population", ctx.subj.name, period)
    whole = world.randint(300000, 3000000)
    if world.random() < 0.5:
        labels = ("城镇", "乡村")
        cuts = [world.uniform(0.4, 0.7)]
    else:
        labels = ("0-17岁", "18-59岁", "60岁及以上")
        first = world.uniform(0.15, 0.25)
        cuts = [first, first + world.uniform(0.5, 0.6)]
    bounds = [0, *(int(whole * c) for c in cuts), whole]
    parts = [b - a for a, b in zip(bounds, bounds[1:], strict=False)]
    if inject:
        parts[-1] = int(parts[-1] * ctx.rng.choice((ctx.rng.uniform(1.03, 1.1), ctx.rng.uniform(0.9, 0.97))))
    rule = "total.partition-sum"
    names = "、".join(labels[:-1]) + "和" + labels[-1]
    listed = "、".join(f"{p}人" for p in parts[:-1]) + "和"
    return compose(f"{period}，{ctx.subj.name}户籍人口为{whole}人。{names}户籍人口分别为{listed}",
                   (f"{parts[-1]}人", rule, inject), "。")


def build_parts_after(ctx: Context, rule: str) -> Piece:
    """State a month's whole with its rate, then its two parts after 其中, each with its rate, all injected: a
    part with a digit too many (part-exceeds-whole: container throughput of 沿海 and 内河 ports), the whole off the
    parts' sum (partition-parts-sum) or its rate outside theirs (partition-parts-rate: residents' power use of 城镇
    and 乡村). Only duties build it; every figure comes from the world, so two articles never disagree."""
    period = f"{ctx.date.year - 1}年{ctx.rng.randint(1, 11)}月份"
    world = ctx.world.rng_for("parts-after", rule, ctx.subj.name, period)
    parts = [float(to_decimal(world.uniform(low, high), 2)) for low, high in ((0.3, 0.9), (0.4, 1.1))]
    rates = [float(to_decimal(world.uniform(3, 15), 1)) for _ in parts]
    earlier = [part / (1 + rate / 100) for part, rate in zip(parts, rates, strict=True)]
    whole, rate = sum(parts), (sum(parts) / sum(earlier) - 1) * 100
    if rule == "total.part-exceeds-whole":
        parts, whole = [part * 1000 for part in parts], whole * 1000
        labels, name, unit = ("沿海港口完成", "内河港口完成"), "港口完成集装箱吞吐量", "万标箱"
        shown = [format_decimal(to_decimal(part * (10 if k == 0 else 1), 2)) for k, part in enumerate(parts)]
    else:
        labels, name, unit = ("城镇居民用电量为", "乡村居民用电量为"), "城乡居民生活用电量为", "亿千瓦时"
        shown = [format_decimal(to_decimal(part, 2)) for part in parts]
    if rule == "total.partition-parts-sum":
        whole *= world.choice((world.uniform(0.8, 0.92), world.uniform(1.08, 1.2)))
    stated = -world.uniform(2, 8) if rule == "total.partition-parts-rate" else rate
    whole_text = f"{format_decimal(to_decimal(whole, 2))}{unit}"
    rate_text = f"{percent(abs(stated))}%"
    segments: list[str | tuple[str, str, bool]] = [f"{period}，{ctx.subj.name}{name}"]
    segments.append((whole_text, rule, True) if rule == "total.partition-parts-sum" else whole_text)
    segments.append(f"，同比{'增长' if stated >= 0 else '下降'}")
    segments += [(rate_text, rule, True) if rule == "total.partition-parts-rate" else rate_text, "。其中，"]
    for k, (label, text, part_rate) in enumerate(zip(labels, shown, rates, strict=True)):
        figure = f"{text}{unit}"
        segments += [label, (figure, rule, True) if rule == "total.part-exceeds-whole" and k == 0 else figure,
                     f"，增长{percent(part_rate)}%{'；' if k == 0 else '。'}"]
    return compose(*segments)


def build_housing_investment(ctx: Context, inject: bool = False) -> Piece:
    """State a year-to-date housing investment with its rate, in 平方米 instead of 亿元 if injected."""
    period = f"{ctx.date.year - 1}年1-{ctx.rng.randint(2, 11)}月"
    world = ctx.world.rng_for("housing-investment", ctx.subj.name, period)
    value = format_decimal(to_decimal(world.uniform(50, 900) * ctx.subj.scale, 1))
    return compose(f"{period}，{ctx.subj.name}商品住宅完成投资",
                   (f"{value}平方米" if inject else f"{value}亿元", "dimension.money-in-other-unit", inject),
                   f"，同比增长{percent(world.uniform(1, 12))}%。")


# How far off, either way, a part's weight a year earlier may be (rules/total/weighted-rate-mismatch.yaml).
PRICE_FACTOR = 1.25


def build_trade_rates(ctx: Context, inject: bool = False, rule: str = "total.weighted-rate-mismatch") -> Piece:
    """State foreign trade with its rate, then exports and imports each with its level and rate; if injected, the
    trade's rate off what its parts' levels and rates give (weighted-rate: still between the parts' rates;
    rate-between-parts: outside them)."""
    year = ctx.date.year - 1
    # An injected sentence states a year-to-date period no control states, so no other article contradicts it; the
    # rates say no 同比, so no level of the year before (which the world draws apart) is checked against them.
    period = f"{year - ctx.rng.randint(0, 2)}年1-{ctx.rng.randint(2, 11)}月" if inject else f"{year}年"
    world = ctx.world.rng_for("trade-rates", ctx.subj.name, period)
    for _ in range(50):
        before = [world.uniform(80, 600) * ctx.subj.scale, world.uniform(50, 400) * ctx.subj.scale]
        rates = [float(to_decimal(world.uniform(12, 35), 1)), float(to_decimal(world.uniform(-12, 3), 1))]
        levels = [float(to_decimal(b * (1 + r / 100), 1)) for b, r in zip(before, rates, strict=True)]
        earlier = [level / (1 + r / 100) for level, r in zip(levels, rates, strict=True)]
        true = (sum(levels) / sum(earlier) - 1) * 100
        corners = [(w * levels[0] + levels[1] / w) / (w * earlier[0] + earlier[1] / w) * 100 - 100
                   for w in (PRICE_FACTOR, 1 / PRICE_FACTOR)]
        low, high, spread = min(rates), max(rates), max(rates) - min(rates)
        ends = (low + 0.05 * spread, high - 0.05 * spread)
        inside = [x for x in ends if not min(corners) - 1 <= x <= max(corners) + 1]
        if inside or not inject:
            break
    if not inject:
        stated = true
    elif rule == "total.rate-between-parts":
        stated = high + ctx.rng.uniform(2, 6) if ctx.rng.random() < 0.5 else low - ctx.rng.uniform(2, 6)
    else:
        stated = inside[0] if inside else true
    whole = format_decimal(to_decimal(sum(levels), 1))
    word = "增长" if stated >= 0 else "下降"
    segments: list[str | tuple[str, str, bool]] = [
        f"{period}，{ctx.subj.name}外贸进出口{whole}亿元，{word}",
        (f"{format_decimal(to_decimal(abs(stated), 1))}%", rule, inject), "。其中，"]
    for number, (name, level, rate) in enumerate(zip(("出口", "进口"), levels, rates, strict=True)):
        verb = "增长" if rate >= 0 else "下降"
        segments.append(f"{name}{format_decimal(to_decimal(level, 1))}亿元，{verb}"
                        f"{format_decimal(to_decimal(abs(rate), 1))}%{'；' if number == 0 else '。'}")
    return compose(*segments)


RANK_GOODS = ("集成电路", "原油", "铁矿砂", "大豆", "天然气", "汽车零配件", "笔记本电脑", "手机", "液晶显示板",
              "医药品", "铜矿砂", "农产品")


def build_rank_list(ctx: Context, inject: bool = False) -> Piece:
    """Name the goods that take the first N places of a subject's imports or exports (A、B和C分列进口值前三位),
    one place more or fewer stated than goods named if injected."""
    rng = ctx.rng
    named = rng.randint(3, 5)
    goods = rng.sample(RANK_GOODS, named)
    stated = named + rng.choice((1, -1)) if inject else named
    flow = rng.choice(("进口", "出口"))
    listing = "、".join(goods[:-1]) + rng.choice(("、", "和")) + goods[-1]
    places = f"{cn(stated) if rng.random() < 0.5 else stated}{rng.choice(('位', '名'))}"
    verb = rng.choice(("分列", "依次位列"))
    rule = "count.rank-list-mismatch"
    return compose(f"{flow}方面，{listing}{verb}{ctx.subj.name}{flow}值前", (places, rule, inject), "。")


def build_structure(ctx: Context, inject: bool = False) -> Piece:
    """State the three industries' value added and their ratio (结构比例), one term moved if injected."""
    rng = ctx.rng
    parts = [float(to_decimal(rng.uniform(low, high), 2)) for low, high in ((20, 90), (200, 500), (200, 600))]
    whole = sum(parts)
    terms = [to_decimal(part / whole * 100, 2) for part in parts]
    if inject:
        terms = [terms[0], terms[1] - Decimal(1), terms[2] + Decimal(1)]
    ratio = ":".join(f"{t:.2f}" for t in terms)
    rule = "structure.ratio-mismatch"
    listed = "；".join(f"{label}增加值{format_decimal(to_decimal(part, 2))}亿元"
                      for label, part in zip(("第一产业", "第二产业", "第三产业"), parts, strict=True))
    return compose(f"{ctx.subj.name}实现地区生产总值{format_decimal(to_decimal(whole, 2))}亿元，其中，{listed}，"
                   "三次产业结构比例为", (ratio, rule, inject), "。")


def build_structure_terms(ctx: Context, inject: bool = False) -> Piece:
    """State a ratio of three shares with one decimal (三次产业结构), summing to 101 if injected."""
    rng = ctx.rng
    first, second = to_decimal(rng.uniform(3, 12), 1), to_decimal(rng.uniform(30, 50), 1)
    third = Decimal(100) - first - second + (Decimal(1) if inject else Decimal(0))
    ratio = ":".join(f"{t:.1f}" for t in (first, second, third))
    return compose(f"{ctx.subj.name}三次产业结构调整为", (ratio, "structure.terms-not-100", inject), "。")


def build_rate_levels(ctx: Context, fact: tuple | None, inject: bool = False) -> Piece | None:
    """State a reserved level, the year before, and its 同比 rate (wrong by more than rounding if injected)."""
    if fact is None:
        return None
    subj, ind, year = fact
    series = ctx.world.series(subj, ind)
    a, b = series[year - 1], series[year]
    change = (b / a - 1) * 100
    spread = growth_spread(a, b, ind.unit) * 100
    stated = change + (max(3.0, 2 * spread + 1) + ctx.rng.uniform(0, 5)) * ctx.rng.choice((1, -1)) if inject else change
    word = "增长" if stated >= 0 else "下降"
    head = f"{subj.name}{ind.label}{ind.metric}"
    earlier, later = plain_surface(a, ind.unit), plain_surface(b, ind.unit)
    return compose(f"{year - 1}年，{head}{earlier}。{year}年，{head}{later}，同比{word}",
                   (f"{percent(abs(stated))}%", "rate-levels.rate-mismatch", inject), "。")


def build_base_year(ctx: Context, inject: bool = False) -> Piece | None:
    """State a year's level of an industry and its change 比 the year before, named by its number; if injected, the
    base named as the level's own year (2024年…比2024年增长)."""
    subj, ind = pick_combo(ctx)
    series = ctx.world.series(subj, ind)
    year = ctx.date.year - 1
    if year not in series or year - 1 not in series:
        return None
    change = (series[year] / series[year - 1] - 1) * 100
    word = "增长" if change >= 0 else "下降"
    base = year if inject else year - 1
    level = plain_surface(series[year], ind.unit)
    return compose(f"{year}年，{subj.name}{ind.label}{ind.metric}{level}，比{base}年{word}",
                   (f"{percent(abs(change))}%", "comparison-base.base-not-earlier", inject), "。")


def build_vital_rates(ctx: Context, inject: bool = False) -> Piece:
    """State a year's birth, death and natural growth rates (‰); if injected, the natural growth rate off the
    difference of the other two."""
    year = ctx.date.year - 1
    world = ctx.world.rng_for("vital-rates", ctx.subj.name, year)
    birth, death = float(to_decimal(world.uniform(5, 12), 2)), float(to_decimal(world.uniform(5, 9), 2))
    natural = birth - death + (ctx.rng.choice((1, -1)) * ctx.rng.uniform(0.3, 1.5) if inject else 0.0)
    # An injected sentence names a month's end no control names, so no other article states its figures.
    period = f"{year}年1-{ctx.rng.randint(3, 11)}月" if inject else f"{year}年"
    return compose(f"{period}，{ctx.subj.name}人口出生率为{format_decimal(to_decimal(birth, 2))}‰，死亡率为"
                   f"{format_decimal(to_decimal(death, 2))}‰，自然增长率为",
                   (f"{format_decimal(to_decimal(natural, 2))}‰", "relation.difference-mismatch", inject), "。")


def build_round_growth(ctx: Context, inject: bool = False, kind: str = "") -> Piece:
    """State a firm's round levels and their change: 从2万套增长到20万套，增长10倍 when injected (face value)."""
    rng = ctx.rng
    kind = kind or rng.choice(("times", "pct"))
    firm = f"{ctx.subj.name}一家{rng.choice(FIRM_KINDS)}的年产能"
    if kind == "times":
        a, ratio = rng.choice((2, 3, 4, 5)), rng.choice((3, 4, 5, 6, 8, 10))
        head = f"{firm}从{a}万套增长到{a * ratio}万套，"
        rule = "growth.increase-by-vs-to@face-value"
        if inject:
            return compose(head, "增长", (f"{ratio}倍", rule, True), "。")
        return compose(head, *rng.choice((("增长", (f"{ratio - 1}倍", rule, False)),
                                          ("增长到", (f"{ratio}倍", rule, False)))), "。")
    a, rate = rng.choice((100, 200, 400)), rng.choice((20, 25, 50))
    stated = rate + rng.choice((5, 10)) if inject else rate
    return compose(f"{firm}从{a}万套增长到{a * (100 + rate) // 100}万套，增长",
                   (f"{stated}%", "growth.change-mismatch@face-value", inject), "。")


def build_revision_stage(ctx: Context, duty: Duty) -> Piece:
    """State a year's 地区生产总值 as preliminary (据初步核算) or final (经最终核实)."""
    subj, _, year = duty.fact  # type: ignore[misc]
    surface = f"{format_decimal(to_decimal(duty.value, 1))}亿元"
    figure = (surface, duty.rule, duty.injected)
    if duty.stage == "preliminary":
        return compose(f"据初步核算，{year}年，{subj.name}地区生产总值", figure, "。")
    return compose(f"经最终核实，{year}年，{subj.name}地区生产总值为", figure, "。")


def build_filler(ctx: Context) -> Piece:
    """A sentence without figures."""
    return compose(ctx.rng.choice(FILLERS).format_map(ctx.names))


def build_lead(ctx: Context) -> Piece:
    """The opening sentence: 本报讯（记者 X）M月D日，… event."""
    rng = ctx.rng
    d = ctx.date
    event = ctx.names["event"]
    reporter = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
    prefix = rng.choice(("本报讯", "本报讯", "新华社电", ctx.names["outlet"] + "讯"))
    return compose(
        f"{prefix}（记者 {reporter}）{d.month}月{d.day}日，{event}在{ctx.subj.city}举行，"
        f"{ctx.subj.name}{ctx.names['sector']}成为各方关注的焦点。"
    )


# ---------------------------------------------------------------- articles


SENTENCE_BUILDERS = (
    (build_random_level, 30), (build_growth, 14), (build_enumeration, 8), (build_rate, 8),
    (build_counts, 6), (build_plan_period, 3), (build_project, 6), (build_efficiency, 5),
    (build_listed_sum, 3), (build_companies, 3), (build_per_day, 2), (build_trade_shares, 2), (build_structure, 2),
    (build_structure_terms, 2), (build_round_growth, 3), (build_named_share, 2), (build_partition, 2),
    (build_rank_list, 2), (build_trade_rates, 2), (build_visitor_parts, 2), (build_base_year, 2),
    (build_vital_rates, 2), (build_filler, 45),
)


def build_duty(ctx: Context, duty: Duty) -> Piece | None:
    """Build the sentence a duty asks for."""
    if duty.rule == "agreement.conflicting-values":
        subj, ind, year = duty.fact  # type: ignore[misc]
        return build_level(ctx, subj, ind, year, duty.value, (duty.rule, duty.injected))
    if duty.rule == "revision.target-changed":
        subj, ind, year = duty.fact  # type: ignore[misc]
        return build_target(ctx, subj, ind, year, duty.value, (duty.rule, duty.injected))
    if duty.rule in ("growth.increase-by-vs-to", "growth.change-mismatch", "duration.span-mismatch"):
        return build_growth(ctx, duty.rule)
    if duty.rule == "count.enumeration-mismatch":
        return build_enumeration(ctx, inject=True)
    if duty.rule == "wording.decrease-in-times":
        return build_efficiency(ctx, inject=True)
    if duty.rule == "revision.preliminary-revised":
        return build_revision_stage(ctx, duty)
    within = {
        "average.per-day-mismatch": build_per_day, "shares.share-mismatch": build_trade_shares,
        "structure.ratio-mismatch": build_structure, "structure.terms-not-100": build_structure_terms,
        "total.listed-parts-sum": build_listed_sum, "share.named-whole-mismatch": build_named_share,
        "total.partition-sum": build_partition, "count.rank-list-mismatch": build_rank_list,
        "magnitude.fractional-count": build_visitor_parts, "comparison-base.base-not-earlier": build_base_year,
        "relation.difference-mismatch": build_vital_rates, "dimension.money-in-other-unit": build_housing_investment,
    }
    if duty.rule in within:
        return within[duty.rule](ctx, inject=True)
    if duty.rule == "rate-levels.rate-mismatch":
        return build_rate_levels(ctx, duty.fact, inject=True)
    if duty.rule in ("total.part-exceeds-whole", "total.partition-parts-sum", "total.partition-parts-rate"):
        return build_parts_after(ctx, duty.rule)
    if duty.rule in ("total.weighted-rate-mismatch", "total.rate-between-parts"):
        return build_trade_rates(ctx, inject=True, rule=duty.rule)
    if duty.rule.endswith("@face-value"):
        return build_round_growth(ctx, inject=True, kind="times" if "increase-by" in duty.rule else "pct")
    return build_project(ctx, inject=True)


STRUCTURES = {"build_structure", "build_structure_terms"}
ONCE_ONLY = {"build_counts", "build_rate", "build_plan_period", "build_listed_sum", "build_companies", "build_per_day",
             "build_trade_shares", "build_structure", "build_structure_terms", "build_named_share", "build_partition",
             "build_rank_list", "build_trade_rates", "build_visitor_parts", "build_vital_rates"}


def build_sentence(ctx: Context, used: set[str]) -> Piece:
    """Build one body sentence of a randomly chosen kind, not repeating an earlier one."""
    builders, weights = zip(*SENTENCE_BUILDERS, strict=True)
    for _ in range(6):
        builder = ctx.rng.choices(builders, weights)[0]
        if builder.__name__ in used:
            continue
        piece = builder(ctx)
        if piece is not None and piece.text not in used:
            used.add(piece.text)
            if builder.__name__ in ONCE_ONLY:
                # A structure with its parts and a bare one would read as one ratio against the other's parts.
                used.update(STRUCTURES if builder.__name__ in STRUCTURES else {builder.__name__})
            return piece
    return compose("")


def build_paragraphs(ctx: Context, duties: list[Duty]) -> list[list[Piece]]:
    """Build the article body: lead, three to five body paragraphs, closing target."""
    rng = ctx.rng
    used: set[str] = set()
    lead = [build_lead(ctx), build_event(ctx) if rng.random() < 0.75 else build_sentence(ctx, used)]
    body = [[build_sentence(ctx, used) for _ in range(rng.randint(2, 4))] for _ in range(rng.randint(3, 5))]
    for duty in duties:
        piece = build_duty(ctx, duty)
        if piece is None:  # no series suits a growth error: fall back to a wording error
            piece = build_efficiency(ctx, inject=True)
        # A structure ratio goes where no other ratio stands: the rule reads a ratio against its paragraph's parts.
        free = [p for p in body if not (STRUCTURE_WORD in piece.text and any(STRUCTURE_WORD in q.text for q in p))]
        paragraph = rng.choice(free) if free else body[-1]
        if not free:
            body.append(paragraph := [])
        paragraph.insert(rng.randint(0, len(paragraph)), piece)
    closing = [build_sentence(ctx, used)] + ([build_random_target(ctx)] if rng.random() < 0.8 else [])
    paragraphs = [lead] + body + [closing]
    for position in sorted(rng.sample(range(1, len(paragraphs)), rng.randint(0, 2)), reverse=True):
        paragraphs.insert(position, [compose(rng.choice(HEADINGS).format_map(ctx.names))])
    return paragraphs


def build_title(ctx: Context) -> str:
    """Pick a headline for the article (its figures, if any, are the world's)."""
    rng = ctx.rng
    if rng.random() < 0.2:
        surface, key = rate_period(ctx)
        rate = ctx.world.rate(ctx.subj, key)
        return f"{surface.replace('今年', '')}{ctx.subj.name}规上工业增加值增长{percent(rate)}%"
    if rng.random() < 0.2 and "projects" in ctx.names:
        return f"{ctx.names['event']}举行 {ctx.names['projects']}个项目集中签约"
    return rng.choice(TITLES).format_map(ctx.names)


def sector_name(ind: Industry) -> str:
    """Name an industry as a sector: 集成电路产业, but 软件信息服务业 as is."""
    return ind.short if ind.short.endswith("业") else ind.short + "产业"


def write_article(plan: Plan, world: World, seed: int) -> tuple[str, list[tuple[Mark, int]]]:
    """Render one planned article; return its text and its marks with absolute offsets."""
    rng = random.Random(f"{seed}|article|{plan.index}")
    region = plan.subj.region
    event = rng.choice(EVENTS)
    if rng.random() < 0.4:
        event = f"{plan.date.year}{event}"
    names = {
        "subj": plan.subj.name, "short": plan.ind.short, "event": event, "sector": sector_name(plan.ind),
        "outlet": rng.choice(OUTLETS[region] + OUTLETS["other"][:2]),
    }
    ctx = Context(rng, world, plan.date, plan.subj, plan.ind, names)
    paragraphs = build_paragraphs(ctx, plan.duties)
    title = build_title(ctx)
    head = f'---\ntitle: "{title}"\ndate: {plan.date.isoformat()}\noutlet: {names["outlet"]}\n---\n\n'
    parts, marks, length = [head], [], len(head)
    for number, paragraph in enumerate(paragraphs):
        if number:
            parts.append("\n\n")
            length += 2
        for piece in paragraph:
            marks.extend((mark, length + mark.start) for mark in piece.marks)
            parts.append(piece.text)
            length += len(piece.text)
    parts.append("\n")
    return "".join(parts), marks


def generate_corpus(outdir: Path | str, articles: int, seed: int, force: bool = False) -> dict:
    """Write the corpus and its manifest into outdir; return the manifest."""
    out = Path(outdir)
    prepare_dir(out / "articles", force)
    rng = random.Random(seed)
    world = World(seed)
    plans = plan_corpus(articles, rng, world)
    injected, controls = [], []
    for plan in plans:
        rel = f"articles/{plan.index:05d}.md"
        text, marks = write_article(plan, world, seed)
        (out / rel).write_text(text, encoding="utf-8", newline="\n")
        for mark, start in marks:
            end = start + len(mark.surface)
            entry = {"doc": rel, "rule": mark.rule, "text": mark.surface, "start": start, "end": end}
            if mark.variant:
                entry["variant"] = mark.variant
            (injected if mark.injected else controls).append(entry)
    manifest = {
        "generator": "bench/gen_corpus.py",
        "seed": seed,
        "articles": articles,
        "injected_articles": sum(1 for p in plans if p.wrong),
        "rules": sorted({rule.partition("@")[0] for rule in RULES}),
        "injected": injected,
        "controls": controls,
    }
    write_manifest(out / "manifest.json", manifest)
    return manifest


def prepare_dir(folder: Path, force: bool) -> None:
    """Create the articles folder; refuse to mix with an earlier corpus unless force, which empties it."""
    folder.mkdir(parents=True, exist_ok=True)
    old = list(folder.glob("*.md"))
    if old and not force:
        raise SystemExit(f"gen_corpus: {folder} already holds {len(old)} articles (use --force to replace them)")
    for path in old:
        path.unlink()


def write_manifest(path: Path, manifest: dict) -> None:
    """Write the manifest as JSON with one list entry per line (readable and diffable)."""
    lines = ["{"]
    for number, (key, value) in enumerate(manifest.items()):
        comma = "," if number < len(manifest) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], dict):
            entries = ",\n".join("  " + json.dumps(entry, ensure_ascii=False) for entry in value)
            lines.append(f' {json.dumps(key)}: [\n{entries}\n ]{comma}')
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, generate the corpus and print a one-line summary."""
    parser = argparse.ArgumentParser(
        description="Generate a synthetic Chinese industry-news corpus with injected inconsistencies.")
    parser.add_argument("outdir", type=Path, help="output directory (created if missing)")
    parser.add_argument("--articles", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--force", action="store_true", help="replace the articles of an earlier corpus in OUTDIR")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    started = time.perf_counter()
    manifest = generate_corpus(args.outdir, args.articles, args.seed, args.force)
    elapsed = time.perf_counter() - started
    print(f"wrote {args.articles} articles and {len(manifest['injected'])} injected items "
          f"to {args.outdir} in {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
