#pragma once
// Scalar HDF5 attributes (numbers and UTF-8 text) written and read with hdf5_handles.hpp:
// failures throw hdf5::Failure with the attribute's name.
#include <string>
#include <type_traits>
#include <utility>

#include "hdf5_handles.hpp"

namespace kyosei::hdf5 {

inline void write_attribute(hid_t object, const std::string& name, hid_t type, const void* value) {
  const Handle space{H5Screate(H5S_SCALAR), H5Sclose, "cannot create a scalar dataspace"};
  const Handle attribute{H5Acreate2(object, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                         "cannot create attribute " + name};
  check(H5Awrite(attribute.get(), type, value), "cannot write attribute " + name);
}

inline void set_attribute(hid_t object, const std::string& name, const std::string& text) {
  const Handle type = string_type();
  const char* data = text.c_str();
  write_attribute(object, name, type.get(), &data);
}

template <class T>
requires std::is_arithmetic_v<T>
void set_attribute(hid_t object, const std::string& name, T value) {
  write_attribute(object, name, native_type<T>(), &value);
}

inline bool has_attribute(hid_t object, const std::string& name) { return H5Aexists(object, name.c_str()) > 0; }

// Opens a scalar (or one-element) attribute and returns it with its type class.
inline std::pair<Handle, H5T_class_t> open_scalar_attribute(hid_t object, const std::string& name) {
  Handle attribute{H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, "cannot open attribute " + name};
  const Handle space{H5Aget_space(attribute.get()), H5Sclose, "cannot read the shape of attribute " + name};
  if (H5Sget_simple_extent_npoints(space.get()) != 1) throw Failure("attribute " + name + " is not a single value");
  const Handle type{H5Aget_type(attribute.get()), H5Tclose, "cannot read the type of attribute " + name};
  return {std::move(attribute), H5Tget_class(type.get())};
}

template <class T>
requires std::is_arithmetic_v<T> T number_attribute(hid_t object, const std::string& name) {
  const auto [attribute, type_class] = open_scalar_attribute(object, name);
  if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) throw Failure("attribute " + name + " is not a number");
  T value{};
  check(H5Aread(attribute.get(), native_type<T>(), &value), "cannot read attribute " + name);
  return value;
}

// Variable-length (kyosei, h5py's default) or fixed-length strings.
inline std::string text_attribute(hid_t object, const std::string& name) {
  const auto [attribute, type_class] = open_scalar_attribute(object, name);
  if (type_class != H5T_STRING) throw Failure("attribute " + name + " is not text");
  const Handle file_type{H5Aget_type(attribute.get()), H5Tclose, "cannot read the type of attribute " + name};
  const Handle memory_type{H5Tcopy(H5T_C_S1), H5Tclose, "cannot copy the string type"};
  H5Tset_cset(memory_type.get(), H5Tget_cset(file_type.get()));
  if (H5Tis_variable_str(file_type.get()) > 0) {
    H5Tset_size(memory_type.get(), H5T_VARIABLE);
    char* data = nullptr;
    check(H5Aread(attribute.get(), memory_type.get(), &data), "cannot read attribute " + name);
    std::string text = data != nullptr ? data : "";
    H5free_memory(data);
    return text;
  }
  const std::size_t size = H5Tget_size(file_type.get());
  if (size == 0 || size > (std::size_t{1} << 30)) throw Failure("attribute " + name + " has an odd size");
  H5Tset_size(memory_type.get(), size + 1);  // room for the terminator whatever the padding
  std::string buffer(size + 1, '\0');
  check(H5Aread(attribute.get(), memory_type.get(), buffer.data()), "cannot read attribute " + name);
  return buffer.substr(0, buffer.find('\0'));
}

}  // namespace kyosei::hdf5
