"""The `phantom` source: synthetic axial abdominal CT slices with labelled organs, the embedded default.

It exists so that the pipeline, its tests and the demo run with no download and no patient data; every
item is marked synthetic. Slices follow the radiological convention (orientation "LP": the patient's
left on the image's right, anterior at the top), so facts measured from the masks (laterality,
relations) are anatomically true. Intensities are Hounsfield-like values shown in an abdominal window
(W400/L40), which gives the clinical ordering air < fat < soft tissue < organs < enhanced aorta < bone.

Determinism: each case draws all its anatomy from `numpy.random.default_rng((seed, case))` and each
slice its noise from `(seed, case, slice)`, so the same options give byte-identical arrays and a case
does not change when more cases are asked for.
"""

from __future__ import annotations

import math
from typing import Iterator, Optional

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from medseg_qa.ids import patient_pseudonym
from medseg_qa.patient import body_outline

from .base import SourceInfo, SourceItem, Yielded

# Tissue codes of the label map drawn alongside each image (`render_slice(...).tissue`).
AIR, TABLE, SUBCUT_FAT, MUSCLE, VISCERAL_FAT, BOWEL, OTHER_ORGAN, VESSEL, OTHER_BONE, CSF = range(10)
LIVER, LESION, SPLEEN, RIGHT_KIDNEY, LEFT_KIDNEY, AORTA, VERTEBRAL_BODY = range(20, 27)
LABEL_TISSUES: dict[str, tuple[int, ...]] = {
    "liver": (LIVER, LESION), "liver lesion": (LESION,), "spleen": (SPLEEN,),
    "right kidney": (RIGHT_KIDNEY,), "left kidney": (LEFT_KIDNEY,), "aorta": (AORTA,),
    "vertebral body": (VERTEBRAL_BODY,),
}
REQUIRED_LABELS = ("liver", "spleen", "left kidney", "right kidney", "aorta", "vertebral body")
WINDOW = (40.0, 400.0)  # abdominal window level/width, HU
FOV_MM = 400.0          # field of view across the image
MIN_MASK_FRACTION = 6e-4  # a structure cut smaller than this on a slice is left unlabelled there
_HARMONICS = np.arange(2, 6)


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cases: int = Field(default=24, ge=1, le=100_000)
    slices_per_case: int = Field(default=3, ge=1, le=64)
    seed: int = Field(default=0, ge=0)
    size: int = Field(default=256, ge=128, le=2048, description="image width and height in pixels")
    lesion_probability: float = Field(default=0.5, ge=0.0, le=1.0,
                                      description="chance that a case has a hypodense liver lesion")
    dataset: str = "phantom-abdomen-ct"


class PhantomSlice:
    """One drawn slice: the uint8 image, the tissue-code map it was drawn from, and its label masks."""

    def __init__(self, image: np.ndarray, tissue: np.ndarray) -> None:
        self.image = image
        self.tissue = tissue
        min_px = MIN_MASK_FRACTION * tissue.size
        self.masks: dict[str, np.ndarray] = {}
        for label, codes in LABEL_TISSUES.items():
            m = _is(tissue, codes)
            if m.sum() >= (min_px / 4 if label == "liver lesion" else min_px):
                self.masks[label] = m


def _profile(z: float, zc: float, hz: float) -> float:
    """Cross-section scale of an ellipsoid-like organ centred at zc with half-extent hz (0 outside)."""
    t = (z - zc) / hz
    return math.sqrt(1.0 - t * t) if abs(t) < 1.0 else 0.0


def _coef(rng: np.random.Generator, amp: float) -> np.ndarray:
    """Low-frequency radial noise: per harmonic k, c_k = a_k - i.b_k for a_k.cos(k.theta) + b_k.sin(k.theta),
    with amplitudes falling with the order."""
    ab = rng.normal(0.0, amp, (len(_HARMONICS), 2)) / _HARMONICS[:, None]
    return (ab[:, 0] - 1j * ab[:, 1]).astype(np.complex64)


