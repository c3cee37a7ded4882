"""The plotting helpers draw what they say (on the Agg backend)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import kyosei


@pytest.fixture(scope="module")
def comparison(silo_small, integrated_small):
    return kyosei.compare({"silo": silo_small, "integrated": integrated_small}, replicates=2, seed=1)


def test_detection_curves(silo_result, comparison):
    ax = kyosei.plot.detection_curves(silo_result)
    assert len(ax.lines) == 1 and ax.get_ylabel() == "share detected"
    assert "median" in ax.get_legend().get_texts()[0].get_text()
    ax = kyosei.plot.detection_curves(comparison, group="gap")
    assert len(ax.lines) == 2 and "gap" in ax.get_title()
    ax = kyosei.plot.km_curve(silo_result.km("8050"), detected=False)
    assert ax.get_ylabel() == "share still undetected"
    plt.close("all")


def test_isolation_series_and_queues(silo_result, comparison):
    ax = kyosei.plot.isolation(comparison, which="households")
    assert len(ax.lines) == 2 and "%" in ax.get_ylabel()
    ax = kyosei.plot.isolation(silo_result)
    assert len(ax.lines) == 1
    ax = kyosei.plot.agency_queues(silo_result)
    assert len(ax.lines) == len(silo_result.agencies)
    ax = kyosei.plot.agency_queues(silo_result, name="caseload", by="field")
    assert len(ax.lines) == 4
    ax = kyosei.plot.detection_channels({"silo": silo_result, "both": comparison["integrated"]}, group="8050")
    assert len(ax.patches) == 2 * (len(kyosei.fields.channel_names) - 1)
    with pytest.raises(ValueError):
        kyosei.plot.isolation(silo_result, which="cats")
    plt.close("all")
