// Every output, read by h5py without any of kyosei's own code: `kyosei run` writes a file, and a
// Python script checks it against docs/outputs.md (the dictionary users read): every documented
// dataset and attribute is there with the documented type and length, and nothing is there that
// the dictionary does not document. Skipped where /usr/bin/python3 has no h5py.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "test_cli_support.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

constexpr int kHorizon = 120;

// argv: result file, docs/outputs.md, horizon days, expected complete (0 or 1).
constexpr const char* kCheck = R"PY(
import re, sys
import h5py, numpy as np

path, docs_path, horizon, complete = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
snapshots = int(sys.argv[5])
docs = open(docs_path, encoding="utf-8").read()
errors = []

def fail(message):
    errors.append(message)

# The documented rows, "| `/path` | type | unit | meaning |", by section.
rows = {}
section = None
for line in docs.splitlines():
    if line.startswith("## "):
        section = line[3:]
    m = re.match(r"\| `([^`]+)` \| (\w+) \|", line)
    if m:
        rows.setdefault(section, []).append((m.group(1), m.group(2)))
def section_rows(prefix):
    found = [r for s, rs in rows.items() if s.startswith(prefix) for r in rs]
    if not found:
        fail("docs/outputs.md has no rows under a heading starting '## %s'" % prefix)
    return found

root = re.search(r"Root attributes:(.*?)\.\s", docs, re.S)
root_attributes = re.findall(r"`(\w+)`", root.group(1)) if root else []
if not root_attributes:
    fail("docs/outputs.md lists no root attributes")

with h5py.File(path, "r") as f:
    for name in root_attributes:
        if name not in f.attrs:
            fail("root attribute %s is missing" % name)
    if int(f.attrs.get("format_version", -1)) != 1:
        fail("format_version is %r, expected 1" % f.attrs.get("format_version"))
    if int(f.attrs.get("complete", -1)) != complete:
        fail("complete is %r, expected %d" % (f.attrs.get("complete"), complete))

    agencies = len(f["agencies/name"])
    if agencies < 1:
        fail("no agencies")
    for column in ("name", "field", "district", "staff", "capacity"):
        if f["agencies/" + column].shape != (agencies,):
            fail("/agencies/%s has shape %s, expected (%d,)" % (column, f["agencies/" + column].shape, agencies))

    def check_dataset(name, kind, shape):
        if name not in f:
            fail("%s is documented but missing" % name)
            return
        d = f[name]
        if np.dtype(kind) != d.dtype:
            fail("%s has type %s, documented %s" % (name, d.dtype, kind))
        if shape is not None and d.shape != shape:
            fail("%s has shape %s, expected %s" % (name, d.shape, shape))
        for attribute in ("unit", "description"):
            if attribute not in d.attrs:
                fail("%s has no %s attribute" % (name, attribute))

    # A table: the documented columns of one length (that of `length_column`), and no others.
    def check_table(heading, group, length_column):
        table_rows = section_rows(heading)
        length = len(f[group + "/" + length_column])
        for name, kind in table_rows:
            check_dataset(name, kind, (length,))
        documented = {name for name, _ in table_rows}
        for name in f[group]:
            if "/%s/%s" % (group, name) not in documented:
                fail("/%s/%s is written but not documented" % (group, name))
        return length

    episodes = check_table("Episodes", "episodes", "onset_day")
    onset = f["episodes/onset_day"][:]
    if episodes and (onset.min() < 0 or onset.max() >= horizon):
        fail("onset days outside 0..%d" % (horizon - 1))

    deaths = check_table("Solitary deaths", "solitary_deaths", "death_day")
    if deaths and not np.array_equal(f["solitary_deaths/discovery_day"][:] - f["solitary_deaths/death_day"][:],
                                     f["solitary_deaths/days_to_discovery"][:]):
        fail("/solitary_deaths: discovery_day - death_day != days_to_discovery")

    series_rows = section_rows("Daily series")
    agency_rows = section_rows("Agency series")
    for name, kind in series_rows:
        check_dataset(name, kind, (horizon,))
    for name, kind in agency_rows:
        check_dataset(name, kind, (horizon, agencies))
    documented = {name for name, _ in series_rows + agency_rows}
    for name in f["series"]:
        if "/series/" + name not in documented:
            fail("/series/%s is written but not documented" % name)
    if not np.array_equal(f["series/day"][:], np.arange(horizon)):
        fail("/series/day is not 0 .. horizon-1")

    groups = ["overall", "no_compound"]
    groups += ["by_field/" + g for g in f["summary/by_field"]]
    groups += ["by_compound/" + g for g in f["summary/by_compound"]]
    if len(groups) < 4:
        fail("summary groups missing: %s" % groups)
    for name, kind in section_rows("Summary"):
        m = re.match(r"/summary(/<group>)?@(\w+)$", name)
        if not m:
            fail("unexpected summary row %s" % name)
            continue
        for group in (groups if m.group(1) else [None]):
            attrs = f["summary/" + group].attrs if group else f["summary"].attrs
            where = "/summary%s@%s" % ("/" + group if group else "", m.group(2))
            if m.group(2) not in attrs:
                fail("%s is documented but missing" % where)
            elif np.asarray(attrs[m.group(2)]).dtype != np.dtype(kind):
                fail("%s has type %s, documented %s" % (where, np.asarray(attrs[m.group(2)]).dtype, kind))

    # Population snapshots: each table of each day as documented, under its day's group.
    days = list(f["snapshots"]) if "snapshots" in f else []
    if len(days) != snapshots:
        fail("%d snapshot groups, expected %d" % (len(days), snapshots))
    snapshot_rows = section_rows("Population snapshots")
    for day in days:
        for table in ("residents", "households", "ties"):
            group = "snapshots/%s/%s" % (day, table)
            prefix = "/snapshots/day_<D>/%s/" % table
            table_rows = [(n.replace("day_<D>", day), k) for n, k in snapshot_rows if n.startswith(prefix)]
            length = len(f[group + "/row"])
            for name, kind in table_rows:
                check_dataset(name, kind, (length,))
            documented = {name for name, _ in table_rows}
            for name in f[group]:
                if name != "row" and "/%s/%s" % (group, name) not in documented:
                    fail("/%s/%s is written but not documented" % (group, name))

