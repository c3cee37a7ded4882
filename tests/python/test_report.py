"""kyosei report (python/kyosei/html_report.py, sim/cli/report_command.cpp): one self-contained HTML
file per kind of result directory, opened in headless Chromium (Debian's `chromium`, installed by
scripts/setup.sh): a console message, an image that does not decode or an empty page fails.

KYOSEI_SCREENSHOT_DIR=DIR keeps the screenshots (one PNG per report) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

import kyosei

from conftest import SCENARIOS

TINY = ["--set", "population.residents=8000", "--set", "run.horizon_days=730"]
TINY_SET = "set:\n  population.residents: 6000\n  run.horizon_days: 730\n"

# Appended to a copy of the report: after load, writes what the page holds into the DOM that
# --dump-dom prints (the report itself has no script).
_CHECKER = """<script>window.addEventListener("load", () => {
  const images = Array.from(document.images);
  const broken = images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.alt);
  const out = document.createElement("pre");
  out.id = "kyosei-check";
  out.textContent = JSON.stringify({images: images.length, broken: broken, text: document.body.innerText.length});
  document.body.appendChild(out);
});</script>"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("chromium is not installed (scripts/setup.sh installs Debian's chromium)")
    return found


def _browser(*args: str) -> subprocess.CompletedProcess:
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--virtual-time-budget=20000", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def check_in_browser(page: Path, tmp_path: Path) -> dict:
    """Opens the page in headless Chromium: no console message, every image decoded, a page
    that shows something. Returns what the checker found."""
    shot = tmp_path / f"{page.stem}.png"
    done = _browser("--enable-logging=stderr", "--v=0", f"--screenshot={shot}", "--window-size=1280,4000",
                    page.resolve().as_uri())
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert not console, f"console messages in {page.name}:\n" + "\n".join(console)
    assert shot.is_file(), f"no screenshot: {done.stderr[-2000:]}"

    from matplotlib.image import imread

    pixels = imread(shot)[..., :3]
    inked_rows = int((pixels.min(axis=2) < 0.9).any(axis=1).sum())
    assert inked_rows > 600, f"{page.name}: the screenshot is almost empty ({inked_rows} rows drawn)"
    if os.environ.get("KYOSEI_SCREENSHOT_DIR"):
        target = Path(os.environ["KYOSEI_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, target / shot.name)

    checked = tmp_path / f"{page.stem}.checked.html"
    checked.write_text(page.read_text(encoding="utf-8").replace("</body>", _CHECKER + "</body>"), encoding="utf-8")
    dom = _browser("--dump-dom", checked.resolve().as_uri()).stdout
    found = re.search(r'<pre id="kyosei-check">(.*?)</pre>', dom, re.S)
    assert found, "the checker did not run"
    result = json.loads(found.group(1).replace("&quot;", '"'))
    assert result["images"] > 0 and not result["broken"], f"{page.name}: broken images {result['broken']}"
    assert result["text"] > 500
    return result


def run_cli(cli, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli), *map(str, args)], capture_output=True, text=True, timeout=600, **kwargs)


def self_contained(text: str) -> None:
    """No file or address outside the page: every src and href is a data: URI or an anchor."""
    for reference in re.findall(r'(?:src|href)="([^"]*)"', text):
        assert reference.startswith(("data:", "#")), f"the report refers to {reference[:60]}"


@pytest.fixture(scope="module")
def compare_dir(cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("compare") / "silo_vs_integrated"
    done = run_cli(cli, "compare", SCENARIOS / "silo.yaml", SCENARIOS / "integrated.yaml", "--replicates", "3",
                   "-o", out, *TINY)
    assert done.returncode == 0, done.stderr
    return out


def test_comparison_report_from_the_cli_opens_in_a_browser(cli, compare_dir, tmp_path):
    page = tmp_path / "comparison.html"
    done = run_cli(cli, "report", compare_dir, "-o", page)
    assert done.returncode == 0, done.stderr
    text = page.read_text(encoding="utf-8")
    self_contained(text)
    for heading in ("Provenance", "Parameters in which the scenarios differ", "Headline numbers",
                    "Detection of needs", "Isolation over time", "Who is still missed", "Solitary deaths",
                    "Costs and the national subsidy", "Caseloads, queues and waits per agency"):
        assert heading in text, heading
    assert "intake.mode" in text  # the parameter in which silo and integrated differ
    assert "95% pointwise confidence intervals" in text and "yen per detection-day saved" in text
    assert "Who is missed: detection" in text and "single parent" in text  # the household figure and its table
    assert "Kaplan-Meier" not in text.split('id="detection"')[1].split("<table>")[0]  # the curves are honest
    assert text.count("<figcaption>") == text.count("<img") == 9
    found = check_in_browser(page, tmp_path)
    assert found["images"] == 9


def test_run_report_in_python(silo_result, tmp_path):
    file = tmp_path / "silo.h5"
    silo_result.to_hdf5(file)
    page = kyosei.report(file, tmp_path / "run.html")
    text = page.read_text(encoding="utf-8")
    self_contained(text)
    assert "Parameters of silo that differ from the defaults" in text
    assert "One run per scenario" in text
    check_in_browser(page, tmp_path)


def test_report_of_a_comparison_object_matches_the_directory(compare_dir, tmp_path):
    files = sorted(compare_dir.glob("*.h5"))
    cmp = kyosei.Comparison({name: kyosei.Ensemble([kyosei.read(f) for f in files if f.name.startswith(name)])
                             for name in ("silo", "integrated")})
    page = kyosei.report(cmp, tmp_path / "object.html", title="silo against integrated")
    text = page.read_text(encoding="utf-8")
    assert "<title>silo against integrated</title>" in text
    assert text.count("<img") == 9


def test_validation_table_is_shown_when_present(cli, compare_dir, tmp_path):
    directory = tmp_path / "with_validation"
    shutil.copytree(compare_dir, directory)
    # A stopped run's file is left out, not read (it would refuse to be).
    shutil.copy(directory / "silo.r0.h5", directory / "extra.incomplete.h5")
    done = run_cli(cli, "validate-model", SCENARIOS / "silo.yaml", "--replicates", "1", "--csv",
                   directory / "validation.csv", *TINY)
    assert done.returncode in (0, 4), done.stderr
    text = kyosei.report(directory, tmp_path / "v.html").read_text(encoding="utf-8")
    assert "Model validation" in text and "calibration targets pass" in text
    assert "A comparison of 2 scenarios, 3 replicate(s) each" in text


def _plan_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    text = text.replace("BASE", str(SCENARIOS / "full_juso.yaml")).replace("SET", TINY_SET)
    path.write_text(text, encoding="utf-8")
    return path


PLANS = {
    "sweep": ("sweep", "name: tiny_sweep\nbase: BASE\nSETvary:\n  grid:\n    outreach.workers: [0, 1]\n"
                       "replicates: 2\nseed: 5\n"),
    "region": ("region", "name: tiny_region\nscenario: BASE\nstart_year: 2021\nset:\n  run.horizon_days: 730\nreplicates: 2\nseed: 5\n"
                         "municipalities:\n  - {name: Kita-machi, population: 6000, adoption_year: 2021}\n"
                         "  - {name: Minami-mura, population: 3000}\n"),
    "sensitivity": ("sensitivity", "name: tiny_morris\nbase: BASE\nSETmorris:\n  trajectories: 3\n  levels: 4\n"
                                   "parameters:\n  outreach.workers: {min: 0, max: 1}\n"
                                   "  participation.slots: {min: 0, max: 10}\n"
                                   "outputs: [overall.rmst_days, mean_isolation_residents]\nreplicates: 1\nseed: 5\n"),
}


@pytest.mark.parametrize("kind", list(PLANS))
def test_ensemble_reports_open_in_a_browser(cli, kind, tmp_path):
    command, text = PLANS[kind]
    plan = _plan_file(tmp_path, kind, text)
    out = tmp_path / kind
    done = run_cli(cli, command, plan, "-o", out)
    assert done.returncode == 0, done.stderr
    page = tmp_path / f"{kind}.html"
    done = run_cli(cli, "report", out, "-o", page)
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    self_contained(html)
    assert {"sweep": "Key numbers per variant", "region": "The region in total",
            "sensitivity": "Sensitivity of overall.rmst_days"}[kind] in html
    check_in_browser(page, tmp_path)


def test_report_errors_are_clear(cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run_cli(cli, "report", empty, "-o", tmp_path / "x.html")
    assert done.returncode == 2 and "no kyosei results here" in done.stderr
    done = run_cli(cli, "report", tmp_path / "missing", "-o", tmp_path / "x.html")
    assert done.returncode == 2 and "missing" in done.stderr
    env = {**os.environ, "KYOSEI_PYTHON": str(tmp_path / "no-python")}
    done = run_cli(cli, "report", empty, "-o", tmp_path / "x.html", env=env)
    assert done.returncode == 2 and "needs Python 3 with matplotlib" in done.stderr
    assert not (tmp_path / "x.html").exists()


def test_report_output_is_checked_before_any_figure(cli, tmp_path):
    existing = tmp_path / "old.html"
    existing.write_text("an earlier report")
    done = run_cli(cli, "report", tmp_path / "missing-source-is-not-reached", "-o", existing)
    assert done.returncode == 2  # the source is checked by the parser first
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run_cli(cli, "report", empty, "-o", existing)
    assert done.returncode == 3 and "--force" in done.stderr, done.stderr
    assert existing.read_text() == "an earlier report"
    done = run_cli(cli, "report", empty, "-o", tmp_path / "nodir" / "sub" / "x.html")
    assert done.returncode == 3 and "nodir" in done.stderr, done.stderr


def test_figures_have_titles_labels_and_captions(silo_result):
    for make in (kyosei.figures.detection, kyosei.figures.isolation, kyosei.figures.missed,
                 kyosei.figures.solitary_deaths, kyosei.figures.costs, kyosei.figures.agencies,
                 kyosei.figures.household_detection, lambda r: kyosei.figures.detection_by(r, "compound")):
        figure = make(silo_result)
        assert figure.title and figure.caption.endswith(".")
        assert figure.figure._suptitle.get_text() == figure.title
        for ax in figure.figure.axes:
            spec = ax.get_subplotspec()
            inner = not spec.is_first_col() and not spec.is_last_row()  # small multiples label their edges
            if ax.axison and ax.has_data() and not inner:  # a label with its unit, and a panel title
                assert re.search(r"\(.+\)", ax.get_xlabel() + ax.get_ylabel()), (figure.title, ax.get_title())
                assert ax.get_title() or len(figure.figure.axes) == 1, figure.title
        assert figure.png().startswith(b"\x89PNG")


def test_missed_table_counts_every_need(silo_result):
    table = kyosei.figures.missed_table(silo_result)
    fields = table.loc["field"]
    assert fields["needs"].sum() == len(silo_result.episodes)
    assert fields["undetected"].sum() == int((~silo_result.episodes["detected"]).sum())
    assert fields["crisis"].sum() == silo_result.summary["overall"]["crisis_events"]
    households = table.loc["household type"].drop(index="living alone, 65+", level="group")
    assert households["needs"].sum() == len(silo_result.episodes)
    assert np.all(fields["share_undetected"] + fields["share_crisis"] + fields["share_late"] <= 1)
    assert np.all(fields["share_undetected"].between(0, 1))
