// Outputs are written under a temporary name beside their final path and
// renamed into place only when complete, so an interrupted run never leaves
// a half-written file behind (and never clobbers the previous result).
#pragma once

#include <filesystem>

namespace tuowei::gis {

class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path final_path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Where to write: same folder and extension as the final path.
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& final_path() const { return final_; }
  // Renames the temporary file into place (atomic on one filesystem).
  void commit();

 private:
  std::filesystem::path final_, temp_;
  bool committed_ = false;
};

}  // namespace tuowei::gis
