#include "gis/atomic_file.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>

#include "gis/error.h"

namespace fs = std::filesystem;

namespace tuowei::gis {

AtomicFile::AtomicFile(fs::path final_path) : final_(std::move(final_path)) {
  static std::atomic<int> counter{0};
  // Keep the extension last: drivers such as GPKG choose behaviour by it.
  temp_ = final_.parent_path() / fmt::format(".{}.tmp{}-{}{}", final_.stem().string(), ::getpid(),
                                             counter++, final_.extension().string());
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ec;
    fs::remove(temp_, ec);
  }
}

void AtomicFile::commit() {
  std::error_code ec;
  fs::rename(temp_, final_, ec);
  if (ec) {
    throw Error(fmt::format("{}: cannot move the finished output into place ({}); check that the folder is "
                            "writable",
                            final_.string(), ec.message()));
  }
  committed_ = true;
}

}  // namespace tuowei::gis
