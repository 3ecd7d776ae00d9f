#include "gis/text.h"

#include <atomic>
#include <cstdlib>

namespace tuowei::gis {

namespace words {
namespace {
std::atomic<Lang> current{Lang::en};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
}  // namespace

Lang language() { return current.load(std::memory_order_relaxed); }
void set_language(Lang lang) { current.store(lang, std::memory_order_relaxed); }

std::optional<Lang> language_named(std::string_view name) {
  if (name == "zh" || starts_with(name, "zh_") || starts_with(name, "zh-") || starts_with(name, "zh.") ||
      name == "中文" || name == "chinese" || name == "Chinese")
    return Lang::zh;
  if (name == "en" || starts_with(name, "en_") || starts_with(name, "en-") || starts_with(name, "en.") ||
      name == "English" || name == "english" || name == "C" || name == "POSIX" || starts_with(name, "C."))
    return Lang::en;
  return std::nullopt;
}

Lang language_of_locale() {
  // GNU's LANGUAGE is a priority list ("zh_CN:en") and wins when set.
  if (const char* l = std::getenv("LANGUAGE"); l && *l) {
    std::string_view list(l);
    const std::string_view first = list.substr(0, list.find(':'));
    if (auto lang = language_named(first)) return *lang;
  }
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (!v || !*v) continue;
    return language_named(v).value_or(Lang::en);
  }
  return Lang::en;
}

}  // namespace words

Catalogue::Catalogue(std::initializer_list<Range> ranges, const Catalogue* next) : next_(next) {
  for (const Range& r : ranges) {
    for (const Entry* e = r.begin; e != r.end; ++e) map_.emplace(e->en, e->zh);
  }
}

std::optional<std::string_view> Catalogue::zh(std::string_view en) const {
  if (auto it = map_.find(en); it != map_.end()) return it->second;
  return next_ ? next_->zh(en) : std::nullopt;
}

namespace detail {
std::string format_zh(std::string_view, std::string_view zh, fmt::format_args args, const std::string& fallback) {
  try {
    return fmt::vformat(zh, args);
  } catch (const fmt::format_error&) {
    // A catalogue entry whose placeholders do not match its English: the
    // completeness test catches it; a user still gets the English.
    return fallback;
  }
}
}  // namespace detail

}  // namespace tuowei::gis
