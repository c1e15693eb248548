"""The places an article's references stand for: 全市/我市 its city, 全省/我省 its province."""

from __future__ import annotations

import functools
from collections import Counter

import attrs

from checker.claims.lexicon import ClaimLexicon
from checker.model import Source

CITY_REF, PROVINCE_REF = "@city", "@province"  # the subjects claims.yaml gives 全市/我市 and 全省/我省
PROVINCE_LEVELS = ("province", "municipality")  # gazetteer levels a 全省 may stand for (a municipality's 全市 too)


@attrs.frozen
class ArticlePlaces:
    """The article's city and province: the place it names, else the word of a place it never names (全省), else ''."""

    city: str
    province: str
    unnamed: frozenset[str] = frozenset()  # the words standing for a place the text never names (全省, 全市)

    def resolve(self, ref: str) -> str:
        """The place a reference (@city, @province) stands for in this article."""
        return self.province if ref == PROVINCE_REF else self.city

    def source_of(self, subject: str) -> Source:
        """How a subject the references resolve to is known: named by the text, or only by 全省/全市 (unnamed)."""
        return "context" if subject and subject not in self.unnamed else "unnamed"


def find_article_places(
    named: Counter[str], lexicon: ClaimLexicon, publishers: Counter[str] | None = None,
    titled: Counter[str] | None = None,
) -> ArticlePlaces:
    """The article's city (the place below a province its title names, else its most named one) and province (the
    title's, else its most named province, else the one holding the places it names most); failing those, its
    publisher's (安徽省统计局发布…全省…).

    `named`: how often the article names each canonical subject (references and 全国 left out); `publishers`: the
    places the page names as its source or publisher (a title's 省统计局, the front matter's outlet); `titled`: the
    subjects its title names (高邮市一季度乡镇工业经济: 全市 is 高邮市, though the text names 扬州 more often).
    """
    own, published = _places(named, lexicon), _places(publishers or Counter(), lexicon)
    title = _places(titled or Counter(), lexicon)
    # A province's or city's own release may never name it (全省…, 全市…): its figures are that unnamed place's.
    city_word, province_word = (next(iter(lexicon.grammar.get(key, ())), "") for key in ("unnamed_city",
                                                                                       "unnamed_province"))
    city = next((found for found in (_city_of(places, lexicon) for places in (title, own, published)) if found),
                city_word)
    province = next((found for found in (_province_of(places, lexicon) for places in (title, own, published)) if found),
                    province_word)
    return ArticlePlaces(city, province,
                         frozenset(word for word in (city_word, province_word) if word))


def _places(named: Counter[str], lexicon: ClaimLexicon) -> list[tuple[str, int]]:
    """The places of a count, most named first: no reference (@city), no group of provinces (长三角), never the
    country."""
    grouped, national = lexicon.grammar.get("grouped_places", ()), lexicon.grammar.get("national", ())
    return [(name, count) for name, count in named.most_common()
            if name not in grouped and name not in national and not name.startswith("@")]


def _city_of(places: list[tuple[str, int]], lexicon: ClaimLexicon) -> str:
    """The most named place below a province that is no district or county (全市 in 沧州's text naming 河北 more)."""
    districts = lexicon.grammar.get("district_suffixes", ())
    return next((name for name, _ in places if not name.endswith(districts) and lexicon.levels.get(name) != "province"),
                "")


