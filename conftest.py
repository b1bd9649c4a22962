"""Markers from what a test needs or costs, so that ``make test-fast`` can leave some out.

``make test`` runs everything; ``make test-fast`` deselects ``slow``, ``browser``,
``postgres`` and ``ocr`` (markers registered in pyproject.toml) and runs in under two
minutes. The markers are given here, in one place, rather than in each file:

* ``browser``: drives headless Chromium (``tests/web/test_browser.py``);
* ``postgres``: uses the PostgreSQL server (the ``pg_url`` fixture, or the ``postgres``
  parameter of the corpus fixture);
* ``ocr``: runs RapidOCR (an ``ocr`` module, or skipped without the ``ocr`` extra);
* ``slow``: a test (or a module of such tests) measured at 2 s or more, or one that reads
  and checks whole sample documents, spawns the CLI per input or bounds a hostile input
  in a child process. A test marked in its own file (``pytest.mark.slow``) counts too.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

# No property test is timed: hypothesis's default 200 ms deadline per example, and its
# too-slow health check, fail a test on a machine busy with other work, not a defect.
settings.register_profile("jixiao", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("jixiao")

# Node-id prefixes: a file marks every test in it, ``file::name`` every parameter of that test.
SLOW = (
    "tests/checker/test_mutations.py",
    "tests/corpus/test_corpus_samples.py",
    "tests/extractor/test_row_pages.py",
    "tests/extractor/test_legacy.py",
    "tests/extractor/test_pdf_samples.py",
    "tests/extractor/test_pdf_rotation.py",
    "tests/extractor/test_pdf_real.py",
    "tests/extractor/test_pdf_layout.py::test_image_only_pages_are_named_in_a_warning",
    "tests/extractor/test_pdf_layout.py::test_all_pages_image_only_raises",
    "tests/hostile/test_hostile.py",
    "tests/hostile/test_size_limits.py::test_a_200_mb_text_gets_one_line_at_once",
    "tests/test_batch.py",
    "tests/test_cli.py",
    "tests/test_evals.py",
    "tests/test_evals_real.py",
    "tests/test_relevance.py::test_a_batch_records_it_and_goes_on",
    "tests/test_fuzz_regressions.py::test_every_seed_runs_clean[checker]",
    "tests/checker/test_statements.py::test_putuo_real_errors",
    "tests/checker/test_statements.py::test_xinfang_sample_payment_end_to_end",
    "tests/checker/test_statements.py::test_payment_claims_stay_out_of_the_project_cross_checks",
    "tests/checker/test_breakdowns.py::test_putuo_building_areas_do_not_add_up",
    "tests/checker/test_survey_actual.py::test_table_actual_above_what_the_survey_gives",
    "tests/checker/test_consistency.py::test_samples_and_seeds_through_the_contract",
    "tests/checker/test_consistency.py::test_rule_cores_over_every_paragraph",
    "tests/checker/test_survey_actual.py",
    "tests/corpus/test_ranked_queries.py::test_generated_corpus_same_as_before",
    "tests/corpus/test_ranked_queries.py::test_filtered_search_among_the_best_matches_or_all_of_them",
    "tests/corpus/test_impact_index.py::test_class_scores_are_fts5_bm25_bit_for_bit",
    "tests/corpus/test_impact_index.py::test_searches_read_the_side_index_and_answer_as_before",
    "tests/corpus/test_impact_index.py::test_replaced_documents_keep_the_side_index_right",
    "tests/corpus/test_impact_index.py::test_an_old_corpus_gets_its_side_structures_when_opened",
    "tests/checker/test_completeness.py::test_complete_forms_are_silent",
    "tests/checker/test_completeness.py::test_sample_evaluation_report",
    "tests/checker/test_completeness.py::test_sample_songjiang_declaration",
    "tests/checker/test_near_duplicates.py::test_the_six_pairs_and_nothing_else",
    "tests/checker/test_monitoring.py::test_cost_actuals_above_the_stage_values",
    "tests/checker/test_monitoring.py::test_actuals_that_copy_the_target_bound",
    "tests/checker/test_monitoring.py::test_annual_target_changes_unit_between_the_tables",
    "tests/checker/test_monitoring.py::test_stage_targets_on_another_basis_than_time_progress",
    "tests/checker/test_fuzz.py",
    "tests/patterns/test_recognise.py::test_real_pdf_forms",
    "tests/patterns/test_recognise.py::test_evaluation_report_takes_annex1_scores_and_table1_budget",
    "tests/patterns/test_recognise.py::test_target_declarations_one_project_per_form",
    "tests/patterns/test_recognise.py::test_monitoring_report_uses_table4_and_prose_budget",
    "tests/patterns/test_meta.py::test_real_pdf_department_budget",
)
# module fixtures that read a whole sample once: the web app with the 27-page report processed,
# the real 2023 Putuo budget, the 2022 xinfang report
SLOW_FIXTURES = frozenset({"served", "putuo", "putuo_doc", "xinfang"})


def _mark(item: pytest.Item, name: str) -> None:
    if not item.get_closest_marker(name):
        item.add_marker(getattr(pytest.mark, name))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        nodeid = item.nodeid
        path = nodeid.split("::", 1)[0]
        params = getattr(getattr(item, "callspec", None), "params", {})
        if path == "tests/web/test_browser.py":
            _mark(item, "browser")
        if "pg_url" in item.fixturenames or "postgres" in params.values() or "postgres" in path:
            _mark(item, "postgres")
        skips = " ".join(str(m.kwargs.get("reason", "")) for m in item.iter_markers("skipif"))
        if "ocr" in path.rsplit("/", 1)[-1] or "ocr extra" in skips:
            _mark(item, "ocr")
        if nodeid.startswith(SLOW) or SLOW_FIXTURES & set(item.fixturenames):
            _mark(item, "slow")