class _Canvas:
    """A Hounsfield map and a tissue map in normalised coordinates (x right, y down, both in [-1, 1])."""

    def __init__(self, n: int) -> None:
        self.n = n
        c = ((np.arange(n, dtype=np.float32) + 0.5) / n * 2.0 - 1.0)
        self.x, self.y = c[None, :], c[:, None]
        self.hu = np.full((n, n), -1000.0, np.float32)
        self.tissue = np.zeros((n, n), np.uint8)

    def blob(self, cx, cy, a, b, rot=0.0, coef=None):
        """(box, rho) of a rotated ellipse with a perturbed outline; rho < 1 inside; None if off-image."""
        if a <= 0 or b <= 0:
            return None
        reach = max(a, b) * (1.0 + (float(np.abs(coef).sum()) if coef is not None else 0.0)) + 2.0 / self.n
        n = self.n
        i0, i1 = max(0, int((cy - reach + 1) / 2 * n)), min(n, int((cy + reach + 1) / 2 * n) + 1)
        j0, j1 = max(0, int((cx - reach + 1) / 2 * n)), min(n, int((cx + reach + 1) / 2 * n) + 1)
        if i0 >= i1 or j0 >= j1:
            return None
        dx, dy = self.x[:, j0:j1] - np.float32(cx), self.y[i0:i1] - np.float32(cy)
        cr, sr = math.cos(rot), math.sin(rot)
        # Ellipse-frame position as one complex number, built from 1D factors (one 2D operation).
        zc = dx * np.complex64(complex(cr / a, -sr / b)) + dy * np.complex64(complex(sr / a, cr / b))
        rho = np.abs(zc)
        if coef is not None:  # radius(theta) = 1 + Re(sum_k c_k e^{ik.theta}), by Horner's rule
            e = zc / np.maximum(rho, np.float32(1e-6))
            poly = coef[-1]
            for c in coef[-2::-1]:
                poly = poly * e + c
            rho = rho / np.maximum((poly * e * e).real + np.float32(1.0), np.float32(0.3))
        return (slice(i0, i1), slice(j0, j1)), rho

    def paint(self, shape, hu, code: Optional[int], where=None, inside: float = 1.0, full: bool = False):
        """Fill rho < inside of `shape` (restricted to the full-size mask `where`); with `full`, return
        the filled full-size mask (None when nothing was filled)."""
        if shape is None:
            return None
        box, rho = shape
        m = rho < inside
        if where is not None:
            m &= where[box]
        if not m.any():
            return None
        self.hu[box][m] = hu[m] if isinstance(hu, np.ndarray) else hu
        if code is not None:
            self.tissue[box][m] = code
        if not full:
            return None
        out = np.zeros((self.n, self.n), bool)
        out[box] = m
        return out


