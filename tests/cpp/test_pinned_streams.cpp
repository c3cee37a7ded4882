// Pinned random streams and a pinned run (docs/ODD.md "Random numbers"): the first draws of every
// Process stream, and the hash of one small reference run, written out here. Renumbering a
// stream, changing the key layout of a draw or reordering a run's draws fails here loudly,
// instead of resting on a comment. A change that means to alter the results updates these numbers
// in the same commit, and says why.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <cstdio>

#include "../../sim/engine/rng.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

struct PinnedStream {
  Process process;
  std::uint64_t first, second;  // the bits of the first two uniforms of (seed 1, entity 0, day 0)
};

// Every Process, in the order of its values (1, 2, ...).
constexpr PinnedStream kPinned[] = {
    {Process::household_type, 0x3fe4028e24a167a4ull, 0x3fe5916d99b47884ull},
    {Process::household_members, 0x3fe7c87cbf3072b4ull, 0x3fcd76b3102dfb56ull},
    {Process::traits, 0x3fe9d2b28e43ebf2ull, 0x3fe1a47c121c5350ull},
    {Process::initial_conditions, 0x3fa053c3c63cab58ull, 0x3f9b18917f6aaf70ull},
    {Process::neighbour_ties, 0x3fe04ee1c6c8d5b0ull, 0x3fe6daa5e057376aull},
    {Process::friend_ties, 0x3fda278c73de6ef9ull, 0x3fc44c59325f1bcaull},
    {Process::registration, 0x3fc6de3b08f87d2eull, 0x3fcbe3d47fa1b916ull},
    {Process::death, 0x3fe7812b473eb27eull, 0x3fe24a124d0f426eull},
    {Process::care_onset, 0x3f9f9ee89bd345d0ull, 0x3fe93590f3660ea6ull},
    {Process::disability_onset, 0x3fbe295b32178b3cull, 0x3fdc8c0e6d31fddbull},
    {Process::withdrawal_onset, 0x3fd3715a9c2c85d1ull, 0x3fd9ca5ed684e8c1ull},
    {Process::withdrawal_recovery, 0x3fe4cfdcb0ec06ccull, 0x3fe95027523f8386ull},
    {Process::poverty_onset, 0x3feaa75b29d4fe42ull, 0x3fec1426a00db3eaull},
    {Process::poverty_recovery, 0x3fd793170510bc0full, 0x3fdd1a5d41ffb6d7ull},
    {Process::child_onset, 0x3fefa9c06dbcb44cull, 0x3fdd458a264c7cffull},
    {Process::child_recovery, 0x3fd49fab216446fdull, 0x3fc41ca247138d6eull},
    {Process::birth, 0x3fc0c5652583aea2ull, 0x3fdced923e89285full},
    {Process::newborn, 0x3fdf1b373681d4b3ull, 0x3fece709a4eb4316ull},
    {Process::tie_flip, 0x3fca6b5dc5f57652ull, 0x3fe31f0b4bf6c1b0ull},
    {Process::detection, 0x3fdf5b05f6bcf67dull, 0x3fec6bb849d9e5f0ull},
    {Process::channel_choice, 0x3f7c0e98cd49b840ull, 0x3fe0e2a4edcc615eull},
    {Process::crisis, 0x3fe06b234f8d9d14ull, 0x3fe02201a2901cc2ull},
    {Process::window_choice, 0x3fb52b355cffa98cull, 0x3fe7ae7d4d8ce7d6ull},
    {Process::referral, 0x3fe0832a41c25c5aull, 0x3fea2f9be4cfbee2ull},
    {Process::service, 0x3fee70bfa4254512ull, 0x3fbae3681bbd8234ull},
    {Process::tie_activity, 0x3fd7823675ff9163ull, 0x3fdc5f8d5b1ed8bdull},
    {Process::household_assessment, 0x3fd6e458a0ea384bull, 0x3fe8dd2a8c15a380ull},
    {Process::handoff, 0x3fe6bb33415b87daull, 0x3fb0a3a1deef28b4ull},
    {Process::programme_recovery, 0x3fcfc2ba924d415aull, 0x3fc1303cd981115eull},
    {Process::outreach_targets, 0x3fec0d8943729da6ull, 0x3fe039be81e3de9cull},
    {Process::outreach_visit, 0x3fe57548c7ff1610ull, 0x3fe3b532c5ac8420ull},
    {Process::programme, 0x3fe88952ba070094ull, 0x3fec366fea14ff62ull},
    {Process::place_attendance, 0x3fe5b05633a51f7aull, 0x3fede0287d8fcabaull},
    {Process::solitary_death, 0x3fda929468e5687bull, 0x3fe6f1f47c993cc0ull},
    {Process::bereavement_notice, 0x3fe5e4bc5ac453e4ull, 0x3fe22d07c1146beeull},
    {Process::self_reliance_intake, 0x3faa96a13eb0fea8ull, 0x3fd2fa48e428b4e7ull},
    {Process::awareness, 0x3fed288d42969c62ull, 0x3fe666f0e8749802ull},
    {Process::watching_agreement, 0x3fc44f2c83beda36ull, 0x3f94f308cf9c6370ull},
    {Process::tie_formation, 0x3fd29d88cb5056d5ull, 0x3fea1707d651c9e6ull},
    {Process::place_ties, 0x3fd0f5bf82e5da85ull, 0x3fc0a398a5842606ull},
    {Process::leave_home, 0x3fe30af21767933aull, 0x3fe6930b42cc9072ull},
    {Process::partnership, 0x3fa0e574134c2758ull, 0x3fee18e13d765db6ull},
    {Process::partner, 0x3fe6b666a5cf8530ull, 0x3fd57b8afff4a41full},
    {Process::care_entry, 0x3fedbe47489c3bacull, 0x3f925e7a93c563d0ull},
    {Process::move_out, 0x3fe83fe5f87b929aull, 0x3fc5e6c3b2ce9cf2ull},
    {Process::move_in, 0x3fe1fbf4a96d465eull, 0x3fee83bd8f5fcdb8ull},
    {Process::newcomer_household, 0x3fe8253b3e7866d0ull, 0x3fdd55d87dd2b2a9ull},
    {Process::separation, 0x3fc14cc9f57e4f7eull, 0x3fc22281fc379b22ull},
    {Process::join_child, 0x3fb37151ea02d90cull, 0x3fe30d8438457c7aull},
    {Process::coordination, 0x3fd52f22c449077dull, 0x3fdb284532a0599bull},
};

