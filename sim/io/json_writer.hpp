#pragma once
// A JSON writer just big enough for the CLI's outputs (run summaries, comparisons, validation):
// pretty-printed nested objects of numbers, strings and arrays of numbers, members in the order
// written. Internal to the adapters and the CLI.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kyosei {

inline void append_escaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {  // other control characters
          out += "\\u00";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;  // bytes of UTF-8 sequences pass through unchanged
        }
    }
  }
  out += '"';
}

// Pretty-printed JSON objects: members are written in order, open() and close() nest objects.
class JsonWriter {
public:
  JsonWriter() {
    out_ += '{';
    empty_.push_back(true);
  }

  void open(std::string_view key) {
    member(key);
    out_ += '{';
    empty_.push_back(true);
  }
  void close() {
    const bool was_empty = empty_.back();
    empty_.pop_back();
    if (!was_empty) newline();
    out_ += '}';
  }
  void value(std::string_view key, std::string_view text) {
    member(key);
    append_escaped(out_, text);
  }
  void value(std::string_view key, std::int64_t number) {
    member(key);
    out_ += std::to_string(number);
  }
  void value(std::string_view key, double number) {
    member(key);
    append_number(number);
  }
  void flag(std::string_view key, bool on) {
    member(key);
    out_ += on ? "true" : "false";
  }
  // An array of numbers on one line.
  void values(std::string_view key, std::span<const double> numbers) {
    member(key);
    out_ += '[';
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      if (i > 0) out_ += ", ";
      append_number(numbers[i]);
    }
    out_ += ']';
  }
  std::string finish() && {
    while (!empty_.empty()) close();
    out_ += '\n';
    return std::move(out_);
  }

private:
  // Shortest text that reads back to the same double; JSON has no NaN or infinity.
  void append_number(double number) {
    if (!std::isfinite(number)) {
      out_ += "null";
      return;
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
    out_.append(buffer, result.ptr);
  }
  void member(std::string_view key) {
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
    newline();
    append_escaped(out_, key);
    out_ += ": ";
  }
  void newline() {
    out_ += '\n';
    out_.append(2 * empty_.size(), ' ');  // two spaces per open object
  }

  std::string out_;
  std::vector<bool> empty_;  // per open object: nothing written in it yet
};

}  // namespace kyosei