def _draw_case(seed: int, case: int, lesion_probability: float) -> dict:
    """Every anatomical parameter of a case, drawn in a fixed order from the (seed, case) stream."""
    r = np.random.default_rng((seed, case))
    u = r.uniform
    d: dict = {}
    d["body"] = dict(cy=u(-0.09, -0.03), a=u(0.8, 0.93), b=u(0.6, 0.72), coef=_coef(r, 0.035))
    d["fat"], d["fat_post"], d["wall"] = u(0.03, 0.12), u(0.2, 0.6), u(0.028, 0.042)
    d["fat_coef"] = _coef(r, 0.04)
    d["z0"] = u(0.28, 0.42)
    d["hu"] = dict(fat=u(-110, -85), muscle=u(40, 58), liver=u(98, 118), spleen_d=u(10, 25),
                   kidney=u(150, 180), aorta=u(172, 210), bone=u(245, 320), pancreas=u(80, 100))
    d["liver"] = dict(p=u(-0.62, -0.5), q=u(-0.1, 0.08), a=u(0.26, 0.33), b=u(0.34, 0.42), rot=u(-0.3, 0.3),
                      coef=_coef(r, 0.06), zc=u(0.22, 0.34), hz=u(0.68, 0.8), drift=(u(0.0, 0.1), u(-0.05, 0.1)))
    d["left_lobe"] = dict(p=u(0.5, 0.75), q=u(-0.7, -0.5), a=u(0.18, 0.26), b=u(0.08, 0.12),
                          rot=u(-0.35, 0.0), coef=_coef(r, 0.05), zc=u(0.1, 0.25), hz=u(0.35, 0.45))
    d["spleen"] = dict(dx=u(0.14, 0.2), dy=u(-0.1, 0.03), a=u(0.1, 0.14), b=u(0.17, 0.23), rot=u(-0.8, -0.4),
                       coef=_coef(r, 0.07), zc=u(0.18, 0.3), hz=u(0.6, 0.7), drift=(u(0.0, 0.06), u(-0.05, 0.05)))
    lk_zc = u(0.58, 0.7)
    for side, sign, zc in (("left_kidney", 1, lk_zc), ("right_kidney", -1, lk_zc + u(0.02, 0.07))):
        d[side] = dict(sign=sign, u=u(0.3, 0.38), dv=u(-0.03, 0.05), a=u(0.085, 0.105), b=u(0.14, 0.17),
                       rot=sign * u(0.35, 0.7), coef=_coef(r, 0.04), zc=zc, hz=u(0.42, 0.5), drift=u(0.0, 0.06))
    d["vb"] = dict(du=u(-0.015, 0.015), a=u(0.1, 0.115), b=u(0.085, 0.1), coef=_coef(r, 0.03))
    d["aorta"] = dict(du=u(0.04, 0.08), r=u(0.045, 0.06), gap=u(0.005, 0.03))
    d["stomach"] = dict(p=u(0.2, 0.4), q=u(-0.55, -0.35), a=u(0.18, 0.26), b=u(0.13, 0.18), rot=u(-0.5, 0.2),
                        coef=_coef(r, 0.08), zc=u(0.05, 0.2), hz=u(0.45, 0.55), gas=u(0.2, 0.45))
    d["bowel"] = [dict(p=u(-0.55, 0.65), q=u(-0.85, 0.25), r=u(0.04, 0.1), zc=u(0.2, 1.1), hz=u(0.2, 0.45),
                       kind=int(r.integers(0, 3)), coef=_coef(r, 0.08)) for _ in range(32)]
    d["bowel"] += [dict(p=u(-0.75, -0.6), q=u(-0.1, 0.15), r=u(0.08, 0.11), zc=u(0.75, 0.95), hz=0.45, kind=0,
                        coef=_coef(r, 0.1)), dict(p=u(0.68, 0.8), q=u(0.1, 0.3), r=u(0.06, 0.09), zc=u(0.7, 0.9),
                                              hz=0.5, kind=2, coef=_coef(r, 0.1))]  # ascending/descending colon
    d["vessels"] = [dict(p=u(-0.6, 0.6), q=u(-0.6, 0.6), r=u(0.012, 0.028), phase=u(-2.0, 2.0)) for _ in range(7)]
    d["ribs"] = [dict(t=u(-0.6, 1.9), phase=u(0, 1), length=u(0.025, 0.045)) for _ in range(8)]
    has_lesion = bool(r.random() < lesion_probability)
    d["lesion"] = dict(p=u(-0.45, 0.45), q=u(-0.45, 0.45), r=u(0.05, 0.1), zc=u(-0.1, 0.1),
                       drop=u(35, 80), coef=_coef(r, 0.08)) if has_lesion else None
    return d


def render_slice(options: Options, case: int, slice_index: int, _case: Optional[dict] = None) -> PhantomSlice:
    """Draw one slice of one case (the unit `items()` yields, also used by tests to inspect tissues)."""
    d = _case or _draw_case(options.seed, case, options.lesion_probability)
    k, n_sl = slice_index, options.slices_per_case
    z = d["z0"] + (0.3 * k / (n_sl - 1) if n_sl > 1 else 0.15)
    cv = _Canvas(options.size)
    base = _base(d, options.size)
    cv.hu[:], cv.tissue[:] = base["hu"], base["tissue"]
    _anatomy(cv, d, base, z)
    _drop_specks(cv.tissue)
    rng = np.random.default_rng((options.seed, case, slice_index))
    return PhantomSlice(_finish(cv, rng), cv.tissue)


