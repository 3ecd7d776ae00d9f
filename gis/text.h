// Words for the person at the screen, in English and in Chinese.
//
// A message is written once, in English, as a fmt format string given to
// say(); the Chinese is looked up in a catalogue keyed by that English
// string (gettext's idea, without its run-time locale machinery). A Text
// carries both renderings, so a list of warnings made in one language can be
// shown in the other when the map's language switch is used.
//
// Text is never made implicitly from a std::string: a message is a say(), a
// name or path that reads the same in every language is as_is(...). The
// compiler so keeps untranslated English out of errors and warnings, and
// tests/planner/test_messages.cpp checks that every say() has its Chinese.
#pragma once

#include <fmt/format.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace tuowei::gis {

// Text and Lang live in their own namespace so that argument-dependent
// lookup does not bring gis::say() beside planner::say() when a Text is an
// argument.
namespace words {

enum class Lang { en, zh };

// The language messages are shown in: set once by a front end (the CLI's
// --lang or the locale, the map's language switch); English until then.
Lang language();
void set_language(Lang lang);
// "zh", "zh_CN", "zh-Hans", "中文" -> zh; "en", "en_US" -> en; anything else: none.
std::optional<Lang> language_named(std::string_view name);
// The POSIX locale's language (LC_ALL, then LC_MESSAGES, then LANG; GNU
// LANGUAGE first when set): zh for a Chinese locale, else en.
Lang language_of_locale();

class Text {
 public:
  Text() = default;
  Text(std::string en, std::string zh) : en_(std::move(en)), zh_(std::move(zh)) {}

  const std::string& in(Lang lang) const { return lang == Lang::zh ? zh_ : en_; }
  const std::string& en() const { return en_; }
  const std::string& zh() const { return zh_; }
  // In the current language().
  const std::string& str() const { return in(language()); }
  bool empty() const { return en_.empty() && zh_.empty(); }

  Text& operator+=(const Text& other) {
    en_ += other.en_;
    zh_ += other.zh_;
    return *this;
  }
  friend Text operator+(Text a, const Text& b) { return a += b; }
  friend bool operator==(const Text& a, const Text& b) { return a.en_ == b.en_ && a.zh_ == b.zh_; }

 private:
  std::string en_, zh_;
};

}  // namespace words
using words::Lang;
using words::language;
using words::language_named;
using words::language_of_locale;
using words::set_language;
using words::Text;

// Words that read the same in every language: a path, a name, a number, a
// message from GDAL or the operating system.
inline Text as_is(std::string s) { return Text(s, s); }

// English format string -> Chinese format string. The Chinese takes the same
// arguments in the same order ({} for {}, {:.1f} for {:.1f}).
class Catalogue {
 public:
  struct Entry {
    const char* en;
    const char* zh;
  };
  // `next` is asked when this catalogue has no entry (planner's catalogue
  // falls back to gis's).
  struct Range {
    const Entry* begin;
    const Entry* end;
  };
  Catalogue(std::initializer_list<Range> ranges, const Catalogue* next = nullptr);
  // The Chinese for `en`, or none.
  std::optional<std::string_view> zh(std::string_view en) const;
  // Every entry of this catalogue (not of `next`): for the completeness test.
  const std::unordered_map<std::string_view, std::string_view>& entries() const { return map_; }

 private:
  std::unordered_map<std::string_view, std::string_view> map_;
  const Catalogue* next_;
};

// gis/'s own messages.
const Catalogue& catalogue();

namespace detail {
template <class T>
const T& shown(const T& v, Lang) {
  return v;
}
inline const std::string& shown(const Text& t, Lang lang) { return t.in(lang); }
template <class T>
using shown_t = std::conditional_t<std::is_same_v<std::decay_t<T>, Text>, const std::string&, const T&>;
std::string format_zh(std::string_view en, std::string_view zh, fmt::format_args args, const std::string& fallback);
}  // namespace detail

// The message `en` formatted with `args` in English and, from `book`, in
// Chinese. A Text argument is shown in the message's own language.
template <class... A>
Text say_from(const Catalogue& book, fmt::format_string<detail::shown_t<A>...> en, const A&... args) {
  std::string english = fmt::format(en, detail::shown(args, Lang::en)...);
  const fmt::string_view format = en;
  const std::string_view key(format.data(), format.size());
  const std::optional<std::string_view> zh = book.zh(key);
  if (!zh) return Text(english, english);
  std::string chinese = detail::format_zh(key, *zh, fmt::make_format_args(detail::shown(args, Lang::zh)...), english);
  return Text(std::move(english), std::move(chinese));
}

// A gis/ message (gis/messages_zh.cpp holds its Chinese).
template <class... A>
Text say(fmt::format_string<detail::shown_t<A>...> en, const A&... args) {
  return say_from(catalogue(), en, args...);
}

}  // namespace tuowei::gis
