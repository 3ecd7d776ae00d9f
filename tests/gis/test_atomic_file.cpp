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

// The files of one command as a set.
using tuowei::gis::FileSet;

namespace {

size_t entries(const fs::path& dir) { return size_t(std::distance(fs::directory_iterator(dir), {})); }

}  // namespace

TEST(FileSet, NothingMovesUntilTheSetCommits) {
  TempDir d("fileset-commit");
  write(d.path() / "a.csv", "old a");
  write(d.path() / "b.json", "old b");
  FileSet set(d.path());
  for (const char* name : {"a.csv", "b.json", "c.txt"}) {
    AtomicFile f(d.path() / name);
    write(f.temp_path(), std::string("new ") + name);
    f.commit();
  }
  EXPECT_EQ(read(d.path() / "a.csv"), "old a");  // staged, not yet in place
  EXPECT_FALSE(fs::exists(d.path() / "c.txt"));
  set.commit();
  EXPECT_EQ(read(d.path() / "a.csv"), "new a.csv");
  EXPECT_EQ(read(d.path() / "b.json"), "new b.json");
  EXPECT_EQ(read(d.path() / "c.txt"), "new c.txt");
  EXPECT_EQ(entries(d.path()), 3u) << "no temporary or kept-aside file is left";
}

TEST(FileSet, AFailureBeforeTheCommitLeavesTheOldSetByteForByte) {
  TempDir d("fileset-fail");
  write(d.path() / "a.csv", "old a");
  write(d.path() / "summary.json", "old summary");
  try {
    FileSet set(d.path());
    {
      AtomicFile f(d.path() / "a.csv");
      write(f.temp_path(), "new a");
      f.commit();
    }
    AtomicFile s(d.path() / "summary.json");
    write(s.temp_path(), "half");
    throw std::runtime_error("failed while writing summary.json");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(read(d.path() / "a.csv"), "old a");
  EXPECT_EQ(read(d.path() / "summary.json"), "old summary");
  EXPECT_EQ(entries(d.path()), 2u);
}

TEST(FileSet, AFileThatCannotMovePutsBackWhatTheOthersReplaced) {
  TempDir d("fileset-rollback");
  write(d.path() / "a.csv", "old a");
  fs::create_directories(d.path() / "b.json" / "in-the-way");  // a non-empty folder where a file must go
  FileSet set(d.path());
  for (const char* name : {"a.csv", "b.json"}) {
    AtomicFile f(d.path() / name);
    write(f.temp_path(), "new");
    f.commit();
  }
  try {
    set.commit();
    FAIL() << "moving b.json over a folder must fail";
  } catch (const tuowei::gis::Error& e) {
    EXPECT_NE(std::string(e.what()).find("b.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("keeps the previous results"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read(d.path() / "a.csv"), "old a");
  EXPECT_TRUE(fs::is_directory(d.path() / "b.json"));
  EXPECT_EQ(entries(d.path()), 2u);
}

TEST(FileSet, InnerSetsJoinTheOutermost) {
  TempDir d("fileset-nested");
  FileSet outer(d.path());
  {
    FileSet inner(d.path());
    AtomicFile f(d.path() / "a.csv");
    write(f.temp_path(), "a");
    f.commit();
    inner.commit();  // joins: nothing moves yet
  }
  EXPECT_FALSE(fs::exists(d.path() / "a.csv"));
  outer.commit();
  EXPECT_EQ(read(d.path() / "a.csv"), "a");
}

TEST(FileSet, TemporariesOfProcessesNoLongerRunningAreRemoved) {
  TempDir d("fileset-stale");
  // A process id no process has (beyond the kernel's maximum).
  write(d.path() / ".tuowei.tmp99999999-0.gpkg", "left by a killed run");
  write(d.path() / ".summary.old99999999-3.json", "kept aside by a killed run");
  const std::string mine = ".tuowei.tmp" + std::to_string(::getpid()) + "-7.gpkg";
  write(d.path() / mine, "this process's own");
  write(d.path() / "notes.tmp1-2.txt", "not a temporary name (no leading dot)");
  FileSet set(d.path());
  EXPECT_FALSE(fs::exists(d.path() / ".tuowei.tmp99999999-0.gpkg"));
  EXPECT_FALSE(fs::exists(d.path() / ".summary.old99999999-3.json"));
  EXPECT_TRUE(fs::exists(d.path() / mine));
  EXPECT_TRUE(fs::exists(d.path() / "notes.tmp1-2.txt"));
}

TEST(FileSet, AnInputIsNeverReplaced) {
  TempDir d("fileset-input");
  write(d.path() / "tuowei.gpkg", "the planner's own boundaries");
  tuowei::gis::protect_inputs({d.path() / "tuowei.gpkg"});
  try {
    AtomicFile f(d.path() / "." / "tuowei.gpkg");
    FAIL();
  } catch (const tuowei::gis::Error& e) {
    EXPECT_NE(std::string(e.what()).find("inputs"), std::string::npos) << e.what();
  }
  tuowei::gis::protect_inputs({});
  EXPECT_EQ(read(d.path() / "tuowei.gpkg"), "the planner's own boundaries");
}