def _drop_specks(tissue: np.ndarray) -> None:
    """Leave unlabelled the few-pixel fragments that overlapping shapes cut off an organ, so that each
    label is one region plus, at most, real pieces (a fragment of at least a tenth of the largest)."""
    from scipy import ndimage

    boxes = ndimage.find_objects(tissue)
    for codes in LABEL_TISSUES.values():
        found = [boxes[c - 1] for c in codes if c <= len(boxes) and boxes[c - 1] is not None]
        if not found:
            continue
        box = tuple(slice(min(b[k].start for b in found), max(b[k].stop for b in found)) for k in (0, 1))
        crop = tissue[box]
        lab, n = ndimage.label(_is(crop, codes), structure=np.ones((3, 3), bool))
        if n > 1:
            sizes = np.bincount(lab.ravel())[1:]
            small = np.nonzero(sizes < 0.1 * sizes.max())[0] + 1
            if small.size:
                crop[np.isin(lab, small)] = OTHER_ORGAN


def _is(tissue: np.ndarray, codes: tuple[int, ...]) -> np.ndarray:
    return np.logical_or.reduce([tissue == c for c in codes])


def _geometry(d: dict) -> dict:
    """Derived body frame of a case: wall and cavity ellipses, patient scale and spine position."""
    bd, f, w = d["body"], d["fat"], d["wall"]
    ma, mb = bd["a"] - f, bd["b"] - f * d["fat_post"] - 0.01
    ccy = bd["cy"] + f * (1 - d["fat_post"]) / 2
    ca, cb = ma - w, mb - w
    s = (ca + cb) / 1.2  # patient scale: organ sizes follow the size of the abdominal cavity
    vb_y = bd["cy"] + bd["b"] * 0.93 - 0.36 * s
    return dict(ma=ma, mb=mb, ccy=ccy, ca=ca, cb=cb, s=s, w=w, vb_x=d["vb"]["du"] * s, vb_y=vb_y,
                pe_y=vb_y + d["vb"]["b"] * s + 0.06 * s)


def _base(d: dict, n: int) -> dict:
    """What does not change along the slab (body wall, table, back muscles, posterior spine), drawn
    once per case and image size and kept in the case parameters."""
    key = f"_base{n}"
    if key in d:
        return d[key]
    cv, h, bd, gm = _Canvas(n), d["hu"], d["body"], _geometry(d)
    back = np.broadcast_to(cv.y < bd["cy"] + bd["b"] * 0.93, (n, n))  # supine: the back lies flat
    body = cv.paint(cv.blob(0.0, bd["cy"], bd["a"], bd["b"], coef=bd["coef"]), h["fat"], SUBCUT_FAT, back,
                    full=True)
    # CT table under the patient: two thin curved shells just below the back.
    ty = (float(np.nonzero(body.any(axis=1))[0].max()) + 1.5) / n * 2.0 - 1.0
    bend = ty - 0.05 * cv.x ** 2  # a shallow cradle
    shell = (np.abs(cv.x) < 0.92) & (cv.tissue == AIR)
    for top, bottom in ((0.0, 0.026), (0.075, 0.1)):
        cv.hu[shell & (cv.y >= bend + top) & (cv.y < bend + bottom)] = 250.0
    cv.tissue[shell & (cv.hu > 0)] = TABLE
    ccy, s, vb_x, pe_y = gm["ccy"], gm["s"], gm["vb_x"], gm["pe_y"]
    cv.paint(cv.blob(0.0, ccy, gm["ma"], gm["mb"], coef=d["fat_coef"]), h["muscle"], MUSCLE, body)
    cavity = cv.paint(cv.blob(0.0, ccy, gm["ca"], gm["cb"], coef=d["fat_coef"]), h["fat"] + 10, VISCERAL_FAT,
                      body, full=True)
    # Back muscles and the posterior elements of the vertebra.
    for sx in (-1, 1):
        cv.paint(cv.blob(sx * 0.16 * s, pe_y + 0.06 * s, 0.13 * s, 0.1 * s, sx * 0.2), h["muscle"], MUSCLE, body)
        cv.paint(cv.blob(vb_x + sx * 0.1 * s, pe_y - 0.01 * s, 0.07 * s, 0.018 * s, sx * 0.25), 500.0, OTHER_BONE)
    cv.paint(cv.blob(vb_x, pe_y + 0.1 * s, 0.022 * s, 0.08 * s), 500.0, OTHER_BONE)
    ring = cv.blob(vb_x, pe_y, 0.075 * s, 0.06 * s)
    cv.paint(ring, 500.0, OTHER_BONE)
    cv.paint(ring, 10.0, CSF, inside=0.62)
    cv.paint(ring, 30.0, CSF, inside=0.35)
    d[key] = dict(hu=cv.hu, tissue=cv.tissue, body=body, cavity=cavity, soft=body & (cv.tissue != OTHER_BONE), **gm)
    return d[key]


