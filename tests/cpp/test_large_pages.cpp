// Large arrays on 2 MB pages (sim/engine/large_pages.hpp): the room asked for, and huge pages where the
// kernel gives them.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../sim/engine/large_pages.hpp"

namespace kyosei {
namespace {

// A counter of /proc/vmstat, -1 when unreadable.
std::int64_t vmstat(const std::string& name) {
  std::ifstream in("/proc/vmstat");
  std::string key;
  std::int64_t value;
  while (in >> key >> value)
    if (key == name) return value;
  return -1;
}

// Kilobytes of the mapping holding `address` that are on transparent huge pages, -1 when
// /proc/self/smaps does not say.
std::int64_t huge_kb_around(const void* address) {
  std::ifstream in("/proc/self/smaps");
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    std::uintptr_t lo = 0, hi = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> lo >> dash >> hi && dash == '-') {
      inside = lo <= at && at < hi;
      continue;
    }
    if (inside && line.rfind("AnonHugePages:", 0) == 0) return std::stoll(line.substr(14));
  }
  return -1;
}

TEST(LargePages, SmallArraysGetTheRoomAskedFor) {
  std::vector<std::int32_t> v;
  reserve_on_large_pages(v, 1000);
  EXPECT_GE(v.capacity(), 1000u);
  EXPECT_TRUE(v.empty());
}

TEST(LargePages, LargeArraysAreOnHugePagesWhereTheKernelGivesThem) {
  std::ifstream enabled("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string mode;
  std::getline(enabled, mode);
  if (mode.empty() || mode.find("[never]") != std::string::npos) GTEST_SKIP() << "transparent huge pages off";
  const std::int64_t fallbacks = vmstat("thp_fault_fallback");
  std::vector<std::uint64_t> v;
  const std::size_t n = (kLargePagesFrom / sizeof(std::uint64_t)) * 2;
  reserve_on_large_pages(v, n);
  ASSERT_GE(v.capacity(), n);
  v.assign(n, 1);  // first touch
  const std::int64_t huge = huge_kb_around(v.data() + n / 2);
  if (huge < 0) GTEST_SKIP() << "/proc/self/smaps gives no AnonHugePages";
  if (huge == 0 && vmstat("thp_fault_fallback") > fallbacks) GTEST_SKIP() << "the kernel had no free 2 MB page";
  EXPECT_GT(huge, 0) << "a " << (n * sizeof(std::uint64_t) >> 20) << " MB array got no huge page (" << mode << ")";
}

}  // namespace
}  // namespace kyosei
