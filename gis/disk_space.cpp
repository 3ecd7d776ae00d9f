#include "gis/disk_space.h"

#include <sys/statvfs.h>

#include <system_error>

namespace tuowei::gis {

namespace fs = std::filesystem;

std::optional<std::uint64_t> free_bytes(const fs::path& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  if (ec) return std::nullopt;
  while (!p.empty() && !fs::exists(p, ec)) {
    if (p == p.parent_path()) break;
    p = p.parent_path();
  }
  struct statvfs s{};
  if (::statvfs(p.c_str(), &s) != 0) return std::nullopt;
  return std::uint64_t(s.f_bavail) * std::uint64_t(s.f_frsize);
}

std::optional<Text> full_disk_note(const fs::path& folder, const std::string& failure, std::uint64_t low) {
  const std::optional<std::uint64_t> free = free_bytes(folder);
  const bool said = failure.find("disk is full") != std::string::npos ||
                    failure.find("No space left") != std::string::npos ||
                    failure.find("Free disk space") != std::string::npos ||
                    failure.find("disk full") != std::string::npos;
  if (!said && (!free || *free >= low)) return std::nullopt;
  const double mb = free ? double(*free) / (1024.0 * 1024.0) : 0.0;
  return say("the disk holding {} is full ({:.1f} MB free); nothing in the folder was replaced: free some space "
             "or write the results elsewhere (--out)",
             folder.string(), mb);
}

}  // namespace tuowei::gis
