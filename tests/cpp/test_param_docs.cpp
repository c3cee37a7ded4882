// Tests of sim/docs/param_docs.cpp: docs/parameters.md is the generated dictionary, unedited.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "kyosei/model/params.hpp"

namespace kyosei {
namespace {

TEST(ParameterDictionary, DocsFileIsUpToDate) {
  std::ifstream in(std::filesystem::path(KYOSEI_SOURCE_DIR) / "docs" / "parameters.md", std::ios::binary);
  const std::string on_disk{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_EQ(on_disk, parameter_dictionary_markdown())
      << "docs/parameters.md differs from the parameter table. Regenerate it, from the source "
         "directory:\n  build/kyosei params --markdown > docs/parameters.md";
}

TEST(ParameterDictionary, ListsEveryParameterOnce) {
  const std::string markdown = parameter_dictionary_markdown();
  for (const ParamSpec& spec : parameter_table()) {
    const std::string row_start = "\n| `" + std::string(spec.path) + "` |";
    const std::size_t first = markdown.find(row_start);
    EXPECT_NE(first, std::string::npos) << spec.path;
    EXPECT_EQ(markdown.find(row_start, first + 1), std::string::npos) << spec.path;
  }
}

}  // namespace
}  // namespace kyosei
