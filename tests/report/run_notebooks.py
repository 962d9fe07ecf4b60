#!/usr/bin/env python3
"""The notebooks in notebooks/, executed as a user would run them, so they never rot.

usage: run_notebooks.py SCALESIM NOTEBOOKS_DIR SWEEP_FIXTURE_DIR SCENARIO PER_REPLICATION_SCENARIO
                        [STRATEGY...]

1. Every notebook is stored without outputs (no outputs, no execution counts).
2. scalesim runs SCENARIO into a temporary directory, and PER_REPLICATION_SCENARIO (only
   its strategies named, if any) with --per-replication rows into another; each notebook runs on them through nbclient, with
   SCALESIM_RESULTS pointing there, and must draw plots; the sweep notebook runs on the
   sweep fixture.
3. A notebook whose cell raises makes this check fail (tried on one made to raise).
"""

import os
import subprocess
import sys
import tempfile

import nbclient
import nbformat


def check_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            raise AssertionError(f"{path}: cell {i} is stored with outputs; clear them before "
                                 f"committing (Jupyter: Edit > Clear Outputs of All Cells)")


def execute(nb, results_dir, work_dir):
    """Runs every cell of `nb`; raises nbclient's CellExecutionError when one raises."""
    os.environ["SCALESIM_RESULTS"] = results_dir
    # Quiets the kernel's debugger warnings about Python's frozen modules.
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": work_dir}})
    client.execute()


def run_notebook(path, results_dir, work_dir):
    """Runs the notebook and checks that it drew plots."""
    nb = nbformat.read(path, as_version=4)
    try:
        execute(nb, results_dir, work_dir)
    except nbclient.exceptions.CellExecutionError as e:
        raise AssertionError(f"{os.path.basename(path)} on {results_dir}:\n{e}") from None
    images = sum(1 for cell in nb.cells for output in cell.get("outputs", [])
                 if "image/png" in output.get("data", {}))
    if images == 0:
        raise AssertionError(f"{os.path.basename(path)} on {results_dir} drew no plot")
    print(f"ok: {os.path.basename(path)} ran on {results_dir} and drew {images} plots")


def check_a_raising_notebook_fails(work_dir):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise RuntimeError('a notebook that raises')"),
    ])
    try:
        execute(nb, work_dir, work_dir)
    except nbclient.exceptions.CellExecutionError as e:
        if "a notebook that raises" not in str(e):
            raise AssertionError(f"a raising notebook failed for another reason: {e}")
        print("ok: a notebook that raises fails the check")
        return
    raise AssertionError("a notebook that raises was run without an error")


def scalesim(binary, *args):
    run = subprocess.run([binary, *args], capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise AssertionError(f"scalesim {' '.join(args)} exited with {run.returncode}: "
                             f"{run.stderr}")


def main():
    binary, notebooks_dir, fixture, scenario, per_replication_scenario = sys.argv[1:6]
    chosen = [arg for name in sys.argv[6:] for arg in ("--strategy", name)]
    notebooks = sorted(os.path.join(notebooks_dir, n) for n in os.listdir(notebooks_dir)
                       if n.endswith(".ipynb"))
    if len(notebooks) < 3:
        raise AssertionError(f"expected at least 3 notebooks in {notebooks_dir}")
    for path in notebooks:
        check_stored_without_outputs(path)
    print(f"ok: {len(notebooks)} notebooks stored without outputs")
    with tempfile.TemporaryDirectory(prefix="scalesim-notebooks-test-") as tmp:
        run_dir = os.path.join(tmp, "run")
        per_replication_dir = os.path.join(tmp, "per-replication")
        scalesim(binary, "run", scenario, "-r", "2", "-q", "--out", run_dir)
        scalesim(binary, "run", per_replication_scenario, *chosen, "-r", "2", "-q",
                 "--per-replication", "--out", per_replication_dir)
        # A kernel takes seconds to start: each notebook runs on the outputs it is about,
        # the sweep notebook on the sweep fixture (the scenarios have no sweep).
        for path in notebooks:
            if os.path.basename(path) != "sweep.ipynb":
                run_notebook(path, run_dir, tmp)
        run_notebook(os.path.join(notebooks_dir, "timeseries.ipynb"), per_replication_dir, tmp)
        run_notebook(os.path.join(notebooks_dir, "sweep.ipynb"), os.path.abspath(fixture), tmp)
        check_a_raising_notebook_fails(tmp)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
