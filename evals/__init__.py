"""Evaluations of jixiao against yardsticks that do not come from the program under test.

``make eval`` runs them all (``evals.run``); ``python -m evals.mutations`` is the checker's
mutation suite (recall and precision on one-figure errors planted in the samples).
"""
