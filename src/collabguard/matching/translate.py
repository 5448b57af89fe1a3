"""Names written in Chinese, Cyrillic or Persian/Arabic script → English-like tokens.

Why: the lists name institutions in English, and only ASPI also gives Chinese names. A proposal may
name a partner as 哈尔滨工业大学, Московский физико-технический институт or دانشگاه صنعتی شریف.
We translate the institution words that recur in such names with a small dictionary
(大学 → university, институт → institute, دانشگاه → university …) and romanise the rest (place and
person names) with ``anyascii``.

Why two libraries: Chinese place names need a reader that knows heteronyms: 重庆 is Chongqing and
长春 Changchun, where a character-by-character table (anyascii) writes "zhongqing" and "zhangchun"
and the match is lost. ``pypinyin`` reads characters in context from its phrase dictionary
(pure Python, MIT). For Cyrillic and Arabic/Persian script, ``anyascii`` (one small, dependency-free,
deterministic table for every script) romanises well enough: Russian comes out in a common
scholarly-ASCII form, and Persian, which has no short vowels, is compared by consonant skeleton.
Persian is written without short vowels, so its romanised words are compared by consonant
skeleton (شریف → "shryf" → "shrf" = "sharif" → "shrf"); see :func:`skeleton`.

A translated word may stand for several English words (学院 is a college, institute, academy or
school): such a token is written ``college|institute|academy|school`` and pairs with any of them.
A word English names often leave out is optional, written with "?" (理工 is "science? technology":
South China University of Technology, but Nanjing University of Science and Technology); every
other translated word must pair, so 苏州科技大学 (Suzhou University of Science and Technology) is not
Suzhou University. A university renders 科技 in full (科技大学: 武汉科技大学 is not Wuhan University of
Technology, 武汉理工大学), a company often as "Technology" alone (中国电子科技集团: China Electronics
Technology Group). NUDT, whose English name says only "Technology", is found by the Chinese name the
ASPI list gives. A Latin name with a pinyin institution word ("Harbin Gongye Daxue") is read the
same way, word by word (:func:`translate_pinyin`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Chinese institution words, longest first when applied. Values: English alternatives, "|"-joined;
# several space-separated tokens for a phrase; "" to drop (legal forms).
CHINESE: dict[str, str] = {
    "中国人民解放军": "pla", "人民解放军": "pla", "解放军": "pla",
    # the People's Armed Police: English names say "People's Armed Police", "CAPF" or "PAP", or
    # leave it out ("China Coast Guard Academy" for 武警海警学院), so each word is optional ("?")
    "中国人民武装警察部队": "peoples? armed|capf|pap? police?", "武装警察部队": "peoples? armed|capf|pap? police?",
    "中国武装警察部队": "peoples? armed|capf|pap? police?", "武警": "peoples? armed|capf|pap? police?",
    "有限责任公司": "", "股份有限公司": "", "有限公司": "", "公司": "", "集团": "group",
    "研究院": "research? academy|institute", "科学院": "science academy|institute", "院": "academy|institute|college", "研究所": "research? institute", "研究中心": "research? center",
    "重点实验室": "key laboratory", "实验室": "laboratory", "中心": "center",
    "大学": "university", "学院": "college|institute|academy|school", "学校": "school|academy|college",
    "航空航天": "aerospace|aeronautics astronautics?", "航空": "aeronautics|aviation|aeronautical|hangkong", "航天": "astronautics|aerospace|space|hangtian",
    "国防": "national defense", "科学技术": "science? technology", "科技": "science? technology",
    "工业": "industry|industrial|technology|technological|polytechnic", "理工": "science|institute? technology",
    "科学": "science|sciences", "技术": "technology", "工程": "engineering", "电子": "electronic|dianzi",
    "信息": "information", "通信": "communication|communications", "邮电": "posts telecommunications",
    "师范": "normal|shifan", "医科": "medical", "医学": "medical|medicine", "军医": "military? medical", "医": "medical",
    "农业": "agricultural", "林业": "forestry", "交通": "jiaotong|transportation", "海洋": "ocean",
    "海军": "naval|navy", "空军": "air force", "陆军": "army", "火箭军": "rocket force", "军事": "military",
    "兵器": "ordnance|weapons", "船舶": "shipbuilding", "核": "nuclear", "物理": "physics", "化工": "chemical technology",
    "化学": "chemistry|chemical", "材料": "materials", "计算": "computing", "应用": "applied", "指挥": "command",
    "后勤": "logistics", "飞行": "flight", "预警": "early warning", "装备": "equipment", "工程物理": "engineering physics",
    "科技大学": "science technology university",  # a university renders 科技 in full ...
    "中国": "china|chinese", "东北": "northeastern|northeast", "西北": "northwestern|northwest", "东南": "southeast|southeastern",
    "西南": "southwest|southwestern", "华中": "huazhong", "华南": "south china", "华东": "east china",
    "华北": "north china", "中南": "central south", "北方": "north|northern", "南方": "southern", "国家": "national|state",
    "国立": "national", "发展": "development", "动力": "power|dynamics", "空气动力": "aerodynamics",
    # arms and services in the names of military academies
    "装甲兵": "armored forces", "装甲": "armored", "炮兵": "artillery", "防空兵": "air defense", "防空": "air defense",
    "边海防": "border coastal defense", "步兵": "infantry", "航空兵": "aviation", "兵": "", "勤务": "service",
    "特种作战": "special operations", "士官": "nco|sergeant|petty officer?", "海警": "coast guard", "警察": "police",
    "公安": "public security", "第一": "first", "第二": "second", "第三": "third", "第四": "fourth", "研究": "research",
    "部队": "unit", "政治": "political", "国际关系": "international relations", "人民": "renmin|people|peoples", "战略支援部队": "", "战略支援": "strategic support",
    "火箭": "rocket", "导弹": "missile", "卫星": "satellite", "发射": "launch", "测控": "tracking control",
    # fields and disciplines
    "气象": "meteorology|meteorological", "水声": "underwater acoustics", "声学": "acoustics", "光学": "optics",
    "精密": "precision", "机械": "mechanical|mechanics|machinery", "仪器": "instrument|instruments", "能源": "energy",
    "环境": "environment|environmental", "数学": "mathematics", "计算机": "computer|computing", "软件": "software",
    "微电子": "microelectronics", "半导体": "semiconductor|semiconductors", "激光": "laser", "矿业": "mining",
    "石油": "petroleum", "地质": "geosciences|geology|geological", "海事": "maritime", "民族": "minzu|nationalities",
    "财经": "finance economics", "外国语": "foreign languages|foreign studies", "商业": "commerce", "建筑": "architecture",
    "纺织": "textile", "产业": "industry?", "移动": "mobile", "数字": "digital", "存储": "memory|storage",
    "新能源": "new energy", "控股": "holdings?", "创新": "innovation?", "自动化": "automation", "授时": "time service",
    "遥感": "remote sensing", "量子": "quantum", "生物": "biology|biological|biotechnology", "光电": "optoelectronics|optoelectronic",
    "力学": "mechanics", "空间": "space", "微电子学": "microelectronics", "电子学": "electronics|electronic",
    "光学精密机械": "optics fine mechanics", "国际": "international", "网络": "network|networks|cyber", "电力": "electric power", "铁道": "railway|tiedao", "铁路": "railway", "与": "", "和": "", "及": "",
    # the usual short forms of institution types (简称): 南京师大 is 南京师范大学, Nanjing Normal University
    "师大": "normal|shifan university", "民大": "minzu|nationalities university", "农大": "agricultural university",
    "医大": "medical university", "科大": "science technology university", "交大": "jiaotong|transportation university",
    "工大": "industry|industrial|technology|technological|polytechnic university", "警院": "police college|institute|academy",
}

# Pinyin words that English names of Chinese institutions keep untranslated ("Hangzhou Dianzi
# University", "Nanchang Hangkong University"): they pair with their English meaning.
PINYIN: dict[str, tuple[str, ...]] = {
    "daxue": ("university",), "xueyuan": ("college", "institute", "academy"), "dianzi": ("electronic",),
    "hangkong": ("aviation", "aeronautics", "aeronautical"), "hangtian": ("astronautics", "aerospace"),
    "minzu": ("nationalities",), "shifan": ("normal",), "ligong": ("technology",), "gongye": ("industry", "technology"),
    "keji": ("technology",), "yike": ("medical",), "caijing": ("finance",), "renmin": ("people", "peoples"),
    # place names in the older romanisation some universities kept (Chinese Postal Map Romanization,
    # Wade–Giles): 清华 is qinghua in pinyin, Tsinghua in the university's name
    "qinghua": ("tsinghua",), "beijing": ("peking",), "suzhou": ("soochow",), "nanjing": ("nanking",),
    "tianjin": ("tientsin",), "zhejiang": ("chekiang",), "xiamen": ("amoy",),
}

# Russian institution words after romanisation (stems: a word starting with the key).
RUSSIAN: dict[str, str] = {
    "universitet": "university", "institut": "institute", "akademi": "academy", "gosudarstvenn": "state",
    "tekhnichesk": "technical", "nauchno-issledovatelsk": "scientific research", "nauchno": "scientific",
    "issledovatelsk": "research", "tsentr": "center", "federaln": "federal", "natsionaln": "national",
    "politekhnichesk": "polytechnic", "aviatsionn": "aviation", "fiziko-tekhnichesk": "physics technology",
    "fizichesk": "physical|physics", "khimichesk": "chemical|chemistry", "yadern": "nuclear", "radiotekhnichesk": "radio engineering",
    "elektronn": "electronic|electronics", "matematichesk": "mathematical|mathematics", "prikladn": "applied",
    "voenn": "military", "morsk": "naval|maritime", "kosmichesk": "space", "moskovsk": "moscow",
    "sankt-peterburgsk": "saint petersburg", "novosibirsk": "novosibirsk", "tomsk": "tomsk", "kazansk": "kazan",
    "uralsk": "ural", "sibirsk": "siberian", "rossiysk": "russian", "rossii": "russia", "ran": "russian academy sciences",
    "imeni": "", "im": "", "ao": "", "oao": "", "pao": "", "zao": "", "fgup": "", "fgbu": "", "fgbou": "",
    # the words of research institutes, design bureaus and plants
    "tsentraln": "central", "fizik": "physics", "khimi": "chemistry", "tverd": "solid", "tela": "state", "poluprovodnik": "semiconductor",
    "problem": "problems", "peredach": "transmission", "informats": "information", "upravleni": "control",
    "radiotekhnik": "radio engineering", "elektronik": "electronic", "aviatsion": "aviation",
    "motorostroeni": "motor development", "kataliz": "catalysis", "bioorganichesk": "bioorganic", "vysok": "high",
    "energi": "energy", "energetik": "energy", "silnotochn": "high current", "nauchn": "scientific",
    "aerogidrodinamichesk": "aerohydrodynamic", "sputnikov": "satellite", "sistem": "system",
    "tekhnologichesk": "technological", "tekhnologi": "technology", "nauk": "science", "admiral": "admiral",
    "flot": "fleet", "voenno-morsk": "naval", "eksperimentaln": "experimental", "avtomatik": "automatics|automation",
    "mashinostroeni": "machine building", "mekhanik": "mechanics", "optik": "optics", "lazern": "laser",
    "teoretichesk": "theoretical", "priborostroeni": "instrument engineering", "konstruktorsk": "design",
    "byuro": "bureau", "opytn": "experimental", "obedineni": "association", "proizvodstvenn": "production",
    "predpriyati": "enterprise", "zavod": "plant", "kontsern": "concern", "korporatsi": "corporation",
    "laboratori": "laboratory", "matematik": "mathematics", "raketn": "rocket", "vyssh": "higher", "shkol": "school",
    "ekonomik": "economics", "kosmos": "space", "biologi": "biology", "meditsinsk": "medical", "tekhnik": "technology",
    "svyaz": "communications", "radio": "radio", "elektrotekhnichesk": "electrotechnical", "pribor": "instrument",
}

# Persian/Arabic institution words, matched before romanisation.
PERSIAN: dict[str, str] = {
    "دانشگاه": "university", "صنعتی": "technology|industrial", "علوم": "sciences|science", "پزشکی": "medical",
    "پژوهشگاه": "research institute", "پژوهشکده": "research institute", "موسسه": "institute", "مؤسسه": "institute",
    "مرکز": "center", "سازمان": "organization", "هوایی": "aerospace|air", "هوافضا": "aerospace", "فضایی": "space",
    "دفاع": "defense", "دفاعی": "defense", "ملی": "national", "تحقیقات": "research", "فناوری": "technology",
    "علم": "science", "صنعت": "industry|technology", "و": "", "تهران": "tehran", "امام": "imam", "شهید": "shahid",
    "جامع": "comprehensive?", "انستیتو": "institute", "فیزیک": "physics", "فنون": "technology|techniques",
    "دریایی": "naval|maritime", "عالی": "supreme|higher", "پژوهش": "research", "پژوهشهای": "research",
    "علمی": "scientific", "ایران": "iran", "مهندسی": "engineering", "فنی": "technical", "هسته": "nuclear",
    "هسته‌ای": "nuclear", "انرژی": "energy", "اتمی": "atomic", "مالک": "malek", "اشتر": "ashtar",
}

# Traditional characters that occur in institution names → the simplified ones the dictionary uses.
TRADITIONAL = str.maketrans({
    "學": "学", "東": "东", "國": "国", "華": "华", "電": "电", "實": "实", "驗": "验", "醫": "医", "軍": "军",
    "師": "师", "範": "范", "發": "发", "術": "术", "陸": "陆", "業": "业", "農": "农", "灣": "湾", "臺": "台",
    "氣": "气", "動": "动", "飛": "飞", "機": "机", "體": "体", "導": "导", "廠": "厂", "與": "与", "際": "际",
    "線": "线", "資": "资", "訊": "讯", "經": "经", "濟": "济", "產": "产", "廣": "广",
    "專": "专", "門": "门", "邊": "边", "衛": "卫", "護": "护", "藥": "药", "億": "亿", "萬": "万", "開": "开",
})

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CHINESE_KEYS = sorted(CHINESE, key=len, reverse=True)
_VOWELS = set("aeiouy")


def script_of(text: str) -> str:
    """'cjk', 'cyrillic', 'arabic' or 'latin' (the first non-Latin script found wins)."""
    if _CJK.search(text):
        return "cjk"
    if _CYRILLIC.search(text):
        return "cyrillic"
    if _ARABIC.search(text):
        return "arabic"
    return "latin"


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Consonant skeleton for comparing words from abjad scripts: vowels (and y/w) dropped,
    doubled letters collapsed, h after a consonant dropped. "hossein" → "hsn", "hsyn" → "hsn"."""
    out: list[str] = []
    for ch in word.lower():
        if not ch.isalpha() or ch in _VOWELS or ch == "w":
            continue
        if ch == "h" and out and out[-1] not in "h":
            if out[-1] in "sckzgd":  # sh, ch, kh, zh, gh, dh: keep the digraph as its first letter
                continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def _pinyin(text: str) -> str:
    """A run of Chinese characters with no dictionary word in it, usually a place name, as one
    pinyin word (北京 → beijing, 重庆 → chongqing)."""
    from pypinyin import lazy_pinyin  # imported when first needed: its dictionaries take 0.25 s to load

    return "".join(lazy_pinyin(text)).lower()


