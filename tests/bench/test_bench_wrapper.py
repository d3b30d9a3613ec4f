"""The program each benchmark build runs (scripts/bench/wrapper.py): it reads /proc
correctly, passes mkdocs' exit status on, reports memory in lines the bench reads back,
and does nothing when the build's worker imports it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from scripts.bench import wrapper
from scripts.bench.measure import WRAPPER, read_output

STATUS = "Name:\tpython3\nState:\tS (sleeping)\nVmHWM:\t   20480 kB\nVmRSS:\t   10240 kB\n"


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("VmRSS:", 10240),
        ("VmHWM:", 20480),
        ("VmSwap:", 0),
    ],
)
def test_a_status_field_is_read_as_its_number_or_zero_when_absent(field, expected):
    assert wrapper.status_field(STATUS, field) == expected


@pytest.mark.parametrize(
    ("stat", "parent"),
    [
        ("1234 (python3) S 99 1234 1234 0 -1", "99"),
        ("1234 (my build) S 7 1234 1234 0 -1", "7"),
        ("1234 (a) b) (c) R 42 1234 1234 0 -1", "42"),
    ],
)
def test_the_parent_pid_is_found_whatever_the_command_name_holds(stat, parent):
    assert wrapper.parent_pid(stat) == parent


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (0, 0),
        (2, 2),
        (None, 0),
        ("Aborted!", 1),
    ],
)
def test_system_exit_codes_become_exit_statuses(code, status):
    assert wrapper.exit_code(code) == status


@pytest.mark.parametrize(
    ("peak", "bound", "learning"),
    [
        (104448, 153600, "/tmp/learning-bench-x/src/learning/__init__.py"),
        (51200, 51200, None),
    ],
)
def test_the_report_lines_read_back_as_written_and_leave_the_build_output_alone(peak, bound, learning):
    report = read_output("INFO - Building documentation\n", "WARNING - something" + wrapper.report_lines(peak, bound, learning))
    assert report == {
        "peak": peak,
        "bound": bound,
        "learning": learning,
        "output": "INFO - Building documentation\nWARNING - something",
    }


def test_a_build_that_crashed_before_reporting_has_no_figures():
    report = read_output("", "Traceback (most recent call last):\n  ...\nMemoryError\n")
    assert (report["peak"], report["bound"], report["learning"]) == (None, None, None)
    assert report["output"].endswith("MemoryError")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_sample_counts_this_process_and_its_children_together():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        sampler = wrapper.Sampler()
        own = wrapper.status_field(Path("/proc/self/status").read_text(), "VmRSS:")
        for _ in range(50):
            sampler.sample()
            if str(child.pid) in sampler.child_peaks:
                break
        assert sampler.child_peaks[str(child.pid)] > 0
        assert sampler.together > own
    finally:
        child.kill()
        child.wait()


def test_importing_the_wrapper_as_the_workers_main_module_runs_nothing():
    # What multiprocessing's "spawn" does in the worker with the parent's main script.
    code = f"import runpy, sys; runpy.run_path({str(WRAPPER)!r}, run_name='__mp_main__'); print('mkdocs' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "False\n", "")


def test_the_wrapper_imports_from_the_current_folder_not_its_own(monkeypatch):
    monkeypatch.setattr(sys, "path", [str(WRAPPER.parent), "/somewhere/else"])
    wrapper._import_from_the_current_folder()
    assert sys.path == ["", "/somewhere/else"]
    monkeypatch.setattr(sys, "path", ["/somewhere/else"])
    wrapper._import_from_the_current_folder()
    assert sys.path == ["/somewhere/else"]


@pytest.mark.parametrize(
    ("arguments", "succeeds"),
    [
        (["--version"], True),
        (["build", "-f", "missing.yml"], False),
    ],
)
def test_the_wrapper_passes_mkdocs_exit_status_on_and_reports_memory_either_way(tmp_path, arguments, succeeds):
    result = subprocess.run(
        [sys.executable, str(WRAPPER), *arguments],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert (result.returncode == 0) is succeeds, result.stderr
    report = read_output(result.stdout, result.stderr)
    assert report["peak"] > 0 and report["bound"] > 0