def _anatomy(cv: _Canvas, d: dict, base: dict, z: float) -> None:
    """Everything that moves along the slab: organs grow, shrink and shift with z (0 cranial, 1 caudal)."""
    h, cavity = d["hu"], base["cavity"]
    s, ca, cb, ccy = base["s"], base["ca"], base["cb"], base["ccy"]
    ma, mb, w, vb_x, vb_y = base["ma"], base["mb"], base["w"], base["vb_x"], base["vb_y"]
    vb = d["vb"]

    def at(p, q):
        return p * ca, ccy + q * cb

    for sx in (-1, 1):  # psoas muscles, growing caudally
        cv.paint(cv.blob(vb_x + sx * 0.17 * s, vb_y + 0.02 * s, (0.03 + 0.05 * z) * s, (0.04 + 0.03 * z) * s,
                         sx * 0.3), h["muscle"] - 5, MUSCLE, base["soft"])

    # Bowel loops and stomach (unlabelled background of the cavity).
    for lp in d["bowel"]:
        g = _profile(z, lp["zc"], lp["hz"])
        if g > 0.3:
            shape = cv.blob(*at(lp["p"], lp["q"]), lp["r"] * s * g, lp["r"] * s * g * 0.85, coef=lp["coef"])
            content = (-900.0, 15.0, -40.0)[lp["kind"]]
            cv.paint(shape, 45.0, BOWEL, cavity)
            cv.paint(shape, content, BOWEL, cavity, inside=0.72)
    st = d["stomach"]
    g = _profile(z, st["zc"], st["hz"])
    if g > 0.2:
        sx_, sy_ = at(st["p"], st["q"])
        shape = cv.blob(sx_, sy_, st["a"] * s * g, st["b"] * s * g, st["rot"], st["coef"])
        cv.paint(shape, 60.0, BOWEL, cavity)
        cv.paint(shape, 20.0, BOWEL, cavity, inside=0.85)
        cv.paint(shape, -950.0, BOWEL, cavity & (cv.y < sy_ - (1 - 2 * st["gas"]) * st["b"] * s * g), inside=0.85)

    # Great vessels and pancreas, placed in front of the vertebral body.
    ao = d["aorta"]
    ao_r = ao["r"] * s
    ao_x, ao_y = vb_x + ao["du"] * s, vb_y - vb["b"] * s - ao_r - ao["gap"] * s
    g = _profile(z, 0.45, 0.32)
    if g > 0.2:
        cv.paint(cv.blob(ao_x + 0.1 * s, ao_y - 0.13 * s, 0.22 * s * g, 0.045 * s, 0.15 + 0.3 * z),
                 h["pancreas"], OTHER_ORGAN, cavity)

    # Liver: right lobe hugging the right wall, left lobe reaching across the midline anteriorly.
    lv, ll = d["liver"], d["left_lobe"]
    g = _profile(z, lv["zc"], lv["hz"])
    lx, ly = at(lv["p"] + lv["drift"][0] * z, lv["q"] + lv["drift"][1] * z)
    cv.paint(cv.blob(lx, ly, lv["a"] * s * g, lv["b"] * s * g, lv["rot"], lv["coef"] * (1 + 0.3 * z)),
             h["liver"], LIVER, cavity)
    gl = _profile(z, ll["zc"], ll["hz"])
    if gl > 0.15:
        # attached at the right lobe's anteromedial edge (offsets are fractions of the right lobe)
        cv.paint(cv.blob(lx + ll["p"] * lv["a"] * s * g, ly + ll["q"] * lv["b"] * s * g, ll["a"] * s * gl,
                         ll["b"] * s * gl, ll["rot"], ll["coef"]), h["liver"], LIVER, cavity)
    liver_now = cv.tissue == LIVER
    for vs in d["vessels"]:
        vx, vy = lx + vs["p"] * lv["a"] * s * g, ly + vs["q"] * lv["b"] * s * g
        vx += 0.02 * s * math.sin(vs["phase"] + 6 * z)
        cv.paint(cv.blob(vx, vy, vs["r"] * s, vs["r"] * s * 0.8, vs["phase"]), h["liver"] + 45, None, liver_now)

    for side, code in (("right_kidney", RIGHT_KIDNEY), ("left_kidney", LEFT_KIDNEY)):
        kd = d[side]
        g = _profile(z, kd["zc"], kd["hz"])
        kx, ky = vb_x + kd["sign"] * (kd["u"] + kd["drift"] * z) * s, vb_y + kd["dv"] * s
        shape = cv.blob(kx, ky, kd["a"] * s * g, kd["b"] * s * g, kd["rot"], kd["coef"])
        kid = cv.paint(shape, h["kidney"], code, cavity, full=True)
        if kid is not None and g > 0.6:  # renal sinus fat at the anteromedial hilum
            hx, hy = kx - kd["sign"] * 0.09 * s * g, ky - 0.03 * s * g
            cv.paint(cv.blob(hx, hy, 0.035 * s * g, 0.05 * s * g, kd["rot"]), h["fat"] + 20, VISCERAL_FAT, kid)
    sp = d["spleen"]  # after the kidneys: its lower tip wraps the left kidney laterally, not in pieces
    g = _profile(z, sp["zc"], sp["hz"])
    lk = d["left_kidney"]  # placed from the left kidney, against the posterolateral wall
    spx = vb_x + (lk["u"] + sp["dx"] + (lk["drift"] + sp["drift"][0]) * z) * s
    spy = vb_y + (lk["dv"] + sp["dy"] + sp["drift"][1] * z) * s
    cv.paint(cv.blob(spx, spy, sp["a"] * s * g, sp["b"] * s * g, sp["rot"], sp["coef"]),
             h["liver"] + h["spleen_d"], SPLEEN, cavity)
    cv.paint(cv.blob(vb_x - 0.14 * s, ao_y - 0.005, 0.055 * s, 0.038 * s, 0.2), h["aorta"] - 45, VESSEL, cavity)
    cv.paint(cv.blob(ao_x, ao_y, ao_r, ao_r * 0.96), h["aorta"], AORTA)
    vshape = cv.blob(vb_x, vb_y, vb["a"] * s, vb["b"] * s, coef=vb["coef"])
    _, vrho = vshape
    cv.paint(vshape, np.where(vrho > 0.84, 700.0, h["bone"]), VERTEBRAL_BODY)

    # Ribs: cross-sections in the muscle wall, fewer as the slice moves down.
    for rb in d["ribs"]:
        if z > 0.75 or math.sin(2 * math.pi * (z * 2.5 + rb["phase"])) < 0.8 * (z - 0.3):
            continue
        for sx in (-1, 1):
            t = rb["t"] if sx > 0 else math.pi - rb["t"]
            rx, ry = (ma - w / 2) * math.cos(t), ccy + (mb - w / 2) * math.sin(t)
            if ry < ccy + 0.75 * mb:
                cv.paint(cv.blob(rx, ry, rb["length"], 0.014, t + math.pi / 2), 550.0, OTHER_BONE)

    les = d["lesion"]
    if les is not None:
        _lesion(cv, les, lx, ly, lv["a"] * s, lv["b"] * s, les["r"] * s * math.sqrt(
            max(0.35, 1 - ((z - d["z0"] - 0.15 - les["zc"]) / 0.4) ** 2)), h["liver"] - les["drop"])


