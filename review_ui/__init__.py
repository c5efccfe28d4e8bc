"""Physician review in Label Studio (labeling config, reviewer guide, LS bridge).

Not built yet: the review push/pull stages are a later issue. The workspace already has a `reviews`
table and never overwrites a reviewed conversation.
"""
