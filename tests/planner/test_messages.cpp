// Every message has its Chinese: the sources are read for say("...") and
// each English format string must be in the catalogue of its part of the
// tree, with the same placeholders; no catalogue entry is left unused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "gis/error.h"
#include "planner/lang/catalogue.h"
#include "planner/problems.h"
#include "planner/say.h"

namespace fs = std::filesystem;
using namespace tuowei;

namespace {

struct Use {
  std::string key;
  std::string where;  // file:line
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Reads one C++ string literal at s[i] == '"', unescaping \" \\ \n \t; i
// ends after the closing quote.
std::string literal(const std::string& s, std::size_t& i) {
  std::string out;
  ++i;
  while (i < s.size() && s[i] != '"') {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char c = s[i + 1];
      out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      i += 2;
    } else {
      out += s[i++];
    }
  }
  ++i;
  return out;
}

// Every say("..." "...", ...) of one file: the literals joined as the
// compiler joins them.
std::vector<Use> uses_in(const fs::path& file) {
  const std::string s = read(file);
  std::vector<Use> out;
  for (std::size_t at = s.find("say("); at != std::string::npos; at = s.find("say(", at + 4)) {
    if (at > 0) {
      const char before = s[at - 1];
      if (std::isalnum(static_cast<unsigned char>(before)) || before == '_') continue;
    }
    const std::size_t line_start = s.rfind('\n', at) == std::string::npos ? 0 : s.rfind('\n', at) + 1;
    if (s.substr(line_start, at - line_start).find("//") != std::string::npos) continue;  // a comment
    std::size_t i = at + 4;
    std::string key;
    bool any = false;
    for (;;) {
      while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
      if (i < s.size() && s[i] == '"') {
        key += literal(s, i);
        any = true;
      } else {
        break;
      }
    }
    if (!any) continue;  // the definitions: say(fmt::format_string...
    const auto line = 1 + std::count(s.begin(), s.begin() + std::ptrdiff_t(at), '\n');
    out.push_back({key, fmt::format("{}:{}", file.string(), line)});
  }
  return out;
}

std::vector<Use> uses_under(const fs::path& dir) {
  std::vector<Use> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const auto ext = e.path().extension();
    if (ext != ".cpp" && ext != ".h") continue;
    const std::string name = e.path().string();
    if (name.find("/lang/") != std::string::npos || e.path().filename() == "messages_zh.cpp") continue;
    for (Use& u : uses_in(e.path())) out.push_back(std::move(u));
  }
  return out;
}

// The placeholders of a format string in order: "{}", "{:.1f}"...
std::vector<std::string> placeholders(const std::string& f) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] == '{') {
      if (i + 1 < f.size() && f[i + 1] == '{') {
        ++i;
        continue;
      }
      const std::size_t end = f.find('}', i);
      out.push_back(f.substr(i, end - i + 1));
      i = end;
    } else if (f[i] == '}' && i + 1 < f.size() && f[i + 1] == '}') {
      ++i;
    }
  }
  return out;
}

bool has_han(const std::string& s) {
  // U+3000..U+9FFF and the full-width forms start with bytes E3..E9 / EF.
  for (unsigned char c : s) {
    if (c >= 0xE3 && c <= 0xE9) return true;
  }
  return false;
}

// English words outside placeholders and the identifiers a message quotes
// ([section] keys, names_with_underscores, --options).
bool has_words(const std::string& s) {
  std::string bare = std::regex_replace(s, std::regex(R"(\{[^}]*\}|\[[^\]]*\]|--[a-z-]+)"), " ");
  bare = std::regex_replace(bare, std::regex(R"([A-Za-z0-9.]*_[A-Za-z0-9_.]*)"), " ");
  return std::regex_search(bare, std::regex("[A-Za-z]{2,}"));
}

void check_catalogue(const gis::Catalogue& book, const std::vector<Use>& uses, const gis::Catalogue* also,
                     const std::string& part) {
  std::set<std::string> used;
  int missing = 0;
  for (const Use& u : uses) {
    used.insert(u.key);
    if (book.entries().count(u.key) || (also && also->entries().count(u.key))) continue;
    ADD_FAILURE() << u.where << ": no Chinese for say(\"" << u.key << "\") in " << part;
    if (++missing > 40) return;
  }
  for (const auto& [en, zh] : book.entries()) {
    const std::string e(en), z(zh);
    EXPECT_TRUE(used.count(e)) << part << ": the entry \"" << e << "\" is said nowhere; remove it";
    EXPECT_EQ(placeholders(e), placeholders(z)) << part << ": \"" << e << "\" -> \"" << z << "\"";
    if (has_words(e)) EXPECT_TRUE(has_han(z)) << part << ": \"" << e << "\" has no Chinese: \"" << z << "\"";
  }
}

}  // namespace

