// Text decoding on any bytes: the lines as samples for detection, then
// every line decoded with what was detected (and as GBK and GB18030): the
// result is UTF-8 or a gis::Error, and the UTF-8 checks agree.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "gis/text_encoding.h"

using namespace tuowei;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const size_t bad = gis::first_invalid_utf8(bytes);
  fuzz::check(gis::is_valid_utf8(bytes) == (bad == std::string::npos || bad >= bytes.size()),
              "is_valid_utf8 and first_invalid_utf8 disagree");
  if (!gis::is_valid_utf8(bytes)) fuzz::check(gis::is_valid_utf8(bytes.substr(0, bad)), "the prefix before the bad byte is not UTF-8");
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t i = 0; i <= bytes.size(); ++i) {
    if (i == bytes.size() || bytes[i] == '\n') {
      lines.push_back(bytes.substr(start, i - start));
      start = i + 1;
    }
  }
  fuzz::refusal_allowed([&] {
    const std::string detected = gis::detect_encoding(lines);
    fuzz::check(gis::known_encoding(detected), "detect_encoding gave an unknown encoding: " + detected);
    for (const std::string& encoding : {detected, std::string("GBK"), std::string("GB18030"), std::string("UTF-8")}) {
      for (const std::string& line : lines) {
        try {
          const std::string out = gis::to_utf8(line, encoding);
          // UTF-8 is passed through as it is (the readers check it, naming
          // the record); every other encoding must come out as UTF-8.
          if (encoding != "UTF-8") {
            fuzz::check(gis::is_valid_utf8(out), "to_utf8(" + encoding + ") gave text that is not UTF-8");
          }
        } catch (const gis::Error&) {
          // a line that is not text in that encoding: said, not crashed on
        }
      }
    }
  });
  fuzz::refusal_allowed([&] { (void)gis::normalize_encoding(bytes); });
  return 0;
}
