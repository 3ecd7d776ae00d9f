// Outputs are written under a temporary name beside their final path and
// renamed into place only when complete, so an interrupted run never leaves
// a half-written file behind (and never clobbers the previous result).
//
// A FileSet makes the files of one command a set: while one is open, a
// committed AtomicFile is only staged, and FileSet::commit() moves them all
// into place at the end, the files they replace kept aside until every one
// has moved (and put back if one cannot). A failure before that leaves the
// folder as it was: readers see the old set or the new one, never a mix.
//
// Temporary files are named ".<stem>.tmp<pid>-<n><ext>". Those of processes
// no longer running are removed by the next FileSet in the same folder; a
// process that installs remove_temporaries_on_signal() removes its own on
// SIGINT and SIGTERM.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

namespace tuowei::gis {

class AtomicFile {
 public:
  // Throws Error when `final_path` is a protected input (protect_inputs).
  explicit AtomicFile(std::filesystem::path final_path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Where to write: same folder and extension as the final path.
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& final_path() const { return final_; }
  // Renames the temporary file into place (atomic on one filesystem), or,
  // with a FileSet open, hands it to the set.
  void commit();

 private:
  std::filesystem::path final_, temp_;
  int slot_ = -1;  // where a signal handler finds the temporary (-1: not tracked)
  bool committed_ = false;
};

// The files of one command, moved into place together. Sets nest: an inner
// set joins the outermost open one, whose commit() moves everything.
// Thread-safe (files may be finished on several threads).
class FileSet {
 public:
  // Opens the set (or joins the open one); removes the temporaries that
  // processes no longer running left in `folder`.
  explicit FileSet(const std::filesystem::path& folder);
  ~FileSet();  // the outermost, not committed: removes every staged file
  FileSet(const FileSet&) = delete;
  FileSet& operator=(const FileSet&) = delete;

  // The outermost set moves every staged file into place; inner sets do
  // nothing. Throws Error (after putting back what it replaced) when a file
  // cannot be moved.
  void commit();

  struct State;

 private:
  bool outermost_ = false;
};

// Paths no output may replace (a project's inputs): an AtomicFile for one of
// them throws Error naming it. Replaces the previous list.
void protect_inputs(const std::vector<std::filesystem::path>& inputs);

// Installs SIGINT and SIGTERM handlers that remove this process's
// temporary and staged files, then end the process as the signal would.
void remove_temporaries_on_signal();

// Removes the temporaries of processes no longer running from `folder`;
// returns how many.
int remove_stale_temporaries(const std::filesystem::path& folder);

}  // namespace tuowei::gis
