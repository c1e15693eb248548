"""The words of the reports for the user, in Chinese and in English, with English plurals done right."""

from __future__ import annotations

SEVERITY_WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
STATUS_WORDS = {
    "zh": {"baseline": "基线", "dismissed": "已驳回", "suppressed": "已抑制", "accepted": "已确认", "new": "新"},
    "en": {"baseline": "baseline", "dismissed": "dismissed", "suppressed": "suppressed", "accepted": "accepted",
           "new": "new"},
}
LABEL_WORDS = {
    "zh": {"arithmetic": "计算", "suggestion": "建议", "inferred": "注意: 依赖推断的发布日期",
           "stale": "过期决定: {fp} 不再对应任何发现（原文已改？）", "set_aside": "已搁置"},
    "en": {"arithmetic": "arithmetic", "suggestion": "suggestion",
           "inferred": "note: depends on an inferred publication date",
           "stale": "stale decision: {fp} matches no current finding (the text changed?)", "set_aside": "set aside"},
}
# English nouns and their plurals; Chinese counts need no plural.
NOUNS = {
    "document": ("document", "documents", "篇文章"),
    "claim": ("claim", "claims", "条数字陈述"),
    "fact": ("fact", "facts", "个事实"),
    "error": ("error", "errors", "个错误"),
    "warning": ("warning", "warnings", "个警告"),
    "info": ("info", "info", "个提示"),
    "finding": ("finding", "findings", "条发现"),
}


def severity_word(severity: str, lang: str) -> str:
    """A severity as the user reads it."""
    return SEVERITY_WORDS.get(lang, SEVERITY_WORDS["zh"]).get(severity, severity)


def status_word(status: str, lang: str) -> str:
    """A finding's status as the user reads it."""
    return STATUS_WORDS.get(lang, STATUS_WORDS["zh"]).get(status, status)


def label(key: str, lang: str) -> str:
    """A label of the text report."""
    return LABEL_WORDS.get(lang, LABEL_WORDS["zh"])[key]


def count(number: int, noun: str, lang: str) -> str:
    """'1 document', '2 documents', '1 篇文章'."""
    singular, plural, chinese = NOUNS[noun]
    if lang == "en":
        return f"{number} {singular if number == 1 else plural}"
    return f"{number} {chinese}"
