// Checks before the work (output_check.hpp): every way a result path can be unwritable is refused
// with a located message before anything is simulated, and save_elsewhere keeps what was computed.
#include "kyosei/io/output_check.hpp"

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <fstream>
#include <string>

#include "kyosei/engine/errors.hpp"
#include "test_cli_support.hpp"

namespace kyosei {
namespace {

namespace fs = std::filesystem;

// The message of the OutputError that `check` throws ("" if none).
template <class Check>
std::string refusal(Check&& check) {
  try {
    check();
  } catch (const OutputError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class OutputCheck : public ::testing::Test {
protected:
  std::string path(const std::string& name) const { return dir_ / name; }
  test::ScratchDir dir_;
};

TEST_F(OutputCheck, AWritablePlaceIsAcceptedAndLeftAsItWas) {
  check_output_path(path("out.h5"), 1e6, false);
  EXPECT_TRUE(fs::is_empty(dir_.path())) << "the trial file is removed";
}

TEST_F(OutputCheck, AMissingDirectoryIsNamedAtItsFirstMissingLevel) {
  const std::string e = refusal([&] { check_output_path(path("nodir/sub/out.h5"), 0, false); });
  EXPECT_TRUE(
      contains(e, path("nodir/sub/out.h5") + ": cannot write here: the directory " + path("nodir") + " does not exist"))
      << e;
}

TEST_F(OutputCheck, ADirectoryIsNotAFileEvenWithOverwrite) {
  fs::create_directories(path("adir"));
  for (const bool overwrite : {false, true}) {
    const std::string e = refusal([&] { check_output_path(path("adir"), 0, overwrite); });
    EXPECT_TRUE(contains(e, "it is a directory (give a file name, e.g. " + path("adir/result.h5"))) << e;
  }
}

TEST_F(OutputCheck, AnExistingFileNeedsOverwrite) {
  std::ofstream(path("out.h5")) << "x";
  EXPECT_TRUE(contains(refusal([&] { check_output_path(path("out.h5"), 0, false); }), "exists; use --force"));
  check_output_path(path("out.h5"), 0, true);
}

TEST_F(OutputCheck, AFileInThePlaceOfADirectory) {
  std::ofstream(path("plain")) << "x";
  EXPECT_TRUE(contains(refusal([&] { check_output_path(path("plain/out.h5"), 0, false); }), "is not a directory"));
  EXPECT_TRUE(contains(refusal([&] { check_output_directory(path("plain"), 0); }), "is not a directory"));
  EXPECT_TRUE(contains(refusal([&] { check_output_directory(path("plain/sub"), 0); }), "cannot create the directory"));
}

TEST_F(OutputCheck, NoRoomForTheEstimate) {
  const std::string e = refusal([&] { check_output_path(path("out.h5"), 1e18, false); });
  EXPECT_TRUE(contains(e, "the result may need up to ")) << e;
  EXPECT_TRUE(contains(e, " free (free some space, or choose another path)")) << e;
}

TEST_F(OutputCheck, ADirectoryToFillIsCreatedWithItsParents) {
  check_output_directory(path("a/b/c"), 1e6);
  EXPECT_TRUE(fs::is_directory(path("a/b/c")));
  EXPECT_TRUE(fs::is_empty(path("a/b/c")));
}

// Runs `check` as a user who may not write in the test's directory: as nobody in a child process
// when root, else with the directory made read-only. Returns the refusal, "" if none.
std::string refusal_without_permission(const fs::path& directory, const std::function<void()>& check) {
  if (::geteuid() != 0) {
    fs::permissions(directory, fs::perms::owner_read | fs::perms::owner_exec);
    const std::string e = refusal(check);
    fs::permissions(directory, fs::perms::owner_all);
    return e;
  }
  int pipe_ends[2];
  if (::pipe(pipe_ends) != 0) return "pipe failed";
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe_ends[0]);
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
    const std::string e = refusal(check);
    [[maybe_unused]] const auto written = ::write(pipe_ends[1], e.data(), e.size());
    ::_exit(0);
  }
  ::close(pipe_ends[1]);
  std::string e;
  char buffer[512];
  for (ssize_t n; (n = ::read(pipe_ends[0], buffer, sizeof buffer)) > 0;) e.append(buffer, static_cast<std::size_t>(n));
  ::close(pipe_ends[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the unprivileged check did not run";
  return e;
}

TEST_F(OutputCheck, ADirectoryTheUserMayNotWriteIn) {
  const std::string e = refusal_without_permission(dir_.path(), [&] { check_output_path(path("out.h5"), 0, false); });
  EXPECT_TRUE(contains(
      e, path("out.h5") + ": cannot write here: the directory " + dir_.path().string() + ": you may not write in it"))
      << e;
  const std::string d = refusal_without_permission(dir_.path(), [&] { check_output_directory(path("cmp"), 0); });
  EXPECT_TRUE(contains(d, "cannot create the directory " + path("cmp") + ": you may not write in it")) << d;
}

TEST_F(OutputCheck, AReadOnlyMount) {
  fs::create_directories(path("source"));
  fs::create_directories(path("ro"));
  if (::mount(path("source").c_str(), path("ro").c_str(), nullptr, MS_BIND, nullptr) != 0)
    GTEST_SKIP() << "cannot bind-mount here (needs root): " << std::strerror(errno);
  const bool read_only = ::mount(nullptr, path("ro").c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) == 0;
  const std::string e = refusal([&] { check_output_path(path("ro/out.h5"), 0, false); });
  const std::string d = refusal([&] { check_output_directory(path("ro/cmp"), 0); });
  ::umount2(path("ro").c_str(), MNT_DETACH);
  if (!read_only) GTEST_SKIP() << "cannot remount read-only here";
  EXPECT_TRUE(contains(e, "it is on a read-only file system")) << e;
  EXPECT_TRUE(contains(d, "it is on a read-only file system")) << d;
}

TEST_F(OutputCheck, WhatCannotBeWrittenWhereAskedIsSavedBesideItElseInTheTemporaryDirectory) {
  const std::string wanted = path("out.h5");
  std::vector<std::string> tried;
  const std::string saved = save_elsewhere(wanted, [&](const std::string& where) {
    tried.push_back(where);
    if (tried.size() == 1) throw OutputError(where + ": disk full");
    std::ofstream(where) << "results";
  });
  ASSERT_EQ(tried.size(), 2u);
  EXPECT_EQ(tried[0], path("out.unsaved-" + std::to_string(::getpid()) + ".h5"));
  EXPECT_EQ(fs::path(tried[1]).parent_path(), fs::path(fallback_in_temp(wanted)).parent_path());
  EXPECT_EQ(saved, tried[1]);
  EXPECT_EQ(test::slurp(saved), "results");
  fs::remove(saved);
  const std::string e = refusal(
      [&] { save_elsewhere(wanted, [](const std::string& where) { throw OutputError(where + ": no room"); }); });
  EXPECT_TRUE(contains(e, "could not save the results elsewhere either")) << e;
  EXPECT_TRUE(contains(e, fallback_beside(wanted) + ": no room")) << e;
  EXPECT_TRUE(contains(e, fallback_in_temp(wanted) + ": no room")) << e;
}

}  // namespace
}  // namespace kyosei
