"""Jurisdictions: ISO 3166-1 alpha-2 codes plus EU, with their regulators in English and Chinese.

Codes are what the database stores; names are shown at display time in the user's language.  The
list covers every jurisdiction with an MSC authorisation or trial in the reference data plus the
usual regulatory markets; ``ZZ`` (the CLDR code for "unknown region") holds registry entries whose
country the source does not state, so they are kept rather than silently dropped or guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from mscreg.domain.errors import invalid


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name_en: str
    name_zh: str
    agency_en: str
    agency_zh: str

    def name(self, lang: str = "en") -> str:
        return self.name_zh if lang.startswith("zh") else self.name_en

    def agency(self, lang: str = "en") -> str:
        return self.agency_zh if lang.startswith("zh") else self.agency_en


_ALL: tuple[Jurisdiction, ...] = (
    Jurisdiction("US", "United States", "美国", "FDA (CBER)", "美国食品药品监督管理局(FDA)"),
    Jurisdiction("CN", "China", "中国", "NMPA / CDE", "国家药品监督管理局(NMPA)/药品审评中心(CDE)"),
    Jurisdiction("JP", "Japan", "日本", "MHLW / PMDA", "厚生劳动省(MHLW)/医药品医疗器械综合机构(PMDA)"),
    Jurisdiction("EU", "European Union", "欧盟", "European Commission / EMA", "欧盟委员会/欧洲药品管理局(EMA)"),
    Jurisdiction("KR", "South Korea", "韩国", "MFDS (KFDA before 2013)", "韩国食品药品安全部(MFDS)"),
    Jurisdiction("IN", "India", "印度", "CDSCO / DCGI", "印度中央药品标准控制组织(CDSCO)/药品总监(DCGI)"),
    Jurisdiction("CA", "Canada", "加拿大", "Health Canada", "加拿大卫生部"),
    Jurisdiction("NZ", "New Zealand", "新西兰", "Medsafe / Minister of Health", "新西兰药品和医疗器械安全局(Medsafe)"),
    Jurisdiction("IR", "Iran", "伊朗", "Iran FDA (IFDA)", "伊朗食品药品管理局(IFDA)"),
    Jurisdiction("CL", "Chile", "智利", "ISP", "智利公共卫生研究所(ISP)"),
    Jurisdiction("GB", "United Kingdom", "英国", "MHRA", "英国药品和保健品管理局(MHRA)"),
    Jurisdiction("CH", "Switzerland", "瑞士", "Swissmedic", "瑞士治疗产品管理局(Swissmedic)"),
    Jurisdiction("AU", "Australia", "澳大利亚", "TGA", "澳大利亚治疗用品管理局(TGA)"),
    Jurisdiction("IL", "Israel", "以色列", "Ministry of Health", "以色列卫生部"),
    Jurisdiction("RS", "Serbia", "塞尔维亚", "ALIMS", "塞尔维亚药品和医疗器械管理局(ALIMS)"),
    Jurisdiction("TW", "Taiwan (China)", "中国台湾", "TFDA", "台湾食品药物管理署(TFDA)"),
    Jurisdiction("HK", "Hong Kong (China)", "中国香港", "Department of Health", "香港卫生署"),
    Jurisdiction("SG", "Singapore", "新加坡", "HSA", "新加坡卫生科学局(HSA)"),
    Jurisdiction("BR", "Brazil", "巴西", "ANVISA", "巴西国家卫生监督局(ANVISA)"),
    Jurisdiction("AR", "Argentina", "阿根廷", "ANMAT", "阿根廷国家药品、食品和医疗技术管理局(ANMAT)"),
    Jurisdiction("MX", "Mexico", "墨西哥", "COFEPRIS", "墨西哥联邦卫生风险保护委员会(COFEPRIS)"),
    Jurisdiction("EG", "Egypt", "埃及", "EDA", "埃及药品管理局(EDA)"),
    Jurisdiction("TR", "Türkiye", "土耳其", "TITCK", "土耳其药品和医疗器械管理局(TITCK)"),
    Jurisdiction("RU", "Russia", "俄罗斯", "Roszdravnadzor", "俄罗斯联邦卫生监督局"),
    Jurisdiction("ZA", "South Africa", "南非", "SAHPRA", "南非卫生产品监管局(SAHPRA)"),
    Jurisdiction("MY", "Malaysia", "马来西亚", "NPRA", "马来西亚国家药品监管局(NPRA)"),
    Jurisdiction("TH", "Thailand", "泰国", "Thai FDA", "泰国食品药品监督管理局"),
    Jurisdiction("VN", "Vietnam", "越南", "DAV", "越南药品管理局(DAV)"),
    Jurisdiction("ID", "Indonesia", "印度尼西亚", "BPOM", "印度尼西亚食品药品监督管理局(BPOM)"),
    Jurisdiction("ZZ", "Not stated", "未注明", "(not stated)", "(未注明)"),
)

JURISDICTIONS: dict[str, Jurisdiction] = {j.code: j for j in _ALL}


def get_jurisdiction(code: str, *, field: str = "jurisdiction") -> Jurisdiction:
    """The jurisdiction for a code; refuses anything else with the list of valid codes."""
    key = (code or "").strip().upper()
    try:
        return JURISDICTIONS[key]
    except KeyError:
        raise invalid(field, code, "jurisdiction.unknown", valid=", ".join(JURISDICTIONS)) from None
