// UTF-8 validation, encoding names, detection and GB18030 decoding.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gis/text_encoding.h"

using tuowei::gis::detect_encoding;
using tuowei::gis::is_valid_utf8;
using tuowei::gis::normalize_encoding;
using tuowei::gis::to_utf8;

namespace {

const std::string kGbkXinzhu = "\xD0\xC2\xD6\xF1\xBD\xD6\xB5\xC0";  // 新竹街道 in GBK
const std::string kGbkQingxiu = "\xC7\xE0\xD0\xE3\xC7\xF8";          // 青秀区 in GBK

}  // namespace

TEST(IsValidUtf8, AcceptsAsciiChineseAndFourByteCharacters) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("Nanning 450100"));
  EXPECT_TRUE(is_valid_utf8("新竹街道"));
  EXPECT_TRUE(is_valid_utf8("\xC2\x80"));          // U+0080, the smallest 2-byte
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the largest
  EXPECT_TRUE(is_valid_utf8("\xEF\xBB\xBF" "abc"));  // a BOM is a valid character
}

TEST(IsValidUtf8, RejectsGbkBytes) {
  EXPECT_FALSE(is_valid_utf8(kGbkXinzhu));
  EXPECT_FALSE(is_valid_utf8(kGbkQingxiu));
}

TEST(IsValidUtf8, RejectsOverlongForms) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));
}

TEST(IsValidUtf8, RejectsSurrogatesAndCodePointsAbove10FFFF) {
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));       // U+D7FF, just below
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
}

TEST(IsValidUtf8, RejectsTruncatedAndStrayBytes) {
  EXPECT_FALSE(is_valid_utf8("\xE6\x96"));         // 新 cut short
  EXPECT_FALSE(is_valid_utf8("abc\xE6"));
  EXPECT_FALSE(is_valid_utf8("\x80"));             // lone continuation byte
  EXPECT_FALSE(is_valid_utf8("\xE6\x96\x41"));     // continuation replaced by 'A'
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8(std::string("\xF0\x9F\x98", 3)));
}

TEST(NormalizeEncoding, ChineseCodePagesAllBecomeGb18030) {
  for (const char* name : {"gbk", "GBK", "cp936", "CP-936", "936", "gb2312", "GB_2312", "gb18030", "GB-18030"}) {
    EXPECT_EQ(normalize_encoding(name), "GB18030") << name;
  }
}

TEST(NormalizeEncoding, Utf8Spellings) {
  for (const char* name : {"UTF-8", "utf8", "utf_8", "Utf-8"}) EXPECT_EQ(normalize_encoding(name), "UTF-8") << name;
}

TEST(NormalizeEncoding, AutoAndEmptyMeanDetect) {
  EXPECT_EQ(normalize_encoding(""), "");
  EXPECT_EQ(normalize_encoding("auto"), "");
  EXPECT_EQ(normalize_encoding("AUTO"), "");
}

TEST(NormalizeEncoding, OtherNamesAreUpperCasedAsWritten) {
  EXPECT_EQ(normalize_encoding("latin1"), "LATIN1");
  EXPECT_EQ(normalize_encoding("iso-8859-1"), "ISO-8859-1");
  EXPECT_EQ(normalize_encoding("big5"), "BIG5");
}

TEST(DetectEncoding, AllValidUtf8IsUtf8) {
  EXPECT_EQ(detect_encoding({"名称", "新竹街道", "code", ""}), "UTF-8");
  EXPECT_EQ(detect_encoding({}), "UTF-8");
  EXPECT_EQ(detect_encoding({"ascii only"}), "UTF-8");
}

TEST(DetectEncoding, OneInvalidSampleMeansGb18030) {
  EXPECT_EQ(detect_encoding({"name", "新竹街道", kGbkQingxiu}), "GB18030");
  EXPECT_EQ(detect_encoding({kGbkXinzhu}), "GB18030");
}

TEST(ToUtf8, DecodesGbkText) {
  EXPECT_EQ(to_utf8(kGbkXinzhu, "GB18030"), "新竹街道");
  EXPECT_EQ(to_utf8(kGbkQingxiu, "GB18030"), "青秀区");
}

TEST(ToUtf8, DecodesGb18030FourByteSequences) {
  EXPECT_EQ(to_utf8("\x94\x39\xFC\x36", "GB18030"), "\xF0\x9F\x98\x80");  // U+1F600
  EXPECT_EQ(to_utf8("\x81\x30\x81\x30", "GB18030"), "\xC2\x80");          // U+0080
  EXPECT_EQ(to_utf8("\xA2\xE3", "GB18030"), "€");
}

TEST(ToUtf8, MixedAsciiAndGbk) {
  EXPECT_EQ(to_utf8("No.3 " + kGbkXinzhu + " (450103)", "GB18030"), "No.3 新竹街道 (450103)");
}

TEST(ToUtf8, Utf8AndEmptyEncodingReturnTheInputUnchanged) {
  EXPECT_EQ(to_utf8("新竹街道", "UTF-8"), "新竹街道");
  EXPECT_EQ(to_utf8(kGbkXinzhu, ""), kGbkXinzhu);
  EXPECT_EQ(to_utf8("", "GB18030"), "");
}