TEST(Messages, EveryGisMessageHasItsChinese) {
  const auto uses = uses_under(fs::path(TUOWEI_SOURCE_DIR) / "gis");
  ASSERT_GT(uses.size(), 0u);
  check_catalogue(gis::catalogue(), uses, nullptr, "gis/messages_zh.cpp");
}

TEST(Messages, EveryPlannerMessageHasItsChinese) {
  const auto uses = uses_under(fs::path(TUOWEI_SOURCE_DIR) / "planner");
  ASSERT_GT(uses.size(), 0u);
  check_catalogue(planner::catalogue(), uses, &gis::catalogue(), "planner/lang/");
}

TEST(Messages, AMessageInTwoCataloguesHasOneChinese) {
  // planner/lang's files are merged (the first entry wins) and fall back to
  // gis's: the same English must not read two ways.
  std::map<std::string, std::pair<std::string, std::string>> seen;  // en -> (zh, file)
  const std::vector<std::pair<std::string, gis::Catalogue::Range>> parts = {
      {"zh_inputs", planner::lang::zh_inputs()},     {"zh_analysis", planner::lang::zh_analysis()},
      {"zh_siting", planner::lang::zh_siting()},     {"zh_outputs", planner::lang::zh_outputs()},
      {"zh_cli", planner::lang::zh_cli()}};
  for (const auto& [name, range] : parts) {
    for (const gis::Catalogue::Entry* e = range.begin; e != range.end; ++e) {
      auto [it, fresh] = seen.emplace(e->en, std::make_pair(std::string(e->zh), name));
      if (!fresh) {
        EXPECT_EQ(it->second.first, e->zh) << "\"" << e->en << "\" in " << it->second.second << " and " << name;
      }
    }
  }
  for (const auto& [en, zh] : gis::catalogue().entries()) {
    if (auto it = seen.find(std::string(en)); it != seen.end()) {
      EXPECT_EQ(it->second.first, std::string(zh)) << "\"" << en << "\" in gis/messages_zh.cpp and " << it->second.second;
    }
  }
}

TEST(Messages, TheScannerJoinsLiteralsAndUnescapes) {
  const fs::path dir = fs::temp_directory_path() / "tuowei_messages_scan";
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "a.cpp");
    out << "x = say(\"one \"\n      \"\\\"two\\\" {}\", n);\nessay(\"no\"); say(fmt::format_string<A> f);\n";
  }
  const auto uses = uses_in(dir / "a.cpp");
  fs::remove_all(dir);
  ASSERT_EQ(uses.size(), 1u);
  EXPECT_EQ(uses[0].key, "one \"two\" {}");
  EXPECT_EQ(placeholders("a {} b {:.1f} {{c}}"), (std::vector<std::string>{"{}", "{:.1f}"}));
}

TEST(Messages, SayFormatsBothLanguagesAndNestsTexts) {
  const planner::Text inner = planner::say("error: ");
  EXPECT_EQ(inner.en(), "error: ");
  EXPECT_EQ(inner.zh(), "错误：");
  const planner::Text outer = planner::say(" (fix: {})", inner);
  EXPECT_EQ(outer.en(), " (fix: error: )");
  EXPECT_EQ(outer.zh(), "（修改方法：错误：）");
  const gis::Text same = gis::as_is("a.csv");
  EXPECT_EQ(same.en(), same.zh());
}

TEST(Messages, LanguageNamesAndLocales) {
  EXPECT_EQ(gis::language_named("zh"), gis::Lang::zh);
  EXPECT_EQ(gis::language_named("zh_CN.UTF-8"), gis::Lang::zh);
  EXPECT_EQ(gis::language_named("en_US.UTF-8"), gis::Lang::en);
  EXPECT_EQ(gis::language_named("C.UTF-8"), gis::Lang::en);
  EXPECT_FALSE(gis::language_named("fr"));
  EXPECT_FALSE(gis::language_named(""));
}

TEST(Messages, ErrorsSpeakTheCurrentLanguage) {
  planner::Problems problems;
  problems.error(gis::as_is("a.csv"), planner::say("invalid input"));
  const planner::InputError error(problems);
  const gis::Error plain(planner::say("invalid input"));
  gis::set_language(gis::Lang::zh);
  const std::string zh = error.what(), plain_zh = plain.what();
  gis::set_language(gis::Lang::en);
  EXPECT_EQ(zh, "错误：a.csv：输入有误\n");
  EXPECT_EQ(plain_zh, "输入有误");
  EXPECT_EQ(std::string(error.what()), "error: a.csv: invalid input\n");
  EXPECT_EQ(std::string(plain.what()), "invalid input");
}
