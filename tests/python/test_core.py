"""The thin layer kyosei._core: zero-copy views that keep their owner alive, the GIL released
during runs, argument checks, progress callbacks."""

from __future__ import annotations

import gc
import threading
import time
import weakref

import numpy as np
import pytest

import kyosei
from kyosei import _core


@pytest.fixture(scope="module")
def core_results(silo_small):
    sim = _core.Simulation(silo_small._core, seed=7)
    sim.run()
    return sim.results()


def test_arrays_are_read_only_views_of_the_results(core_results):
    columns = core_results.episodes
    assert set(columns) == {name for name, *_ in _core.EPISODE_COLUMNS}
    for name, array in columns.items():
        assert not array.flags.owndata, name
        assert not array.flags.writeable, name
        assert array.base is core_results, name
    # Two accesses view the same memory: nothing was copied.
    assert np.shares_memory(core_results.episodes["onset_day"], core_results.episodes["onset_day"])
    with pytest.raises(ValueError):
        columns["onset_day"][0] = 1


def test_series_and_agency_series_are_views_with_their_shapes(core_results):
    series = core_results.series
    days = core_results.days
    for name, dtype, *_ in _core.SERIES:
        assert series[name].shape == (days,)
        assert series[name].dtype == dtype
        assert series[name].base is core_results
    agencies = len(core_results.agencies["name"])
    for name, *_ in _core.AGENCY_SERIES:
        a = core_results.agency_series[name]
        assert a.shape == (days, agencies) and a.dtype == np.int64
        assert a.base is core_results and not a.flags.owndata and a.flags.c_contiguous


def test_a_view_keeps_the_results_alive(silo_small):
    sim = _core.Simulation(silo_small.with_({"run.horizon_days": 365})._core, seed=3)
    sim.run()
    results = sim.results()
    onset = results.episodes["onset_day"]
    expected = onset.copy()
    owner = weakref.ref(results)
    del results, sim
    gc.collect()
    assert owner() is not None  # the array's base holds it
    np.testing.assert_array_equal(onset, expected)
    del onset
    gc.collect()
    assert owner() is None  # and lets it go with the last view


def test_result_views_survive_the_python_result(silo_small):
    result = kyosei.run(silo_small.with_({"run.horizon_days": 365}), seed=3)
    view = result.arrays["episodes"]["detected_day"]
    assert not view.flags.owndata
    expected = view.copy()
    del result
    gc.collect()
    np.testing.assert_array_equal(view, expected)


def test_run_releases_the_gil(silo_small):
    # This thread counts while the worker runs; the worker's monthly progress call (with the GIL)
    # notes the count. If the count moved between the end of one call and the start of the next,
    # Python ran here while the worker was inside run(): it had let the GIL go. The run then stops,
    # so the test waits for that state, not for a time; a run that kept the GIL would go on to its
    # (long) horizon without it.
    sim = _core.Simulation(silo_small.with_({"population.residents": 50000, "run.horizon_days": 36500})._core,
                           seed=1, threads=1)
    ticks = 0
    seen = {"after_last_call": None, "released": False}

    def progress(done, total):
        if seen["after_last_call"] is not None and ticks != seen["after_last_call"]:
            seen["released"] = True
            return False
        seen["after_last_call"] = ticks
        return True

    worker = threading.Thread(target=sim.run, args=(progress,))
    worker.start()
    while worker.is_alive():
        ticks += 1
        time.sleep(0)
    worker.join()
    assert seen["released"]
    assert not sim.finished


def test_parallel_runs_in_threads_equal_serial_ones(silo_small):
    small = silo_small.with_({"run.horizon_days": 365})
    serial = [kyosei.run(small, seed=5, replicate=r).arrays["episodes"]["detected_day"] for r in range(2)]
    out = [None, None]

    def go(r):
        out[r] = kyosei.run(small, seed=5, replicate=r, threads=1).arrays["episodes"]["detected_day"]

    threads = [threading.Thread(target=go, args=(r,)) for r in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in range(2):
        np.testing.assert_array_equal(serial[r], out[r])


def test_progress_is_called_monthly_and_can_stop_the_run(silo_small):
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return done < 120

    sim = _core.Simulation(silo_small._core, seed=1)
    assert sim.run(progress) is False
    assert [d for d, _ in calls] == [30, 60, 90, 120]
    assert calls[0][1] == sim.days_total
    assert sim.days_done == 120 and not sim.finished


def test_an_exception_in_progress_propagates_and_stops_the_run(silo_small):
    sim = _core.Simulation(silo_small._core, seed=1)

    def progress(done, total):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        sim.run(progress)
    assert sim.days_done == 30


def test_a_simulation_cannot_be_driven_twice_at_once(silo_small):
    sim = _core.Simulation(silo_small._core, seed=1)
    with pytest.raises(kyosei.UsageError, match="busy"):
        sim.run(lambda done, total: sim.step())


def test_step_and_stepping_past_the_end(silo_small):
    sim = _core.Simulation(silo_small.with_({"run.horizon_days": 30, "run.burn_in_days": 0})._core, seed=1)
    sim.step(10)
    assert sim.days_done == 10
    sim.run()
    assert sim.finished and sim.results().days == 30
    with pytest.raises(kyosei.UsageError):
        sim.step()


@pytest.mark.parametrize("kwargs, message", [
    ({"seed": -1}, "seed"),
    ({"replicate": -2}, "replicate"),
    ({"replicate": 2**32}, "replicate"),
    ({"threads": -1}, "threads"),
])
def test_bad_run_arguments_raise_usage_error(silo_small, kwargs, message):
    with pytest.raises(kyosei.UsageError, match=message):
        _core.Simulation(silo_small._core, **kwargs)


def test_bad_progress_argument(silo_small):
    sim = _core.Simulation(silo_small._core, seed=1)
    with pytest.raises(kyosei.UsageError, match="progress"):
        sim.run(42)


def test_field_tables_match_the_results(core_results):
    assert list(core_results.series) == ["day"] + [n for n, *_ in _core.SERIES]
    assert list(core_results.summary["overall"]) == [n for n, *_ in _core.DETECTION_FIELDS]
    for name, *_ in _core.SUMMARY_SCALARS:
        assert name in core_results.summary
    assert _core.COMPOUND_TAG_NAMES == ("8050", "double_care", "isolated", "multi_need")


def test_engine_kaplan_meier_binding():
    times, survival, at_risk, events = _core.kaplan_meier([1, 2, 2, 3, 4], [1, 1, 0, 1, 0])
    np.testing.assert_array_equal(times, [1, 2, 3])
    np.testing.assert_allclose(survival, [0.8, 0.6, 0.3])
    np.testing.assert_array_equal(at_risk, [5, 4, 2])
    np.testing.assert_array_equal(events, [1, 1, 1])


def test_an_interrupt_stops_a_run(silo_small):
    import _thread

    sim = _core.Simulation(silo_small.with_({"population.residents": 100000})._core, seed=1, threads=1)
    timer = threading.Timer(0.05, _thread.interrupt_main)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            sim.run()
    finally:
        timer.cancel()
    assert 0 < sim.days_done < sim.days_total
