#include "gis/text_encoding.h"

#include <iconv.h>

#include <cpl_conv.h>
#include <cpl_string.h>

#include <algorithm>
#include <cctype>

namespace tuowei::gis {

size_t first_invalid_utf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > n) return i;
    if (len == 2 && c < 0xC2) return i;  // overlong
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return i;
    }
    if (len == 3) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return i;
    }
    if (len == 4) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      if (c > 0xF4 || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view s) { return first_invalid_utf8(s) == std::string_view::npos; }

std::string normalize_encoding(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) key += char(std::toupper(static_cast<unsigned char>(c)));
  }
  if (key.empty() || key == "AUTO") return {};
  if (key == "UTF8") return "UTF-8";
  if (key == "GBK" || key == "CP936" || key == "GB2312" || key == "GB18030" || key == "936") return "GB18030";
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  return upper;
}

bool known_encoding(const std::string& encoding) {
  if (encoding.empty() || encoding == "UTF-8") return true;
  iconv_t cd = iconv_open("UTF-8", encoding.c_str());
  if (cd == iconv_t(-1)) return false;
  iconv_close(cd);
  return true;
}

std::string detect_encoding(const std::vector<std::string>& samples) {
  for (const std::string& s : samples) {
    if (!is_valid_utf8(s)) return "GB18030";
  }
  return "UTF-8";
}

std::string to_utf8(const std::string& s, const std::string& encoding) {
  if (encoding.empty() || encoding == "UTF-8") return s;
  char* out = CPLRecode(s.c_str(), encoding.c_str(), CPL_ENC_UTF8);
  std::string r = out ? out : "";
  CPLFree(out);
  return r;
}

}  // namespace tuowei::gis
