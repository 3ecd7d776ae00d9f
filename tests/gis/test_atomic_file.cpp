// Outputs appear under their final name only once complete.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "gis/atomic_file.h"
#include "temp_dir.h"
#include "gis/error.h"

namespace fs = std::filesystem;
using tuowei::gis::AtomicFile;
using tuowei::test::TempDir;

namespace {

void write(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

std::string read(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST(AtomicFile, TempPathIsBesideTheFinalPathWithItsExtension) {
  TempDir dir;
  AtomicFile out(dir.file("coverage.gpkg"));
  EXPECT_EQ(out.final_path(), dir.file("coverage.gpkg"));
  EXPECT_EQ(out.temp_path().parent_path(), dir.path());
  EXPECT_EQ(out.temp_path().extension(), ".gpkg");
  EXPECT_NE(out.temp_path(), out.final_path());
  EXPECT_EQ(out.temp_path().filename().string().rfind(".coverage.", 0), 0u) << out.temp_path();
}

TEST(AtomicFile, TwoWritersOfOnePathGetDifferentTempPaths) {
  TempDir dir;
  AtomicFile a(dir.file("out.csv")), b(dir.file("out.csv"));
  EXPECT_NE(a.temp_path(), b.temp_path());
}

TEST(AtomicFile, NotCommittedRemovesTheTempAndLeavesTheFinalUntouched) {
  TempDir dir;
  write(dir.file("report.csv"), "previous run\n");
  fs::path temp;
  {
    AtomicFile out(dir.file("report.csv"));
    temp = out.temp_path();
    write(temp, "half-written");
    ASSERT_TRUE(fs::exists(temp));
  }  // e.g. an exception unwound past the writer
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_EQ(read(dir.file("report.csv")), "previous run\n");
}

TEST(AtomicFile, NotCommittedWithNoPreviousOutputLeavesNothing) {
  TempDir dir;
  {
    AtomicFile out(dir.file("report.csv"));
    write(out.temp_path(), "half-written");
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(AtomicFile, CommitMovesTheTempIntoPlace) {
  TempDir dir;
  fs::path temp;
  {
    AtomicFile out(dir.file("report.csv"));
    temp = out.temp_path();
    write(temp, "complete\n");
    EXPECT_FALSE(fs::exists(dir.file("report.csv")));
    out.commit();
  }
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_EQ(read(dir.file("report.csv")), "complete\n");
}

TEST(AtomicFile, CommitReplacesThePreviousOutput) {
  TempDir dir;
  write(dir.file("report.csv"), "previous run\n");
  {
    AtomicFile out(dir.file("report.csv"));
    write(out.temp_path(), "this run\n");
    out.commit();
  }
  EXPECT_EQ(read(dir.file("report.csv")), "this run\n");
}

TEST(AtomicFile, CommitWithoutATempFileThrowsNamingTheOutput) {
  TempDir dir;
  AtomicFile out(dir.file("report.csv"));
  try {
    out.commit();
    FAIL() << "expected gis::Error";
  } catch (const tuowei::gis::Error& e) {
    EXPECT_NE(std::string(e.what()).find(dir.file("report.csv").string()), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir.file("report.csv")));
}
