// Text from Chinese GIS files: UTF-8, or GBK/GB18030 with nothing saying so.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tuowei::gis {

bool is_valid_utf8(std::string_view s);
// The byte offset of the first byte that is not valid UTF-8 (npos: none).
size_t first_invalid_utf8(std::string_view s);

// Canonical name for an encoding a user may write: "UTF-8", "GB18030"
// (for gbk, cp936, gb2312, gb18030) or the name itself upper-cased; ""
// for "auto" or "".
std::string normalize_encoding(std::string_view name);

// Picks UTF-8 when every sample is valid UTF-8, GB18030 otherwise (a
// superset of GBK and GB2312, the usual encodings of Chinese .dbf and .csv
// files written without a declared code page).
// Whether text in `encoding` (as normalize_encoding returns it; "" = auto)
// can be decoded here.
bool known_encoding(const std::string& encoding);

std::string detect_encoding(const std::vector<std::string>& samples);

// Converts `s` from `encoding` to UTF-8 (a copy when it is UTF-8 already).
std::string to_utf8(const std::string& s, const std::string& encoding);

}  // namespace tuowei::gis