def _lesion(cv: _Canvas, les: dict, lx, ly, la, lb, radius: float, hu: float) -> None:
    """A hypodense lesion kept wholly inside the liver drawn on this slice."""
    from scipy import ndimage

    liver = cv.tissue == LIVER
    rows, cols = np.nonzero(liver.any(axis=1))[0], np.nonzero(liver.any(axis=0))[0]
    if rows.size == 0:
        return
    n = cv.n
    i0, j0 = max(0, rows[0] - 1), max(0, cols[0] - 1)
    dist = np.zeros((n, n), np.float64)
    box = (slice(i0, rows[-1] + 2), slice(j0, cols[-1] + 2))
    dist[box] = ndimage.distance_transform_edt(liver[box]) * (2.0 / n)  # normalised units
    j = int(np.clip((lx + les["p"] * la + 1) / 2 * n, 0, n - 1))
    i = int(np.clip((ly + les["q"] * lb + 1) / 2 * n, 0, n - 1))
    if dist[i, j] < 0.8 * radius:
        i, j = np.unravel_index(int(np.argmax(dist)), dist.shape)
    radius = min(radius, 0.85 * float(dist[i, j]))
    if radius < 4.0 / n:
        return
    shape = cv.blob(float(cv.x[0, j]), float(cv.y[i, 0]), radius, radius * 0.85, les["p"], les["coef"])
    cv.paint(shape, hu, LESION, liver)


