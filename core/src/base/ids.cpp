#include "bzpeer/base/ids.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

namespace bzpeer::ids {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), s.begin(),
                      [](char p, char c) { return std::tolower(static_cast<unsigned char>(c)) == p; });
}

// Removes the first matching prefix (compared case-insensitively; prefixes are lower case).
std::string_view strip_prefix(std::string_view s, std::initializer_list<std::string_view> prefixes) {
    for (auto prefix : prefixes)
        if (starts_with_nocase(s, prefix)) return s.substr(prefix.size());
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

}  // namespace

std::optional<std::string> normalize_doi(std::string_view raw) {
    std::string_view s = trim(raw);
    s = strip_prefix(s, {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
                         "doi.org/", "dx.doi.org/", "doi:", "doi "});
    s = trim(s);
    // 10.<registrant>/<suffix>: registrant is digits with optional dotted sub-parts.
    if (s.size() < 6 || s.substr(0, 3) != "10.") return std::nullopt;
    auto slash = s.find('/');
    if (slash == std::string_view::npos || slash + 1 >= s.size()) return std::nullopt;
    auto registrant = s.substr(3, slash - 3);
    if (registrant.empty() || !std::isdigit(static_cast<unsigned char>(registrant.front())))
        return std::nullopt;
    if (!std::all_of(registrant.begin(), registrant.end(),
                     [](unsigned char c) { return std::isdigit(c) || c == '.'; }))
        return std::nullopt;
    if (std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); })) return std::nullopt;
    return lower(s);
}

std::string ArxivId::with_version() const { return version ? id + "v" + std::to_string(version) : id; }

std::optional<ArxivId> parse_arxiv(std::string_view raw) {
    std::string_view s = trim(raw);
    s = strip_prefix(s, {"https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://arxiv.org/pdf/",
                         "http://arxiv.org/pdf/", "https://export.arxiv.org/abs/",
                         "http://export.arxiv.org/abs/", "arxiv.org/abs/", "arxiv:"});
    if (s.size() > 4 && s.substr(s.size() - 4) == ".pdf") s.remove_suffix(4);
    // New style since 2007: YYMM.NNNN (to 2014) or YYMM.NNNNN; old style: archive(.SUB)/YYMMNNN.
    static const std::regex pattern(
        R"(^(\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7})(?:v(\d+))?$)", std::regex::optimize);
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(s.begin(), s.end(), m, pattern)) return std::nullopt;
    ArxivId result;
    result.id = m[1].str();
    if (m[2].matched) {
        result.version = std::stoi(m[2].str());
        if (result.version == 0) return std::nullopt;
    }
    // Months run 01..12 in both styles.
    auto yymm = result.id.find('/') == std::string::npos ? result.id.substr(0, 4)
                                                         : result.id.substr(result.id.find('/') + 1, 4);
    int month = std::stoi(yymm.substr(2, 2));
    if (month < 1 || month > 12) return std::nullopt;
    return result;
}

std::optional<std::string> normalize_orcid(std::string_view raw) {
    std::string_view s = trim(raw);
    s = strip_prefix(s, {"https://orcid.org/", "http://orcid.org/", "https://sandbox.orcid.org/",
                         "http://sandbox.orcid.org/", "orcid.org/", "orcid:"});
    std::string digits;
    for (char c : s) {
        if (c == '-') continue;
        if (std::isdigit(static_cast<unsigned char>(c)) || ((c == 'X' || c == 'x') && digits.size() == 15))
            digits.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        else
            return std::nullopt;
    }
    if (digits.size() != 16) return std::nullopt;
    // ISO 7064 MOD 11-2 over the first 15 digits.
    int total = 0;
    for (int i = 0; i < 15; ++i) total = (total + (digits[i] - '0')) * 2;
    int check = (12 - total % 11) % 11;
    char expected = check == 10 ? 'X' : static_cast<char>('0' + check);
    if (digits[15] != expected) return std::nullopt;
    return digits.substr(0, 4) + "-" + digits.substr(4, 4) + "-" + digits.substr(8, 4) + "-" +
           digits.substr(12, 4);
}

std::string person_ref(std::int64_t person) { return "p:" + std::to_string(person); }
std::string work_ref(std::int64_t work) { return "w:" + std::to_string(work); }

}  // namespace bzpeer::ids
