#include "bzpeer/base/progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace bzpeer {

namespace {

// The longest prefix of `text` that fits `width` columns, cut between code points.
std::string fit(std::string_view text, std::size_t width) {
    std::size_t used = 0, end = 0;
    for (; end < text.size(); ++end) {
        bool starts = (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80;
        if (starts && used++ == width) break;
    }
    return std::string(text.substr(0, end));
}

std::string grouped(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

// Both sizes in the unit the total needs: "41.6/99.1 MB".
std::string sizes(std::int64_t done, std::int64_t total) {
    double scale = total >= 1e9 ? 1e9 : total >= 1e6 ? 1e6 : 1e3;
    const char* unit = scale == 1e9 ? "GB" : scale == 1e6 ? "MB" : "kB";
    return fmt::format("{:.1f}/{:.1f} {}", done / scale, total / scale, unit);
}

std::string duration(double seconds) {
    auto s = static_cast<std::int64_t>(std::llround(seconds));
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) {
        if (part.empty()) continue;
        if (!out.empty()) out += "  ";
        out += part;
    }
    return out;
}

}  // namespace

std::size_t text_columns(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string progress_line(const Progress& p, int width) {
    const std::size_t room = width > 1 ? static_cast<std::size_t>(width - 1) : 0;
    std::optional<double> share;
    if (p.bytes_total > 0)
        share = static_cast<double>(p.bytes) / static_cast<double>(p.bytes_total);
    else if (p.count_total > 0)
        share = static_cast<double>(p.count) / static_cast<double>(p.count_total);
    if (share) share = std::clamp(*share, 0.0, 1.0);
    // Rates and times from the first instants are noise.
    const bool timed = p.seconds >= 0.5;

    std::string percent = share ? fmt::format("{:3}%", static_cast<int>(std::floor(*share * 100))) : "";
    std::string figures = join({
        p.bytes_total > 0 ? sizes(p.bytes, p.bytes_total) : "",
        p.pages > 0 ? fmt::format("{} page{}", grouped(p.pages), p.pages == 1 ? "" : "s") : "",
        p.count_total > 0 ? fmt::format("{}/{} {}", grouped(p.count), grouped(p.count_total), p.unit)
                          : fmt::format("{} {}", grouped(p.count), p.unit),
    });
    std::string rate;
    if (timed) {
        double per_second = static_cast<double>(p.count) / p.seconds;
        rate = per_second < 10 ? fmt::format("{:.1f} {}/s", per_second, p.unit)
                               : fmt::format("{} {}/s", grouped(std::llround(per_second)), p.unit);
    }
    std::string eta = timed && share && *share > 0 && *share < 1
                          ? "ETA " + duration(p.seconds * (1 - *share) / *share)
                          : "";

    // Without room for all of it, the label goes first, then the rate, then the bar (which
    // shrinks to 10 cells before it goes).
    for (bool with_bar : {true, false}) {
        if (with_bar && !share) continue;
        for (int drop = 0; drop < 3; ++drop) {
            std::string label = drop >= 1 ? "" : p.label;
            std::string tail = join({percent, figures, drop >= 2 ? "" : rate, eta});
            std::size_t used = text_columns(label) + (label.empty() ? 0 : 2) + text_columns(tail);
            if (!with_bar) {
                if (used <= room) return join({label, tail});
                continue;
            }
            if (used + 4 + 10 > room) continue;
            auto cells = std::min<std::size_t>(40, room - used - 4);
            auto full = static_cast<std::size_t>(std::floor(*share * static_cast<double>(cells)));
            return join({label, "[" + std::string(full, '#') + std::string(cells - full, '.') + "]", tail});
        }
    }
    return fit(join({percent, figures, eta}), room);
}

ProgressThrottle::ProgressThrottle(std::chrono::milliseconds interval)
    : start_(std::chrono::steady_clock::now()), next_(start_), interval_(interval) {}

bool ProgressThrottle::due() {
    auto now = std::chrono::steady_clock::now();
    if (now < next_) return false;
    next_ = now + interval_;
    return true;
}

double ProgressThrottle::seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

}  // namespace bzpeer
