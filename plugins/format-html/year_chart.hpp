// A works-per-year bar chart drawn as inline SVG from a profile's data.works.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::html {

struct YearCounts {
    std::map<std::int64_t, int> works_per_year;
    int without_year = 0;
};

// Counts the work objects of an array value by their integer "year"; anything else in the
// array, or a non-array, counts as nothing.
YearCounts count_years(const sdk::Value& works);

// An <svg> with one bar per year from the first to the last (years without works get an
// empty slot, so gaps show); "" when no work has a year.
std::string year_chart_svg(const YearCounts& counts);

}  // namespace bzpeer::html
