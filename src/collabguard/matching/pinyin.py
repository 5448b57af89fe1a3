"""Pinyin syllables: Chinese universities are abbreviated by the syllables of their place names
(Chongqing University → CQU, Dalian University of Technology → DLUT, Heilongjiang → HLJ)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def pinyin_syllables() -> frozenset[str]:
    """Every syllable standard pinyin has (about 400), toneless: "shen" is one, "shin" is not.
    Written out below from the dictionary of ``pypinyin`` (:func:`syllables_in_pypinyin`; a test
    checks they agree), since importing ``pypinyin`` costs a quarter of a second of every start."""
    return _SYLLABLES


def syllables_in_pypinyin() -> frozenset[str]:
    """The syllables read from the dictionary of ``pypinyin`` (shipped with it, offline), toneless.
    Syllables without a vowel (interjections: m, n, ng, hm) are left out."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = "".join(c for c in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(c)).lower()
            if plain.isascii() and plain.isalpha() and any(v in plain for v in "aeiou"):
                out.add(plain)
    return frozenset(out)


_SYLLABLES = frozenset("""
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca
cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua
chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den
deng di dia dian diao die din ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang
fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang
gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji
jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng
kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian
liang liao lie lin ling liu lo long lou lu luan lue lun luo ma mai man mang mao me mei men meng
mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nia nian niang
niao nie nin ning niu nong nou nu nuan nue nun nuo o ou pa pai pan pang pao pei pen peng pi pian
piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran
rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha
shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si
song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu
tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu xi xia xian xiang xiao xie xin xing
xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan
zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua
zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
""".split())


_MAX = 6  # the longest syllables: zhuang, chuang, shuang


# Older romanisations that universities kept in their English names (Chinese Postal Map
# Romanization, Wade–Giles): Peking University is PKU, Tsinghua University THU.
ROMANISED = {"peking": ("pe", "king"), "tsinghua": ("tsing", "hua"), "soochow": ("soo", "chow"),
             "nanking": ("nan", "king"), "tientsin": ("tien", "tsin"), "chekiang": ("che", "kiang")}


@lru_cache(maxsize=8192)
def syllables(word: str) -> tuple[str, ...] | None:
    """Split a word into pinyin syllables (fewest syllables first); None if it is not pinyin."""
    word = word.lower()
    if word in ROMANISED:
        return ROMANISED[word]
    if not word.isalpha() or not word.isascii():
        return None
    known = pinyin_syllables()
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(1, len(word) + 1):
        for size in range(1, min(_MAX, end) + 1):
            prev = best[end - size]
            piece = word[end - size:end]
            # pinyin marks a syllable that starts with a vowel after another syllable with an
            # apostrophe (Xi'an), so inside a word every syllable but the first has a consonant
            if prev is not None and piece in known and (not prev or piece[0] not in "aoe"):
                cand = prev + (piece,)
                if best[end] is None or len(cand) < len(best[end]):  # type: ignore[arg-type]
                    best[end] = cand
    return best[len(word)]


def syllable_initials(word: str) -> str | None:
    """'chongqing' → 'cq'; None unless the word is two or more pinyin syllables."""
    parts = syllables(word)
    if parts is None or len(parts) < 2:
        return None
    return "".join(p[0] for p in parts)