def _romanise(text: str) -> list[str]:
    ascii_text = anyascii(text).lower()
    return [t for t in re.split(r"[^a-z0-9-]+", ascii_text) if t]


def _chinese(text: str) -> list[str]:
    out: list[str] = []
    i, rest = 0, ""
    while i < len(text):
        key = next((k for k in _CHINESE_KEYS if text.startswith(k, i)), None)
        if key is None:
            if _CJK.match(text[i]):
                rest += text[i]
            else:
                if rest:
                    out.append(_pinyin(rest))
                    rest = ""
                out.extend(_romanise(text[i]))
            i += 1
            continue
        if rest:
            out.append(_pinyin(rest))  # a place name: 哈尔滨 → haerbin
            rest = ""
        out.extend(CHINESE[key].split())
        i += len(key)
    if rest:
        out.append(_pinyin(rest))
    return out


def _russian(text: str) -> list[str]:
    out: list[str] = []
    for word in _romanise(text.replace("ь", "").replace("Ь", "").replace("ъ", "").replace("Ъ", "")):  # soft and hard signs
        stem = next((k for k in sorted(RUSSIAN, key=len, reverse=True)
                     if word == k or (len(k) > 3 and word.startswith(k))), None)
        if stem is not None:
            out.extend(RUSSIAN[stem].split())
        elif (m := _RU_PLACE_ADJECTIVE.match(word)) is not None:
            # a place as an adjective: Томский → "tomsk", Астраханский → "astrakhansk|astrakhan"
            out.append(f"{m.group(1)}sk|{m.group(1)}")
        elif len(word) > 1:  # initials ("N. E.") say nothing
            out.append(word)
    return out


