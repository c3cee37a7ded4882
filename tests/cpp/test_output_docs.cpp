// Tests of sim/docs/output_docs.cpp: docs/outputs.md is the generated output dictionary, unedited.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "kyosei/docs/output_docs.hpp"
#include "kyosei/model/output_fields.hpp"

namespace kyosei {
namespace {

TEST(OutputDictionary, DocsFileIsUpToDate) {
  std::ifstream in(std::filesystem::path(KYOSEI_SOURCE_DIR) / "docs" / "outputs.md", std::ios::binary);
  const std::string on_disk{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_EQ(on_disk, output_dictionary_markdown())
      << "docs/outputs.md differs from the field tables. Regenerate it, from the source directory:\n"
         "  build/kyosei outputs --markdown > docs/outputs.md";
}

TEST(OutputDictionary, NamesEveryColumnAndSeries) {
  const std::string md = output_dictionary_markdown();
#define KYOSEI_CHECK(name, type, unit, meaning) EXPECT_NE(md.find("`/episodes/" #name "`"), std::string::npos);
  KYOSEI_EPISODE_COLUMNS(KYOSEI_CHECK)
#undef KYOSEI_CHECK
#define KYOSEI_CHECK(name, type, unit, meaning) EXPECT_NE(md.find("`/solitary_deaths/" #name "`"), std::string::npos);
  KYOSEI_SOLITARY_DEATH_COLUMNS(KYOSEI_CHECK)
#undef KYOSEI_CHECK
#define KYOSEI_CHECK(name, type, unit, meaning) EXPECT_NE(md.find("`/series/" #name "`"), std::string::npos);
  KYOSEI_SERIES(KYOSEI_CHECK)
#undef KYOSEI_CHECK
}

}  // namespace
}  // namespace kyosei
