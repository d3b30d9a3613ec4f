"""Measures: validation of a case study's ``measures:``, time periods, and the chart rules.

Takes the raw ``measures:`` value (and CSV files beside the case study); gives frozen
:class:`Measure` values or located problems, and analyses them with the Making Data Count
XmR rules (:mod:`.spc`) or the IHI run-chart rules (:mod:`.runchart`). Draws nothing.
"""
