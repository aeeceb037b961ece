#include "clients/cli/table.h"

#include "gtest/gtest.h"

namespace endeavour::cli {
namespace {

TEST(TableTest, ColumnsLineUpUnderCapitalisedHeaders) {
  Table table({"id", "intervention", "cost"});
  table.AddRow({"pt", "Precision teaching", "£12.50"});
  table.AddRow({"phonics", "Rapid Catch-up", "£5.00"});
  EXPECT_EQ(table.Render(),
            "ID       INTERVENTION        COST\n"
            "pt       Precision teaching  £12.50\n"
            "phonics  Rapid Catch-up      £5.00\n");
}

TEST(TableTest, FieldsLineUpTheirValues) {
  Fields fields;
  fields.Add("Pupil", "Amelia");
  fields.Add("Next review", "2025-11-26");
  EXPECT_EQ(fields.Render(), "Pupil        Amelia\nNext review  2025-11-26\n");
}

TEST(TableTest, FormatsMoneyDatesAndShares) {
  EXPECT_EQ(FormatPence(1250), "£12.50");
  EXPECT_EQ(FormatPence(5), "£0.05");
  v1::Date date;
  EXPECT_EQ(FormatDate(date), "-");
  date.set_year(2025);
  date.set_month(3);
  date.set_day(7);
  EXPECT_EQ(FormatDate(date), "2025-03-07");
  EXPECT_EQ(FormatShare(0.857), "86%");
  EXPECT_EQ(Shorten("Reads 45 words", 8), "Reads...");
}

}  // namespace
}  // namespace endeavour::cli
