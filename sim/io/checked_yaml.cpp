// Reading YAML that people write by hand (checked_yaml.hpp): the same refusals for scenario,
// sweep and region files. A file is checked in two passes before any tree is built:
//   1. the bytes: control characters and broken UTF-8 (yaml-cpp would read them as text);
//   2. yaml-cpp's event stream: aliases, nesting deeper than kMaxDepth, a second document.
#include "checked_yaml.hpp"

#include <yaml-cpp/eventhandler.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

#include "kyosei/engine/errors.hpp"

namespace kyosei {

Where where(const YAML::Mark& mark) {
  if (mark.is_null()) return {1, 1};
  return {mark.line + 1, mark.column + 1};  // yaml-cpp counts from 0
}

void fail(const std::string& file, Where at, const std::string& key, const std::string& problem) {
  throw ScenarioError(file, at.line, at.column, key, problem);
}

Where where(const YAML::Node& node) { return where(node.Mark()); }

std::string read_text_file(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored))
    fail(path, {}, "", "cannot open file: " + std::make_error_code(std::errc::is_a_directory).message());
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, {}, "", "cannot open file: " + std::generic_category().message(errno));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) fail(path, {}, "", "cannot read file: " + std::generic_category().message(errno));
  return text;
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a sequence";
    case YAML::NodeType::Scalar: return "the value '" + node.Scalar() + "'";
    default: return "an empty value";
  }
}

namespace {

constexpr int kMaxDepth = 32;  // nested mappings and sequences; real files need 3 or 4

// The length of the UTF-8 sequence that `lead` starts, or 0 if no valid sequence starts with it
// (continuation bytes, overlong two-byte leads, leads beyond U+10FFFF).
std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool is_utf8_sequence(std::string_view text, std::size_t start, std::size_t length) {
  if (length == 0 || start + length > text.size()) return false;
  for (std::size_t k = 1; k < length; ++k)
    if ((static_cast<unsigned char>(text[start + k]) & 0xC0) != 0x80) return false;
  return true;
}

bool is_control(unsigned char byte) {
  return (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F;
}

std::string hex_byte(unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02x", byte);
  return buffer;
}

// yaml-cpp accepts control characters and broken UTF-8 inside scalars; a scenario is text, so
// binary content (a wrong or corrupt file) is refused here, at the first offending byte. Tabs in
// indentation are refused too: YAML forbids them, but yaml-cpp reports them in words that depend
// on where they are ("illegal map value", ...), and editors insert them unseen.
void check_text(std::string_view text, const std::string& file) {
  Where at{1, 1};
  bool in_indentation = true;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_length(byte);
    if (!is_utf8_sequence(text, i, length))
      fail(file, at, "", "invalid UTF-8 byte " + hex_byte(byte) + " (expected UTF-8 text)");
    if (is_control(byte)) fail(file, at, "", "control character " + hex_byte(byte) + " (expected UTF-8 text)");
    if (byte == '\t' && in_indentation) fail(file, at, "", "tab character in indentation (expected spaces)");
    in_indentation = byte == '\n' || (in_indentation && byte == ' ');
    at = byte == '\n' ? Where{at.line + 1, 1} : Where{at.line, at.column + 1};
    i += length;
  }
}

// Refuses, before any tree is built, what the tree walk must never meet. An alias turns the tree
// into a graph that a walk visits exponentially often (an "alias bomb"), and nothing in a
// scenario needs one, so aliases are refused outright. The depth limit keeps both yaml-cpp's
// recursive parser and the walk below shallow.
class Prescan final : public YAML::EventHandler {
public:
  Prescan(const std::string& file, std::string_view kind, std::string_view contents)
      : file_(file), kind_(kind), contents_(contents) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1)
      fail(file_, where(mark), "",
           "a second YAML document (expected a single mapping of " + std::string(contents_) + ")");
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    fail(file_, where(mark), "",
         "aliases are not allowed in " + std::string(kind_) + " files (expected every value written out)");
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    enter(mark);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    enter(mark);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapEnd() override { --depth_; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}

private:
  void enter(const YAML::Mark& mark) {
    if (++depth_ > kMaxDepth)
      fail(file_, where(mark), "",
           "nesting deeper than " + std::to_string(kMaxDepth) + " levels (expected at most " +
               std::to_string(kMaxDepth) + ")");
  }

  const std::string& file_;
  std::string_view kind_, contents_;
  int documents_ = 0;
  int depth_ = 0;
};

}  // namespace

// YAML syntax errors keep yaml-cpp's message and position.
YAML::Node parse_checked_yaml(std::string_view text, const std::string& file, std::string_view kind,
                              std::string_view contents) {
  check_text(text, file);
  const std::string owned(text);
  try {
    std::istringstream stream(owned);
    YAML::Parser parser(stream);
    Prescan prescan(file, kind, contents);
    while (parser.HandleNextDocument(prescan)) {}  // Prescan throws at the first problem
    return YAML::Load(owned);
  } catch (const YAML::Exception& e) {
    fail(file, where(e.mark), "", e.msg);
  }
}

}  // namespace kyosei
