"""Compact MedSeg-R (configuration, modeling, losses, data, train, evaluate, predict).

Not built yet: the model package is a later issue; it will consume the exported DatasetDict.
"""
