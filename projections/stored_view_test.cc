#include "projections/stored_view.h"

#include <random>
#include <string>

#include "absl/strings/escaping.h"
#include "endeavour/v1/views.pb.h"
#include "gtest/gtest.h"

namespace endeavour::projections {
namespace {

// A register entry whose display name is `name`: the smallest view to fill with text at will.
v1::RegisterEntry EntryNamed(std::string name) {
  v1::RegisterEntry entry;
  entry.set_stream_id("pupil/school-1/p-1");
  entry.set_pupil_id("p-1");
  entry.set_display_name(std::move(name));
  entry.set_year_group(4);
  return entry;
}

// Text that repeats itself, as a history's facts do.
std::string RepetitiveText() {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Reading intervention, 3 sessions a week of 20 minutes. ";
  return text;
}

// Letters and digits in no pattern: nothing for LZ4 to match.
std::string PatternlessText(size_t size) {
  static constexpr char kAlphabet[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::mt19937 random(7);
  std::uniform_int_distribution<size_t> pick(0, sizeof(kAlphabet) - 2);
  std::string text;
  for (size_t i = 0; i < size; ++i) text += kAlphabet[pick(random)];
  return text;
}

absl::Status Decode(const std::string& stored, v1::RegisterEntry* entry) {
  return DecodeView(stored, "register/pupil/school-1/p-1", entry);
}

TEST(StoredViewTest, SmallViewIsStoredAsItsPlainEncoding) {
  const v1::RegisterEntry entry = EntryNamed("Ada");
  const std::string stored = EncodeView(entry);
  EXPECT_EQ(stored, entry.SerializeAsString());
  v1::RegisterEntry decoded;
  ASSERT_TRUE(Decode(stored, &decoded).ok());
  EXPECT_EQ(decoded.SerializeAsString(), entry.SerializeAsString());
}

TEST(StoredViewTest, LargeViewIsStoredCompressedAndReadsBackTheSame) {
  const v1::RegisterEntry entry = EntryNamed(RepetitiveText());
  const std::string encoded = entry.SerializeAsString();
  const std::string stored = EncodeView(entry);
  ASSERT_FALSE(stored.empty());
  EXPECT_EQ(stored[0], '\0');
  EXPECT_LT(stored.size() * 10, encoded.size()) << "11,000 bytes of repeated text";
  v1::RegisterEntry decoded;
  const absl::Status s = Decode(stored, &decoded);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(decoded.SerializeAsString(), encoded);
}

TEST(StoredViewTest, ViewThatDoesNotCompressIsStoredPlain) {
  const v1::RegisterEntry entry = EntryNamed(PatternlessText(4000));
  EXPECT_EQ(EncodeView(entry), entry.SerializeAsString());
}

TEST(StoredViewTest, PlainEncodingWrittenBeforeCompressionStillReads) {
  // A large view stored by a server from before views were compressed.
  const v1::RegisterEntry entry = EntryNamed(RepetitiveText());
  v1::RegisterEntry decoded;
  ASSERT_TRUE(Decode(entry.SerializeAsString(), &decoded).ok());
  EXPECT_EQ(decoded.display_name(), entry.display_name());
}

TEST(StoredViewTest, EmptyValueIsAnEmptyView) {
  v1::RegisterEntry decoded = EntryNamed("left over");
  ASSERT_TRUE(Decode("", &decoded).ok());
  EXPECT_EQ(decoded.SerializeAsString(), "");
}

TEST(StoredViewTest, DamagedValuesAreDataLossNamingTheKey) {
  const std::string compressed = EncodeView(EntryNamed(RepetitiveText()));
  ASSERT_EQ(compressed[0], '\0');
  const std::string cases[] = {
      std::string("\0", 1),                         // no size
      std::string("\0\x80", 2),                     // size cut short
      std::string("\0\x80\x80\x80\x80\x04xyz", 9),  // claims 1 GiB from 3 bytes
      compressed.substr(0, compressed.size() - 5),  // compressed data cut short
      compressed + "trailing",                      // more than one block holds
      std::string("\x0a\xff\xff\xff\x0f", 5),       // plain, but not a message
  };
  for (const std::string& stored : cases) {
    v1::RegisterEntry decoded;
    const absl::Status s = Decode(stored, &decoded);
    EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << absl::CEscape(stored) << ": " << s;
    EXPECT_NE(s.message().find("register/pupil/school-1/p-1"), std::string::npos) << s;
  }
}

}  // namespace
}  // namespace endeavour::projections