_RU_PLACE_ADJECTIVE = re.compile(r"^([a-z-]{3,})sk(?:iy|aya|oe|ogo|oy|ikh|om|ie|ii)$")


def _persian(text: str) -> list[str]:
    out: list[str] = []
    for word in text.split():
        key = word.strip("\u200c.,()")
        if key not in PERSIAN and "\u200c" in key:  # پژوهش‌های: a suffix joined by a zero-width non-joiner
            key = key.replace("\u200c", "")
        if key in PERSIAN:
            out.extend(PERSIAN[key].split())
        else:
            out.extend(f"~{w}" for w in _romanise(key))  # "~": compare by consonant skeleton
    return out


# Institution-type words written in pinyin ("Harbin Gongye Daxue"): a Latin name holding one of
# them is read as pinyin, each word through the dictionary above.
_PINYIN_TYPES = frozenset({"daxue", "xueyuan", "yanjiuyuan", "yanjiusuo", "xuexiao", "jituan", "zhongxin",
                           "shiyanshi", "kexueyuan", "gongsi"})


@lru_cache(maxsize=1)
def _pinyin_words() -> dict[str, str]:
    """The dictionary's Chinese words of two characters or more, by their pinyin (大学 → daxue)."""
    from pypinyin import lazy_pinyin

    out: dict[str, str] = {}
    for key in sorted(CHINESE, key=len):
        if len(key) >= 2:
            out.setdefault("".join(lazy_pinyin(key)).lower(), CHINESE[key])
    return out


