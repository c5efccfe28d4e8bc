"""medseg-qa: build medical image reasoning-segmentation datasets and train a compact MedSeg-R."""

__version__ = "0.1.0"
