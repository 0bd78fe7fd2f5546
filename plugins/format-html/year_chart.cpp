#include "year_chart.hpp"

#include <algorithm>
#include <string>
#include <variant>

#include "escape.hpp"
#include "values.hpp"

namespace bzpeer::html {
namespace {

// Chart geometry in SVG user units (pixels at 100% zoom).
constexpr int kPlotHeight = 120;
constexpr int kTop = 18;     // room for the counts above the tallest bar
constexpr int kBottom = 22;  // room for the year labels
constexpr int kLeft = 8;
constexpr int kMaxWidth = 880;

}  // namespace

YearCounts count_years(const sdk::Value& works) {
    YearCounts counts;
    const auto* items = std::get_if<sdk::Value::Array>(&works.v);
    if (!items) return counts;
    for (const auto& work : *items) {
        const auto* year = member(work, "year");
        const auto* number = year ? std::get_if<std::int64_t>(&year->v) : nullptr;
        if (number)
            ++counts.works_per_year[*number];
        else
            ++counts.without_year;
    }
    return counts;
}

std::string year_chart_svg(const YearCounts& counts) {
    const auto& years = counts.works_per_year;
    if (years.empty()) return {};
    std::int64_t first = years.begin()->first, last = years.rbegin()->first;
    // A stray year far off (a typo in a record) must not make thousands of slots.
    if (last - first > 200) first = last - 200;
    int slots = static_cast<int>(last - first + 1);
    int tallest = 0;
    for (const auto& [year, n] : years) tallest = std::max(tallest, n);
    int slot_width = std::clamp(kMaxWidth / slots, 4, 40);
    int width = kLeft * 2 + slot_width * slots;
    int height = kTop + kPlotHeight + kBottom;
    // Label every year when there is room, otherwise every k-th so the labels do not collide.
    int label_every = std::max(1, 36 / slot_width);

    std::string svg = "<svg class=\"year-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      std::to_string(width) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " +
                      std::to_string(width) + ' ' + std::to_string(height) +
                      "\" role=\"img\" aria-label=\"Works per year\">\n";
    int baseline = kTop + kPlotHeight;
    svg += "<line x1=\"" + std::to_string(kLeft) + "\" y1=\"" + std::to_string(baseline) + "\" x2=\"" +
           std::to_string(width - kLeft) + "\" y2=\"" + std::to_string(baseline) + "\" class=\"axis\"/>\n";
    for (int i = 0; i < slots; ++i) {
        std::int64_t year = first + i;
        auto found = years.find(year);
        int n = found == years.end() ? 0 : found->second;
        int x = kLeft + i * slot_width;
        int bar_height = n == 0 ? 0 : std::max(1, n * kPlotHeight / tallest);
        std::string year_text = std::to_string(year);
        if (n > 0) {
            std::string tooltip = year_text + ": " + std::to_string(n) + (n == 1 ? " work" : " works");
            svg += "<rect class=\"bar\" x=\"" + std::to_string(x + 1) + "\" y=\"" +
                   std::to_string(baseline - bar_height) + "\" width=\"" + std::to_string(slot_width - 2) +
                   "\" height=\"" + std::to_string(bar_height) + "\"><title>" + escape(tooltip) +
                   "</title></rect>\n";
            if (slot_width >= 14)
                svg += "<text class=\"count\" x=\"" + std::to_string(x + slot_width / 2) + "\" y=\"" +
                       std::to_string(baseline - bar_height - 4) + "\">" + std::to_string(n) + "</text>\n";
        }
        if (i % label_every == 0)
            svg += "<text class=\"year\" x=\"" + std::to_string(x + slot_width / 2) + "\" y=\"" +
                   std::to_string(baseline + 15) + "\">" + year_text + "</text>\n";
    }
    svg += "</svg>";
    return svg;
}

}  // namespace bzpeer::html
