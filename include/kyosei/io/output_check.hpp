#pragma once
// Checks before the work: every command that writes checks each of its
// output paths before it simulates anything, so that a typo in a path or a read-only mount costs
// a second, not a night's run; and where writing fails anyway at the end (a full disk, a mount
// gone), what was computed is saved somewhere else rather than thrown away.
#include <string>

namespace kyosei {

// Checks that a file can be written at `path`: it is not a directory, it does not exist unless
// `overwrite`, its directory exists and is writable, the file system accepts a new file there
// (a temporary one is created and removed), and has room for `estimated_bytes` (0: no size
// check). Throws OutputError "path: cannot write the result here: why (what to do)".
void check_output_path(const std::string& path, double estimated_bytes, bool overwrite);

// The same for a directory that a command fills (compare -o, sweep -o): created with its parents
// when missing, then checked like a file's directory, with room for `estimated_bytes`.
void check_output_directory(const std::string& directory, double estimated_bytes);

// Where a result that could not be written at `path` is saved instead: beside it as
// "<stem>.unsaved-<pid>.h5" when that directory takes it, else the same name in the temporary
// directory ($TMPDIR, else /tmp). `write` writes a file at the path it is given and throws on
// failure. Returns the path written; throws OutputError naming every place tried.
template <class Write>
std::string save_elsewhere(const std::string& path, Write&& write);

// The candidate places of save_elsewhere, in order.
std::string fallback_beside(const std::string& path);
std::string fallback_in_temp(const std::string& path);

}  // namespace kyosei

#include "kyosei/engine/errors.hpp"

template <class Write>
std::string kyosei::save_elsewhere(const std::string& path, Write&& write) {
  std::string tried;
  for (const std::string& place : {fallback_beside(path), fallback_in_temp(path)}) {
    try {
      write(place);
      return place;
    } catch (const Error& e) {
      tried += "; " + std::string(e.what());
    }
  }
  throw OutputError("could not save the results elsewhere either" + tried);
}
