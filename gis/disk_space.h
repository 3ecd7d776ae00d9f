// A full disk said as such: writers fail with their own words (SQLite's
// "database or disk is full", GDAL's "Write error", "No space left on
// device"); front ends add this note naming the disk and its free space.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "gis/text.h"

namespace tuowei::gis {

// Bytes free to this user on the file system holding `path` (or its
// nearest existing parent); none when it cannot be asked.
std::optional<std::uint64_t> free_bytes(const std::filesystem::path& path);

// When a write under `folder` has failed and the disk holding it is (nearly)
// full (less than `low` bytes free, or the failure's words say so): what to
// do. None otherwise.
std::optional<Text> full_disk_note(const std::filesystem::path& folder, const std::string& failure,
                                   std::uint64_t low = 64ull << 20);

}  // namespace tuowei::gis
