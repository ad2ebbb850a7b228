"""Names for synthetic demo products: realistic in shape, unmistakably synthetic in content.

A demo database is shown to people, printed and benchmarked, so its names must look like the real
ones (an INN ending in ``-cel``, a Chinese product name, a company with a Chinese name and aliases)
and yet never be mistaken for a real product or company: every product name starts with "Demo-" /
"演示", every company is a "Demo …" / "示例…" one, and every product carries a serial number, which
also keeps names, INNs and aliases unique however many products are generated (the import refuses a
name or alias that two products share).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mscreg.domain.product import DonorType, Modality, Tissue

# Syllables that spell each product's serial number as a pronounceable INN stem (base 20), so no
# two products share an INN.  None of them makes a real INN with the stems below.
_SYLLABLES = ("da", "ve", "lo", "mi", "ra", "to", "ne", "si", "ku", "pa",
              "re", "zo", "ti", "mo", "ha", "fe", "bu", "lu", "no", "xa")
# INN stems for cell products (WHO: "-cel" for cell therapies; "-strocel" for stromal cells,
# "-temcel" for stem cells) and for extracellular vesicles (clearly synthetic "-vesicel").
_STEMS = {
    Modality.CELLS: ("strocel", "temcel", "mestrocel", "stromacel"),
    Modality.GENE_MODIFIED_CELLS: ("gentemcel", "genstrocel"),
    Modality.EXTRACELLULAR_VESICLES: ("vesicel", "exocel"),
}
_TISSUE_ZH = {
    Tissue.UMBILICAL_CORD: "人脐带", Tissue.UMBILICAL_CORD_BLOOD: "人脐血", Tissue.BONE_MARROW: "人骨髓",
    Tissue.ADIPOSE: "人脂肪", Tissue.PLACENTA: "人胎盘", Tissue.MENSTRUAL_BLOOD: "人经血",
    Tissue.DENTAL_PULP: "人牙髓", Tissue.NOT_STATED: "",
}
_MODALITY_ZH = {
    Modality.CELLS: "间充质干细胞注射液",
    Modality.GENE_MODIFIED_CELLS: "基因修饰间充质干细胞注射液",
    Modality.EXTRACELLULAR_VESICLES: "间充质干细胞外泌体注射液",
}
# Weights roughly as in the CDE's accepted MSC applications, 2018 to 2025: cord first (77 of 112).
TISSUE_WEIGHTS = {
    Tissue.UMBILICAL_CORD: 50, Tissue.BONE_MARROW: 18, Tissue.ADIPOSE: 12, Tissue.UMBILICAL_CORD_BLOOD: 6,
    Tissue.PLACENTA: 5, Tissue.MENSTRUAL_BLOOD: 3, Tissue.DENTAL_PULP: 3, Tissue.NOT_STATED: 3,
}
DONOR_WEIGHTS = {DonorType.ALLOGENEIC: 70, DonorType.AUTOLOGOUS: 24, DonorType.NOT_STATED: 6}
MODALITY_WEIGHTS = {Modality.CELLS: 85, Modality.EXTRACELLULAR_VESICLES: 10, Modality.GENE_MODIFIED_CELLS: 5}


@dataclass(frozen=True)
class DemoCompany:
    name: str
    name_zh: str
    aliases: tuple[str, ...]


COMPANIES: tuple[DemoCompany, ...] = (
    DemoCompany("Demo Stromal Therapeutics Inc.", "示例基质治疗公司", ("DST", "Demo Stromal")),
    DemoCompany("Example Cell Biotech Co., Ltd.", "示例细胞生物科技有限公司", ("ECB",)),
    DemoCompany("Sample Regenerative Medicine K.K.", "示例再生医疗株式会社", ("SRM", "Sample Regen")),
    DemoCompany("Placeholder Bio Co., Ltd.", "占位生物有限公司", ("PHB",)),
    DemoCompany("Demo MSC Pharma (Suzhou) Co., Ltd.", "演示间充质制药(苏州)有限公司", ("DMP Suzhou",)),
    DemoCompany("Example Stem Cell Engineering (Tianjin) Co., Ltd.", "示例干细胞工程(天津)有限公司", ("ESCE",)),
    DemoCompany("Mock Cellular Therapies GmbH", "模拟细胞治疗有限公司", ("MCT",)),
    DemoCompany("Specimen Biologics Ltd.", "样本生物制剂有限公司", ("Specimen Bio",)),
    DemoCompany("Demo Marrow Sciences Pvt. Ltd.", "演示骨髓科学有限公司", ("DMS India",)),
    DemoCompany("Test Article Therapeutics Corp.", "试验品治疗公司", ("TAT", "TestArticle")),
    DemoCompany("Sample Cord Cell Bank Co., Ltd.", "示例脐带细胞库有限公司", ("SCCB",)),
    DemoCompany("Example Adipose Regen Inc.", "示例脂肪再生公司", ("EAR",)),
)

# (English, Chinese) indications of the kind MSC products are developed for: those of the approved
# products, and the commonest among China's trial permissions (lung, joint, nerve, liver, gut).
INDICATIONS: tuple[tuple[str, str], ...] = (
    ("steroid-refractory acute GVHD", "激素难治性急性移植物抗宿主病"),
    ("knee osteoarthritis", "膝骨关节炎"),
    ("Crohn's perianal fistula", "克罗恩病肛周瘘"),
    ("amyotrophic lateral sclerosis", "肌萎缩侧索硬化"),
    ("traumatic spinal cord injury", "创伤性脊髓损伤"),
    ("critical limb ischaemia", "严重肢体缺血"),
    ("acute respiratory distress syndrome", "急性呼吸窘迫综合征"),
    ("decompensated liver cirrhosis", "失代偿期肝硬化"),
    ("acute-on-chronic liver failure", "慢加急性肝衰竭"),
    ("ischaemic stroke", "缺血性脑卒中"),
    ("acute myocardial infarction", "急性心肌梗死"),
    ("lupus nephritis", "狼疮性肾炎"),
    ("bronchopulmonary dysplasia", "支气管肺发育不良"),
    ("diabetic foot ulcer", "糖尿病足溃疡"),
    ("knee cartilage defect", "膝关节软骨缺损"),
    ("chronic motor deficit after TBI", "创伤性脑损伤后慢性运动功能障碍"),
    ("premature ovarian insufficiency", "早发性卵巢功能不全"),
    ("idiopathic pulmonary fibrosis", "特发性肺纤维化"),
)


@dataclass(frozen=True)
class DemoIdentity:
    """The product fields of one demo product, as an import file would give them."""

    name: str
    name_zh: str
    inn: str
    aliases: tuple[str, ...]
    company: DemoCompany
    source_tissue: Tissue
    donor_type: DonorType
    modality: Modality
    indications: tuple[tuple[str, str], ...]  # the first is the product's lead indication


_BLOCK = len(_SYLLABLES) ** 4


def serial_stem(serial: int) -> str:
    """The serial number spelled in syllables, unique for every serial.

    Serials below 20⁴ are scrambled within that block (multiplying by 7919, which is coprime with 20⁴,
    is a bijection there) and spelled in exactly four syllables, so neighbouring products do not share
    their first syllables; larger serials are spelled plainly, in five or more syllables.
    """
    n = (serial * 7919 + 12345) % _BLOCK if serial < _BLOCK else serial
    parts = []
    while True:
        n, digit = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[digit])
        if n == 0 and len(parts) >= 4:
            break
    return "".join(reversed(parts))


def _pick(rng: random.Random, weights: Mapping[Any, int]) -> object:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def identity(serial: int, rng: random.Random) -> DemoIdentity:
    """Product number ``serial`` (1-based); ``rng`` is the product's own generator."""
    modality = Modality(str(_pick(rng, MODALITY_WEIGHTS)))
    tissue = Tissue(str(_pick(rng, TISSUE_WEIGHTS)))
    donor = DonorType(str(_pick(rng, DONOR_WEIGHTS)))
    inn = serial_stem(serial) + rng.choice(_STEMS[modality])
    number = f"{serial:05d}"
    company = rng.choice(COMPANIES)
    code = "".join(w[0] for w in company.name.split()[:2]).upper()
    aliases = [f"{code}-{number}"]
    if rng.random() < 0.4:  # a trade name, as real products have (Ryoncil, Temcell, 睿铂生)
        aliases.append(f"Democel {number}")
    count = 1 + (rng.random() < 0.35) + (rng.random() < 0.1)
    indications = tuple(rng.sample(INDICATIONS, count))
    return DemoIdentity(
        name=f"Demo-{inn} {number}",
        name_zh=f"演示{_TISSUE_ZH[tissue]}{_MODALITY_ZH[modality]}{number}",
        inn=inn,
        aliases=tuple(aliases),
        company=company,
        source_tissue=tissue,
        donor_type=donor,
        modality=modality,
        indications=indications,
    )