def correct_main(main: str, source: Source, mentioned: Counter[str], places: ArticlePlaces, lexicon: ClaimLexicon,
                 titled: Counter[str]) -> tuple[str, Source]:
    """The article's main subject, corrected when the text is a place's own: a place its title names rather than
    the country, and the place of the level it speaks of itself as (全省, 我市) rather than one of another level.

    `mentioned` counts the subjects and references of the text and title, `titled` those of the title alone.
    """
    national = next(iter(lexicon.grammar.get("national", ())), "")
    titled_places = [name for name, _ in _places(titled, lexicon)
                     if not name.endswith(lexicon.grammar.get("district_suffixes", ()))]
    if main == national and titled_places and not titled.get(national):
        # 朝阳市一季度经济运行情况: a title naming a place names what the text is about, whose 全国 is a yardstick.
        return titled_places[0], "context"
    # A text naming no place nor the country (its 全国 a guess) that says 全市 even once is that city's.
    itself = _self_reference(mentioned, 1 if source == "guessed" else 2)
    level = lexicon.levels.get(main)
    other_level = main == national or (itself == PROVINCE_REF and level == "prefecture"
                                       or itself == CITY_REF and level == "province")
    if itself and other_level and mentioned[itself] > mentioned.get(main, 0):
        # 全省 said more often than 全国 or 眉山 is named: a province's own text (a county's is read elsewhere); its
        # figures are that province's, the unnamed one when it names none (never the country's).
        resolved = places.resolve(itself)
        return resolved, places.source_of(resolved) if resolved else "none"
    return main, source


def _self_reference(mentioned: Counter[str], least: int) -> str:
    """The reference (@province or @city) a text uses most for itself, or '' when it uses neither `least` times."""
    refs = {ref: mentioned.get(ref, 0) for ref in (PROVINCE_REF, CITY_REF)}
    ref = max(refs, key=lambda name: refs[name])
    return ref if refs[ref] >= least else ""


def _province_of(places: list[tuple[str, int]], lexicon: ClaimLexicon) -> str:
    """The most named province among the places, else the province holding most mentions of the others."""
    provinces = [name for name, _ in places if lexicon.levels.get(name) in PROVINCE_LEVELS]
    if provinces:
        return provinces[0]
    holders: Counter[str] = Counter()
    for name, count in places:
        holding = _provinces_holding(lexicon).get(name, ())
        if len(holding) == 1:
            # 朝阳区 lies in several provinces: it names none of them.
            holders[holding[0]] += count
    return holders.most_common(1)[0][0] if holders else ""


def find_publisher_county(page: str, lexicon: ClaimLexicon) -> str:
    """The county a page's title or outlet names (安化县人民政府网, 岱山新闻网, 枞阳工业经济首季…), by its name or its
    name without 县/市 (岱山 of 岱山县), or ''.

    Read only for a text that speaks of itself as 全县 and names no county: a bare 岱山 elsewhere is too unsure.
    """
    named = [lexicon.subjects[name] for name in lexicon.subject_re.findall(page)]
    counties = [name for name in named if lexicon.levels.get(name) == "county"]
    if counties:
        return counties[0]
    stems = _county_stems(lexicon)
    return next((stems[page[at:at + size]] for at in range(len(page)) for size in (2, 3)
                 if page[at:at + size] in stems), "")


@functools.lru_cache(maxsize=8)
def _county_stems(lexicon: ClaimLexicon) -> dict[str, str]:
    """Each county's name without its suffix (岱山 → 岱山县), when two or three characters long, no other subject's name
    and no other county's stem."""
    suffixes = lexicon.grammar.get("county_stem_suffixes", ())
    stems: dict[str, list[str]] = {}
    for subject, level in lexicon.levels.items():
        suffix = next((end for end in suffixes if subject.endswith(end)), "")
        if level == "county" and suffix and 2 <= len(subject) - len(suffix) <= 3:
            stems.setdefault(subject[:-len(suffix)], []).append(subject)
    return {stem: names[0] for stem, names in stems.items() if len(names) == 1 and stem not in lexicon.subjects}


@functools.lru_cache(maxsize=8)
def _provinces_holding(lexicon: ClaimLexicon) -> dict[str, tuple[str, ...]]:
    """The provinces each prefecture or county of the gazetteer lies in (朝阳区: 北京 and 辽宁)."""
    holding: dict[str, tuple[str, ...]] = {}
    for province, place in sorted(lexicon.within):
        holding[place] = (*holding.get(place, ()), province)
    return holding
