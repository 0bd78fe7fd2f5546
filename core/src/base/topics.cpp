#include "base/topics.hpp"

#include <map>

#include "base/embedded.hpp"

namespace bzpeer {

namespace {

std::map<std::string, std::string, std::less<>> load_taxonomy() {
    std::map<std::string, std::string, std::less<>> names;
    std::string_view text = embedded::arxiv_categories();
    while (!text.empty()) {
        auto end = text.find('\n');
        auto line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        auto tab = line.find('\t');
        if (line.empty() || line.front() == '#' || tab == std::string_view::npos) continue;
        names.emplace(line.substr(0, tab), line.substr(tab + 1));
    }
    return names;
}

}  // namespace

std::string arxiv_category_name(std::string_view code) {
    static const auto names = load_taxonomy();
    auto it = names.find(code);
    return it == names.end() ? std::string(code) : it->second;
}

}  // namespace bzpeer
