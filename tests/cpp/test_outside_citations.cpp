// No parameter source and no file of the code (sim/, include/, python/) cites a document that
// lives outside the repository: a reader must be able to follow every citation (docs/ODD.md,
// docs/model.md, docs/calibration.md hold what those documents said).
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <string_view>

#include "kyosei/model/params.hpp"

namespace kyosei {
namespace {

namespace fs = std::filesystem;

// The design notes the project started from, kept beside the repository, not in it.
constexpr std::array<std::string_view, 4> kOutsideDocuments = {"MODEL.md", "DOMAIN.md", "DESIGN.md", "../shared"};
const std::set<std::string> kCodeExtensions = {".cpp", ".hpp", ".h", ".in", ".py", ".txt", ".cmake"};

TEST(OutsideCitations, NoParameterSourceCitesADocumentOutsideTheRepository) {
  for (const ParamSpec& spec : parameter_table())
    for (std::string_view document : kOutsideDocuments)
      EXPECT_EQ(spec.source.find(document), std::string_view::npos) << spec.path << " cites " << document;
}

TEST(OutsideCitations, NoSourceFileCitesADocumentOutsideTheRepository) {
  int files = 0;
  for (const char* folder : {"sim", "include", "python"}) {
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(fs::path(KYOSEI_SOURCE_DIR) / folder)) {
      // Code and its build files only: generated files (a pip install's egg-info copies the README)
      // are not the code's citations.
      const std::string extension = entry.path().extension().string();
      if (!entry.is_regular_file() || !kCodeExtensions.contains(extension)) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      ++files;
      for (std::string_view document : kOutsideDocuments)
        EXPECT_EQ(text.find(document), std::string::npos) << entry.path() << " cites " << document;
    }
  }
  EXPECT_GT(files, 100);  // the folders were found
}

}  // namespace
}  // namespace kyosei
