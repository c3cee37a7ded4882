// Tests of the State's member lists (include/kyosei/model/state.hpp) and what is generated from
// them: docs/state.md is up to date, every member of every group is in a list, and the byte
// counts follow the arrays.
#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "kyosei/docs/state_docs.hpp"
#include "kyosei/model/state_layout.hpp"
#include "kyosei/model/state_members.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

TEST(StateLayout, DocsFileIsUpToDate) {
  std::ifstream in(std::filesystem::path(KYOSEI_SOURCE_DIR) / "docs" / "state.md", std::ios::binary);
  const std::string on_disk{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_EQ(on_disk, state_layout_markdown())
      << "docs/state.md differs from the State's member lists. Regenerate it, from the source directory:\n"
         "  build/kyosei state-layout > docs/state.md";
}

// The bytes of `object` that no listed member covers: its padding, and any member declared
// outside the lists. Padding stays under the strictest alignment; a forgotten vector, deque or
// calendar (24 bytes or more) does not.
class Coverage {
public:
  explicit Coverage(const State& state) {
    for_each_state_member(state, [&](const StateMember&, const auto& member) {
      members_.push_back({reinterpret_cast<const char*>(&member), sizeof member});
    });
  }
  template <class Object>
  std::size_t unlisted_bytes(const Object& object) const {
    const auto* begin = reinterpret_cast<const char*>(&object);
    std::size_t listed = 0;
    for (const Member& m : members_)
      if (m.begin >= begin && m.begin < begin + sizeof object) listed += m.size;
    return sizeof object - listed;
  }
  std::size_t listed_bytes() const {
    std::size_t listed = 0;
    for (const Member& m : members_) listed += m.size;
    return listed;
  }

private:
  struct Member {
    const char* begin;
    std::size_t size;
  };
  std::vector<Member> members_;
};

TEST(StateLayout, EveryMemberOfEveryGroupIsListed) {
  const auto state = std::make_unique<State>();
  const Coverage coverage(*state);
  constexpr std::size_t kPadding = alignof(std::max_align_t);
  const State& s = *state;
  EXPECT_LT(coverage.unlisted_bytes(s.residents), kPadding);
  EXPECT_LT(coverage.unlisted_bytes(s.households), kPadding);
  EXPECT_LT(coverage.unlisted_bytes(s.ties), kPadding);
  EXPECT_LT(coverage.unlisted_bytes(s.episodes), kPadding);
  EXPECT_LT(coverage.unlisted_bytes(s.agencies), kPadding);
  EXPECT_LT(coverage.unlisted_bytes(s.calendars), kPadding);
  EXPECT_LT(coverage.unlisted_bytes(s.levers), kPadding);
  EXPECT_LT(coverage.unlisted_bytes(s.solitary), kPadding);
  EXPECT_LT(coverage.unlisted_bytes(s.counters), kPadding);
  EXPECT_LT(coverage.unlisted_bytes(s.totals), kPadding);
  // The State's own members: all listed bytes and the groups' padding leave only its own padding.
  const std::size_t group_padding = coverage.unlisted_bytes(s.residents) + coverage.unlisted_bytes(s.households) +
                                    coverage.unlisted_bytes(s.ties) + coverage.unlisted_bytes(s.episodes) +
                                    coverage.unlisted_bytes(s.agencies) + coverage.unlisted_bytes(s.calendars) +
                                    coverage.unlisted_bytes(s.levers) + coverage.unlisted_bytes(s.solitary) +
                                    coverage.unlisted_bytes(s.counters) + coverage.unlisted_bytes(s.totals);
  EXPECT_LT(sizeof(State) - coverage.listed_bytes() - group_padding, kPadding);
}

TEST(StateLayout, NamesEveryMemberOnceInTheDocs) {
  const auto state = std::make_unique<State>();
  const std::string markdown = state_layout_markdown();
  std::set<std::string> paths;
  for_each_state_member(*state, [&](const StateMember& m, const auto&) {
    EXPECT_TRUE(paths.insert(std::string(m.group) + "/" + std::string(m.name)).second) << m.group << "/" << m.name;
    EXPECT_NE(markdown.find("| `" + std::string(m.name) + "` |"), std::string::npos) << m.name;
    EXPECT_FALSE(m.meaning.empty()) << m.name;
  });
}

TEST(StateLayout, BytesFollowTheArraysOfABuiltState) {
  const Simulation sim(test::small_scenario("silo", 3000, 30), RunOptions{3, 0, 1});
  const State& st = sim.state();
  const std::vector<StateMemberBytes> bytes = state_member_bytes(st);
  std::size_t walked = 0;
  for_each_state_member(st, [&](const StateMember&, const auto&) { ++walked; });
  ASSERT_EQ(bytes.size(), walked);
  const auto bytes_of = [&](std::string_view group, std::string_view name) {
    for (const StateMemberBytes& b : bytes)
      if (b.group == group && b.name == name) return b.bytes;
    ADD_FAILURE() << group << "/" << name << " not counted";
    return std::size_t{0};
  };
  EXPECT_GE(bytes_of("residents", "household"), st.residents.size() * sizeof(std::int32_t));
  EXPECT_GE(bytes_of("residents", "core"), st.residents.size() * sizeof(ResidentCore));
  EXPECT_GE(bytes_of("ties", "records"), st.ties.size() * sizeof(Tie));
  EXPECT_GE(bytes_of("ties", "graph"), 2 * st.ties.size() * sizeof(std::uint32_t));  // two arcs per tie
  EXPECT_EQ(bytes_of("run", "today"), sizeof(Day));
  EXPECT_NE(state_bytes_table(st).find("per resident"), std::string::npos);
}

}  // namespace
}  // namespace kyosei
