// Checks before the work and saving elsewhere (output_check.hpp).
#include "kyosei/io/output_check.hpp"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "kyosei/engine/errors.hpp"
#include "kyosei/run/resource_guard.hpp"

namespace kyosei {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
  throw OutputError(path + ": cannot write here: " + why);
}

// The directory a file would be created in ("." for a bare name).
fs::path directory_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

std::string reason(int error) {
  if (error == EROFS) return "it is on a read-only file system";
  if (error == EACCES || error == EPERM) return "you may not write in it (" + std::string(std::strerror(error)) + ")";
  return std::strerror(error);
}

// The directory `directory` exists, is writable, takes a new file and has room for `bytes`;
// `path` is what the messages name.
void check_directory(const std::string& path, const fs::path& directory, double bytes) {
  std::error_code ec;
  const fs::file_status status = fs::status(directory, ec);
  if (!fs::exists(status)) {
    fs::path missing = directory;  // name the first missing level, which is the one to create
    while (missing.has_parent_path() && !missing.parent_path().empty() && !fs::exists(missing.parent_path(), ec))
      missing = missing.parent_path();
    refuse(path, "the directory " + missing.string() + " does not exist (create it first, or choose another path)");
  }
  if (!fs::is_directory(status)) refuse(path, directory.string() + " is not a directory");
  if (::access(directory.c_str(), W_OK) != 0)
    refuse(path, "the directory " + directory.string() + ": " + reason(errno) + " (choose another path)");
  // The file system itself may still refuse (root on a read-only export, quotas): try it.
  const fs::path probe = directory / (".kyosei-write-check-" + std::to_string(::getpid()));
  const int fd = ::open(probe.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    refuse(path, "cannot create a file in " + directory.string() + ": " + reason(errno) + " (choose another path)");
  ::close(fd);
  ::unlink(probe.c_str());
  struct statvfs fs_info {};
  if (bytes > 0 && ::statvfs(directory.c_str(), &fs_info) == 0) {
    const double room = static_cast<double>(fs_info.f_bavail) * static_cast<double>(fs_info.f_frsize);
    if (room < bytes)
      refuse(path, "the result may need up to " + format_bytes(bytes) + " and " + directory.string() + " has " +
                       format_bytes(room) + " free (free some space, or choose another path)");
  }
}

std::string unsaved_name(const std::string& path) {
  fs::path name = fs::path(path).filename();
  if (name.extension() == ".h5") name.replace_extension();
  return name.string() + ".unsaved-" + std::to_string(::getpid()) + ".h5";
}

}  // namespace

void check_output_path(const std::string& path, double estimated_bytes, bool overwrite) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (fs::is_directory(status))
    refuse(path, "it is a directory (give a file name, e.g. " + (fs::path(path) / "result.h5").string() + ")");
  if (fs::exists(status) && !overwrite) throw OutputError(path + ": exists; use --force to overwrite");
  check_directory(path, directory_of(path), estimated_bytes);
}

void check_output_directory(const std::string& directory, double estimated_bytes) {
  std::error_code ec;
  if (fs::exists(directory, ec) && !fs::is_directory(directory, ec))
    refuse(directory, "it exists and is not a directory (choose another name)");
  // Its parents are created as a run's results would be; the first one that cannot be is named.
  fs::path made;
  for (const fs::path& part : fs::path(directory)) {
    made /= part;
    if (fs::exists(made, ec)) continue;
    if (!fs::create_directory(made, ec) && ec)
      refuse(directory,
             "cannot create the directory " + made.string() + ": " + reason(ec.value()) + " (choose another path)");
  }
  check_directory(directory, directory, estimated_bytes);
}

std::string fallback_beside(const std::string& path) { return (directory_of(path) / unsaved_name(path)).string(); }

std::string fallback_in_temp(const std::string& path) {
  const char* tmpdir = std::getenv("TMPDIR");
  const fs::path temporary = tmpdir != nullptr && *tmpdir != '\0' ? fs::path(tmpdir) : fs::path("/tmp");
  return (temporary / unsaved_name(path)).string();
}

}  // namespace kyosei