def _finish(cv: _Canvas, rng: np.random.Generator) -> np.ndarray:
    """Smooth tissue texture and white noise, one blur for partial volume (it also correlates the noise
    as a CT kernel does), then the abdominal window."""
    from scipy import ndimage

    n, sc = cv.n, cv.n / 256.0
    half = (n + 1) // 2
    tex = ndimage.gaussian_filter(rng.standard_normal((half, half), np.float32), 1.5 * sc)
    tex *= np.float32(6.0 / max(float(tex.std()), 1e-6))  # HU
    tex = np.repeat(np.repeat(tex, 2, axis=0), 2, axis=1)[:n, :n]
    sigma, r = 0.6 * sc, int(4.0 * 0.6 * sc + 0.5)  # scipy's default kernel radius (truncate=4)
    w = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    noise_hu = 11.0 * (w.sum() ** 2) / (w ** 2).sum()  # white noise that comes out at 11 HU after the blur
    hu = cv.hu + tex * (cv.tissue > TABLE) + rng.standard_normal((n, n), np.float32) * np.float32(noise_hu)
    hu = ndimage.gaussian_filter(hu, sigma)
    level, width = WINDOW
    g = (hu - np.float32(level - width / 2)) * np.float32(255.0 / width)
    return np.clip(np.rint(g), 0, 255).astype(np.uint8)


class PhantomSource:
    """Synthetic CT slices, `slices_per_case` consecutive slices per case, cases in order."""

    def __init__(self, options: Options) -> None:
        self.o = options
        self.info = SourceInfo(dataset=options.dataset, licence="CC0-1.0",
                               citation="medseg-qa synthetic abdominal CT phantom (not patient data)",
                               source_url="", synthetic=True)

    def estimate(self) -> Optional[int]:
        return self.o.cases * self.o.slices_per_case

    def items(self) -> Iterator[Yielded]:
        o = self.o
        px = round(FOV_MM / o.size, 4)
        for case in range(o.cases):
            case_id = f"phantom-case-{case:04d}"
            patient = patient_pseudonym(f"phantom/{o.seed}", str(case))
            params = _draw_case(o.seed, case, o.lesion_probability)
            for k in range(o.slices_per_case):
                sl = render_slice(o, case, k, params)
                yield SourceItem(item_key=f"{case_id}/slice-{k:02d}", image=sl.image, masks=sl.masks,
                                 case_id=case_id, patient_id=patient, modality="CT", body_region="abdomen",
                                 orientation="LP", spacing=(px, px), slice_index=k,
                                 body=body_outline(sl.tissue > TABLE, 0.5, sl.tissue > TABLE))


def build(options: Options) -> PhantomSource:
    return PhantomSource(options)
