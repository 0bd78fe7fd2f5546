#include "bzpeer/base/progress.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace bzpeer;

namespace {

// 41.6 MB of a 99.1 MB snapshot read in 16 s: 41.977% done, 21,000 records.
Progress snapshot_reading() {
    Progress p;
    p.label = "snapshot.jsonl";
    p.count = 21000;
    p.bytes = 41'600'000;
    p.bytes_total = 99'100'000;
    p.seconds = 16;
    return p;
}

}  // namespace

TEST(ProgressLine, FileOnAWideTerminalHasLabelBarPercentSizesRecordsRateAndEta) {
    // 1312.5 records/s; 16 s * (1 - 0.41977) / 0.41977 = 22.1 s left; a 38-cell bar, 15 full.
    EXPECT_EQ(progress_line(snapshot_reading(), 120),
              "snapshot.jsonl  [" + std::string(15, '#') + std::string(23, '.') +
                  "]   41%  41.6/99.1 MB  21,000 records  1,313 records/s  ETA 0:22");
    EXPECT_EQ(progress_line(snapshot_reading(), 120).size(), 119u);
}

TEST(ProgressLine, At80ColumnsTheLabelMakesRoomForTheBar) {
    // 79 usable columns: 61 of figures leave a 14-cell bar, 5 of them full.
    EXPECT_EQ(progress_line(snapshot_reading(), 80),
              "[#####.........]   41%  41.6/99.1 MB  21,000 records  1,313 records/s  ETA 0:22");
}

TEST(ProgressLine, NarrowTerminalsLoseTheRateAndTheBarThenGetACutLine) {
    EXPECT_EQ(progress_line(snapshot_reading(), 50), " 41%  41.6/99.1 MB  21,000 records  ETA 0:22");
    EXPECT_EQ(progress_line(snapshot_reading(), 30), " 41%  41.6/99.1 MB  21,000 re");
    EXPECT_EQ(progress_line(snapshot_reading(), 0), "");
}

TEST(ProgressLine, LiveQueryWithoutATotalShowsPagesRecordsAndRate) {
    Progress p;
    p.label = "arxiv";
    p.count = 300;
    p.pages = 3;
    p.seconds = 40;
    EXPECT_EQ(progress_line(p, 80), "arxiv  3 pages  300 records  7.5 records/s");
    p.pages = 1;
    p.count = 1234567;
    p.seconds = 0.2;  // too early for a rate
    EXPECT_EQ(progress_line(p, 80), "arxiv  1 page  1,234,567 records");
}

TEST(ProgressLine, RowsDoneOfAllMeasureTheBar) {
    Progress p;
    p.label = "people.csv";
    p.unit = "rows";
    p.count = 20;
    p.count_total = 40;
    p.seconds = 10;
    EXPECT_EQ(progress_line(p, 80), "people.csv  [" + std::string(12, '#') + std::string(13, '.') +
                                        "]   50%  20/40 rows  2.0 rows/s  ETA 0:10");
}

TEST(ProgressLine, DoneShowsAFullBarAndNoTimeLeft) {
    Progress p;
    p.label = "resolving people";
    p.unit = "name blocks";
    p.count = 208;
    p.count_total = 208;
    p.seconds = 2;
    EXPECT_EQ(progress_line(p, 80), "resolving people  [" + std::string(13, '#') +
                                        "]  100%  208/208 name blocks  104 name blocks/s");
}

TEST(ProgressLine, LongWorkCountsHoursAndGigabytes) {
    Progress p;
    p.count = 28400;
    p.bytes = 49'000'000;  // 1% of the full snapshot after 100 s: 9,900 s left
    p.bytes_total = 4'900'000'000;
    p.seconds = 100;
    EXPECT_EQ(progress_line(p, 90),
              "[" + std::string(25, '.') + "]    1%  0.0/4.9 GB  28,400 records  284 records/s  ETA 2:45:00");
    // The bar outranks the rate.
    EXPECT_EQ(progress_line(p, 60), "[..........]    1%  0.0/4.9 GB  28,400 records  ETA 2:45:00");
}

TEST(ProgressLine, NonAsciiLabelsAreMeasuredInColumns) {
    EXPECT_EQ(text_columns("Müller.csv"), 10u);
    Progress p;
    p.label = "Müller.csv";
    p.unit = "rows";
    p.count = 1;
    p.count_total = 4;
    // 12 + 13 columns of label and figures leave a 40-cell (the most) bar at 120 columns.
    EXPECT_EQ(progress_line(p, 120),
              "Müller.csv  [" + std::string(10, '#') + std::string(30, '.') + "]   25%  1/4 rows");
}

TEST(ProgressThrottle, FirstUpdateIsDueThenNotUntilTheIntervalPassed) {
    ProgressThrottle slow(std::chrono::hours(1));
    EXPECT_TRUE(slow.due());
    EXPECT_FALSE(slow.due());
    EXPECT_GE(slow.seconds(), 0.0);
    ProgressThrottle always(std::chrono::milliseconds(0));
    EXPECT_TRUE(always.due());
    EXPECT_TRUE(always.due());
}
