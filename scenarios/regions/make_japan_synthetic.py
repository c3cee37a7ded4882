#!/usr/bin/env python3
"""Writes japan_synthetic.csv: a synthetic size distribution of Japan's 1,741 municipalities
(1,718 cities, towns and villages and Tokyo's 23 special wards) for `kyosei region`.

Not real municipalities: deterministic quantiles of a skewed log-normal, scaled to the 2020
census total (126.1 million), so that the sizes look like Japan's (median about 24,000, a few
hundred residents in the smallest villages, about 3.7 million in the largest city) without
claiming to be any place. Adoption years of the multi-layered support system (重層的支援体制整備事業)
follow the approximate cumulative counts of adopting municipalities (MHLW: 42 in FY2021, 134 in
FY2022, 189 in FY2023, 346 in FY2024, about 470 in FY2025), larger municipalities more likely to
adopt early; the rest have none. share_65plus is synthetic too (older in smaller places) and is
reported but not simulated by kyosei (see include/kyosei/ensemble/region.hpp).

    python3 scenarios/regions/make_japan_synthetic.py > scenarios/regions/japan_synthetic.csv
"""
import math
import random
import statistics

N = 1741
TOTAL = 126_146_099           # 2020 census
LARGEST = 3_770_000           # about Yokohama's size
SMALLEST = 300
ADOPTED_BY_YEAR = [(2021, 42), (2022, 134), (2023, 189), (2024, 346), (2025, 470)]  # cumulative


def sizes():
    normal = statistics.NormalDist()
    z = [normal.inv_cdf((i + 0.5) / N) for i in range(N)]
    # log size = a + b z + c z^2: a and b put the extremes at SMALLEST and LARGEST, and c (the
    # skew: a positive c lowers the middle and leaves the extremes) makes the sizes sum to TOTAL.
    def fit(c):
        lo, hi = z[0], z[-1]
        b = (math.log(LARGEST) - math.log(SMALLEST) - c * (hi * hi - lo * lo)) / (hi - lo)
        a = math.log(SMALLEST) - b * lo - c * lo * lo
        return [math.exp(a + b * x + c * x * x) for x in z]
    lo_c, hi_c = 0.0, 0.5  # the total falls as c grows
    for _ in range(100):
        mid = (lo_c + hi_c) / 2
        if sum(fit(mid)) > TOTAL:
            lo_c = mid
        else:
            hi_c = mid
    values = [int(round(v)) for v in fit((lo_c + hi_c) / 2)]
    values[len(values) // 2] += TOTAL - sum(values)  # exact total
    return values


def main():
    rng = random.Random(1741)
    population = sizes()
    order = list(range(N))
    rng.shuffle(order)  # file order like a code list, not by size
    # Adoption: rank by log size plus noise; the first 42 adopt in 2021, and so on.
    score = sorted(range(N), key=lambda i: -(math.log(population[i]) + rng.gauss(0, 1.5)))
    year = {}
    done = 0
    for y, cumulative in ADOPTED_BY_YEAR:
        for i in score[done:cumulative]:
            year[i] = y
        done = cumulative
    print("# Synthetic: not real municipalities (scenarios/regions/make_japan_synthetic.py)")
    print("name,population,adoption_year,share_65plus")
    for k, i in enumerate(order):
        share = 0.29 + 0.06 * (math.log10(24000) - math.log10(population[i])) + rng.gauss(0, 0.03)
        share = min(0.65, max(0.15, share))
        print(f"synthetic-{k + 1:04d},{population[i]},{year.get(i, '')},{share:.3f}")


if __name__ == "__main__":
    main()
