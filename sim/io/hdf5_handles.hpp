#pragma once
// The HDF5 C API with ownership and one failure type, for the adapters that read and write HDF5
// files (results, checkpoints): RAII handles that close what they own, HDF5's automatic error
// printing silenced while a file is handled, the innermost HDF5 message for error texts, the
// native type of a C++ value, and writing under a temporary name renamed when complete.
#include <hdf5.h>
#include <unistd.h>  // getpid

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "kyosei/engine/errors.hpp"

namespace kyosei::hdf5 {

// A failed HDF5 call; the adapter's entry point turns it into an OutputError naming the file.
class Failure : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// " (innermost message on HDF5's error stack)", or "" when the stack is empty.
inline std::string error_detail() {
  std::string detail;
  const auto innermost = [](unsigned n, const H5E_error2_t* error, void* data) -> herr_t {
    if (n == 0 && error->desc != nullptr) *static_cast<std::string*>(data) = error->desc;
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &detail);
  return detail.empty() ? std::string() : " (" + detail + ")";
}

// Throws Failure(what + error_detail()) when an HDF5 call returned a negative status.
inline void check(herr_t status, const std::string& what) {
  if (status < 0) throw Failure(what + error_detail());
}

// Turns HDF5's automatic error printing off for its lifetime, then restores the caller's handler.
class QuietErrors {
public:
  QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &function_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, function_, data_); }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

private:
  H5E_auto2_t function_ = nullptr;
  void* data_ = nullptr;
};

// Owns one HDF5 identifier (file, group, dataset, dataspace, type, property list, attribute) and
// closes it with the matching H5?close. Throws Failure(what + error_detail()) when the call that
// made it failed.
class Handle {
public:
  using Closer = herr_t (*)(hid_t);
  Handle(hid_t id, Closer closer, const std::string& what) : id_(id), closer_(closer) {
    if (id_ < 0) throw Failure(what + error_detail());
  }
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle& operator=(Handle&&) = delete;
  // Unchecked: a file whose close must succeed (it flushes) is closed with close().
  ~Handle() {
    if (id_ >= 0) closer_(id_);
  }

  hid_t get() const { return id_; }
  // Closes now and checks the result: closing a file flushes it, which can fail.
  void close(const std::string& what) { check(closer_(std::exchange(id_, H5I_INVALID_HID)), what); }

private:
  hid_t id_;
  Closer closer_;
};

// The HDF5 native type of an arithmetic or enumeration type (enums as their underlying type).
template <class T>
hid_t native_type() {
  if constexpr (std::is_enum_v<T>) {
    return native_type<std::underlying_type_t<T>>();
  } else {
    static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);
    if constexpr (std::is_floating_point_v<T>) {
      static_assert(sizeof(T) == 4 || sizeof(T) == 8);
      if constexpr (sizeof(T) == 4)
        return H5T_NATIVE_FLOAT;
      else
        return H5T_NATIVE_DOUBLE;
    } else {
      constexpr bool s = std::is_signed_v<T>;
      if constexpr (sizeof(T) == 1) return s ? H5T_NATIVE_INT8 : H5T_NATIVE_UINT8;
      if constexpr (sizeof(T) == 2) return s ? H5T_NATIVE_INT16 : H5T_NATIVE_UINT16;
      if constexpr (sizeof(T) == 4) return s ? H5T_NATIVE_INT32 : H5T_NATIVE_UINT32;
      if constexpr (sizeof(T) == 8) return s ? H5T_NATIVE_INT64 : H5T_NATIVE_UINT64;
    }
  }
}

// Variable-length UTF-8 strings: h5py reads them as str.
inline Handle string_type() {
  Handle type{H5Tcopy(H5T_C_S1), H5Tclose, "cannot copy the string type"};
  check(H5Tset_size(type.get(), H5T_VARIABLE), "cannot make a variable-length string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "cannot set the string type to UTF-8");
  return type;
}

// Calls write(temporary) with a temporary name beside `path` (same file system: the rename is
// atomic), then renames it to `path`, so that nothing incomplete ever carries the name. On any
// failure the temporary file is removed and OutputError("cannot write <path>: ...") thrown.
template <class Write>
void write_then_rename(const std::string& path, Write&& write) {
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  const QuietErrors quiet;
  try {
    write(temporary);
    if (std::rename(temporary.c_str(), path.c_str()) != 0)
      throw Failure("cannot rename " + temporary + ": " + std::strerror(errno));
  } catch (const std::exception& e) {
    std::remove(temporary.c_str());
    throw OutputError("cannot write " + path + ": " + e.what());
  }
}

}  // namespace kyosei::hdf5