for message in errors:
    print("h5py check:", message)
print("h5py check: %d problems" % len(errors))
sys.exit(1 if errors else 0)
)PY";

bool have_h5py() { return std::system("/usr/bin/python3 -c 'import h5py, numpy' >/dev/null 2>&1") == 0; }

class H5pyOutputs : public ::testing::Test {
protected:
  void SetUp() override {
    if (!have_h5py()) GTEST_SKIP() << "/usr/bin/python3 with h5py and numpy not available";
    std::ofstream(dir_ / "check.py") << kCheck;
  }

  // `snapshot_days`: the run's --snapshot-days ("" for none), giving `snapshots` snapshots.
  void check_scenario(const std::string& scenario, const std::string& snapshot_days = "", int snapshots = 0) const {
    const std::string out = dir_ / (scenario + ".h5");
    const test::CommandResult run =
        test::run_kyosei("run '" + test::source_path("scenarios/" + scenario + ".yaml") +
                             "' --set population.residents=4000 --set run.burn_in_days=30 --set run.horizon_days=" +
                             std::to_string(kHorizon) + " -o '" + out + "'" +
                             (snapshot_days.empty() ? "" : " --snapshot-days " + snapshot_days),
                         dir_);
    ASSERT_EQ(run.code, 0) << run.out << run.err;
    const test::CommandResult check = test::run_command(
        "/usr/bin/python3 '" + (dir_ / "check.py") + "' '" + out + "' '" + test::source_path("docs/outputs.md") + "' " +
            std::to_string(kHorizon) + " 1 " + std::to_string(snapshots),
        dir_);
    EXPECT_EQ(check.code, 0) << check.out << check.err;
  }

  test::ScratchDir dir_;
};

TEST_F(H5pyOutputs, SiloRunMatchesTheOutputDictionary) { check_scenario("silo"); }

TEST_F(H5pyOutputs, IntegratedRunMatchesTheOutputDictionary) {
  check_scenario("integrated", "0," + std::to_string(kHorizon - 1), 2);
}

}  // namespace
}  // namespace kyosei
