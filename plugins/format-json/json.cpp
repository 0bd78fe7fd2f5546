#include "json.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <type_traits>
#include <variant>

namespace bzpeer::json {
namespace {

struct Utf8Step {
    std::size_t length;  // bytes consumed: the whole sequence, or its ill-formed prefix
    bool valid;
};

// Reads the UTF-8 sequence starting at `s[i]`. An ill-formed one consumes its maximal
// prefix that could still have begun a valid sequence (at least one byte), which is the
// Unicode Standard's recommendation for where to put one U+FFFD.
Utf8Step next_sequence(std::string_view s, std::size_t i) {
    auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) return {1, true};
    std::size_t trail = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the first trail byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        trail = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        trail = 2;
        if (lead == 0xE0) low = 0xA0;   // overlong
        if (lead == 0xED) high = 0x9F;  // UTF-16 surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        trail = 3;
        if (lead == 0xF0) low = 0x90;   // overlong
        if (lead == 0xF4) high = 0x8F;  // beyond U+10FFFF
    } else {
        return {1, false};
    }
    for (std::size_t k = 1; k <= trail; ++k) {
        if (i + k >= s.size()) return {k, false};
        auto byte = static_cast<unsigned char>(s[i + k]);
        bool ok = k == 1 ? byte >= low && byte <= high : byte >= 0x80 && byte <= 0xBF;
        if (!ok) return {k, false};
    }
    return {trail + 1, true};
}

void append_escaped_ascii(std::string& out, char c) {
    switch (c) {
        case '"':
            out += "\\\"";
            return;
        case '\\':
            out += "\\\\";
            return;
        case '\b':
            out += "\\b";
            return;
        case '\f':
            out += "\\f";
            return;
        case '\n':
            out += "\\n";
            return;
        case '\r':
            out += "\\r";
            return;
        case '\t':
            out += "\\t";
            return;
    }
    if (static_cast<unsigned char>(c) < 0x20) {
        static constexpr char hex[] = "0123456789abcdef";
        out += "\\u00";
        out += hex[(c >> 4) & 0xF];
        out += hex[c & 0xF];
        return;
    }
    out += c;
}

void append_string(std::string& out, std::string_view s) {
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        auto step = next_sequence(s, i);
        if (!step.valid)
            out += "\xEF\xBF\xBD";  // U+FFFD: RFC 8259 text must be valid UTF-8
        else if (step.length == 1)
            append_escaped_ascii(out, s[i]);
        else
            out.append(s, i, step.length);
        i += step.length;
    }
    out += '"';
}

void append_double(std::string& out, double d) {
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    char buffer[32];  // the shortest form of any double needs at most 24 characters
    auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
    std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
    out += text;
    // "1" would read back as an integer in most parsers.
    if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void append_int(std::string& out, std::int64_t i) {
    char buffer[24];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, i);
    out.append(buffer, result.ptr);
}

class Writer {
public:
    Writer(std::string& out, bool pretty) : out_(out), pretty_(pretty) {}

    void value(const sdk::Value& value, int depth) {
        std::visit([&](const auto& v) { write(v, depth); }, value.v);
    }

private:
    void write(std::nullptr_t, int) { out_ += "null"; }
    void write(bool b, int) { out_ += b ? "true" : "false"; }
    void write(std::int64_t i, int) { append_int(out_, i); }
    void write(double d, int) { append_double(out_, d); }
    void write(const std::string& s, int) { append_string(out_, s); }

    void write(const sdk::Value::Array& array, int depth) {
        out_ += '[';
        for (std::size_t i = 0; i < array.size(); ++i) {
            if (i > 0) out_ += ',';
            newline(depth + 1);
            value(array[i], depth + 1);
        }
        if (!array.empty()) newline(depth);
        out_ += ']';
    }

    void write(const sdk::Value::Object& object, int depth) {
        out_ += '{';
        for (std::size_t i = 0; i < object.size(); ++i) {
            if (i > 0) out_ += ',';
            newline(depth + 1);
            append_string(out_, object[i].first);
            out_ += pretty_ ? ": " : ":";
            value(object[i].second, depth + 1);
        }
        if (!object.empty()) newline(depth);
        out_ += '}';
    }

    void newline(int depth) {
        if (!pretty_) return;
        out_ += '\n';
        out_.append(static_cast<std::size_t>(depth) * 2, ' ');
    }

    std::string& out_;
    bool pretty_;
};

}  // namespace

std::string pretty(const sdk::Value& value) {
    std::string out;
    Writer(out, true).value(value, 0);
    out += '\n';
    return out;
}

std::string compact(const sdk::Value& value) {
    std::string out;
    Writer(out, false).value(value, 0);
    return out;
}

std::string lines(const sdk::Value& value) {
    const auto* array = std::get_if<sdk::Value::Array>(&value.v);
    if (!array) return compact(value) + '\n';
    std::string out;
    for (const auto& item : *array) {
        Writer(out, false).value(item, 0);
        out += '\n';
    }
    return out;
}

std::string render(const sdk::Document& document, std::string_view format) {
    if (format == "json") return pretty(document.data);
    if (format == "jsonl" || format == "ndjson") return lines(document.data);
    throw std::invalid_argument("json plugin: unknown format '" + std::string(format) + "'");
}

}  // namespace bzpeer::json