def translate_pinyin(words: tuple[str, ...]) -> tuple[str, ...]:
    """English-like tokens for a name written in pinyin (the words of :func:`tokens`), or () when
    it has no pinyin institution-type word. "Xibei Gongye Daxue" → northwestern|northwest,
    industry|…|polytechnic, university."""
    if not any(w in _PINYIN_TYPES for w in words):
        return ()
    table = _pinyin_words()
    out: list[str] = []
    i = 0
    while i < len(words):
        # the longest dictionary word, over neighbouring pinyin words too ("keji daxue" is 科技大学)
        span = next((n for n in (3, 2, 1) if "".join(words[i:i + n]) in table and i + n <= len(words)), 0)
        if span:
            out.extend(table["".join(words[i:i + span])].split())
            i += span
        else:
            out.append(words[i])
            i += 1
    return tuple(_normal(t) for t in out if t)


@lru_cache(maxsize=16384)
def translate(text: str) -> tuple[str, ...]:
    """English-like tokens for a non-Latin name ("" tokens dropped); empty for Latin text."""
    text = unicodedata.normalize("NFKC", text)
    script = script_of(text)
    if script == "cjk":
        tokens = _chinese(text.translate(TRADITIONAL))
    elif script == "cyrillic":
        tokens = _russian(text)
    elif script == "arabic":
        tokens = _persian(text)
    else:
        return ()
    return tuple(_normal(t) for t in tokens if t)


def _normal(token: str) -> str:
    """A translated word spelt as list names are normalised ("forces" → force, "sciences" → science)."""
    from collabguard.matching.normalize import ABBREVIATIONS

    optional = token.endswith("?")
    alts = [ABBREVIATIONS.get(a, a) for a in token.rstrip("?").split("|")]
    alts = [a for a in dict.fromkeys(alts) if " " not in a]
    return "|".join(alts) + ("?" if optional else "")