TEST(PinnedStreams, EveryProcessIsPinnedInOrder) {
  for (std::size_t i = 0; i < std::size(kPinned); ++i)
    EXPECT_EQ(static_cast<std::uint32_t>(kPinned[i].process), i + 1) << "entry " << i;
}

TEST(PinnedStreams, FirstDrawsOfEveryStream) {
  for (const PinnedStream& p : kPinned) {
    Draws d(RngKey{1, 0}, p.process, 0, 0);
    const auto first = std::bit_cast<std::uint64_t>(d.uniform());
    const auto second = std::bit_cast<std::uint64_t>(d.uniform());
    EXPECT_EQ(first, p.first) << "process " << static_cast<std::uint32_t>(p.process);
    EXPECT_EQ(second, p.second) << "process " << static_cast<std::uint32_t>(p.process);
  }
}

// Every lever on, with a burn-in, on one thread and on two: the hash of every output dataset.
// History: 0xc75e60581d5515d1; 0xc8942300ee5076c1 with episodes/household_type; now 0x803b734393dd8529,
// since expectations and awareness change help-seeking and referral (docs/ODD.md §7), watching
// agreements add a lever, and mortality follows the 2020 life table with relative risks, a support
// plan changes service, integrated intake assesses the household and charges staff hours;
// 0x5eecd1e4f4174b84 after the merge of h19t (issue 19's branch, not on main): ties form as calendar events
// and end with an end, places and programmes create ties, which changes every tie-driven output;
// 0x8193019bd7ed6a92 after the merge of h19h (issue 19's branch): households change (leaving home, partnership,
// care entry, migration), a move ends the mover's ties and forms new ones, and episodes record the
// household type computed from the members at onset; 0x9cbee013e9511cb7 after h19net (issue 19's branch): each owed tie
// is sought on its own, partners are met by sociability, a move keeps friendships and places invite
// isolated acquaintances of their regulars; 0x7caeb0aa4d3870dd on h19cal alone: couples separate, a parent 65+ living
// alone moves in with a child (同居), older newcomers arrive and births need a partner in the household;
// 0xf0f86e5da743eeec after the merge of h19net, h19cal, h19perf, h20b and h19snap, with the refits of 2026-12-07
// (solitary deaths at home, sociability, care onset, withdrawal onset); 0x5f55722cb3c34794 on h18hub (issue 18's
// branch): hub and distributed coordination differ by referral, consent, meeting cycle, own-case
// knowledge and the cost of reaching other agencies, not by pooling alone (docs/ODD.md §7);
// 0x3b71f2463e261f7f on h19speed alone when a resident's second and later tie meetings of one day draw
// from their own keys (the meeting's ordinal in the draw) instead of repeating the first's numbers;
// 0x2077b9d43e8f3337 after merging both; 0xcc4a2ed478915d1a on h19stat alone (issue 19 item 3,
// stationarity): newcomers and outside partners draw their conditions at the start prevalences,
// leavers share households and lone elders move in with a sibling (other households form), men join
// relatives more often, generator shares and poverty onset refitted; 0xa09ae09eca9056d1 after merging it
// too, with coordinators' queues dropping households whose needs all ended; 0x5e617dafa7a23c64 when the
// grant base caps a grant year's national subsidy instead of a day's; 0xb9b70cc49029bfa5 after merging h19stat
// (issue 19 item 3): newcomer families from the movers' ages, a quarter of them single parents, parents
// 65+ moving in with a child's family, join rates, generator shares and withdrawal onset and recovery
// refitted; 0x31326c936e6f6d17 (2026-12-07, issue 19 item 3): residents start in residential care at its stock
// and enter it more slowly, adult children move back in with old parents, births and partnerships
// follow age, arrivals seek 0.65 of their ties (lost ties sought again with 0.35), comings of age are
// counted before the day's deaths, and solitary deaths and men's moves to relatives refitted;
// 0xec9d8c5780c924f6 when the parents an adult child moves back to are of one generation and
// join_sibling_share (0.65) and newcomer_return_share (0.07) were refitted; 0x2bde01b8b66b7a59 when
// community places offer their seats to the residents present in the district (newcomers and the
// born since the start included) instead of to those present at the start; 0x3f4a6495e9a90b19 when a
// 65th birthday and an older newcomer household's arrival ask for registration, each household
// with a draw of its own that is the same whenever asked; 0x984639696aae4196 when partners are kept
// (a daughter at home and her brother no longer read as a couple who have children), women without a
// partner give birth at demography.unpartnered_birth_factor, a child at home may partner in the
// parental home, a couple living with a parent reads as other, and the generator's shares, share_home
// and the stationary in_rate were refitted; 0x3f40396aacec0257 when a couple is read from its partner links (two
// old siblings are an other household), a lone elder joins a sibling who lives without a partner,
// half the moves to a child go to a child elsewhere (the parent moves out), an adult child moving
// back joins a parent alone or a couple, and the join rates, older newcomers and the generator's
// shares were refitted (docs/calibration.md "Couples read from partner links"). The same at 1 and 2
// threads.
TEST(PinnedRun, HashOfASmallReferenceRun) {
  Scenario s = test::small_scenario("full_juso", 4000, 150);
  s.run.burn_in_days = 60;
  for (int threads : {1, 2}) {
    Simulation sim(s, RunOptions{7, 0, threads});
    sim.run();
    EXPECT_EQ(test::results_hash(sim.results()), 0x3f40396aacec0257ull) << threads << " threads";
  }
}

}  // namespace
}  // namespace kyosei
