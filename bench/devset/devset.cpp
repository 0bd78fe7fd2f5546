#include "devset.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <unordered_set>

#include "bzpeer/base/names.hpp"
#include "random.hpp"
#include "vocabulary.hpp"

namespace bzpeer::devset {

namespace {

using vocabulary::Culture;
using Words = std::vector<std::string_view>;

// How a person's works split between the sources of their content words.
constexpr double kNicheShare = 0.5;   // the person's own topics within the field
constexpr double kFieldShare = 0.3;   // anything in the field
constexpr double kFocusShare = 0.25;  // within a work: repeat one of its focus words
constexpr double kSecondFieldWorks = 0.25;
constexpr double kSideCircleShare = 0.6;  // second-field works: co-authors from the side circle
constexpr double kSoloRate = 0.04;
constexpr double kCrossListRate = 0.15;     // a neighbouring category added as a cross-list
constexpr double kOutOfWindow = 0.05;       // weight of a co-author outside their active years
constexpr int kChangeMinWorks = 5;          // works needed to change field mid-career
constexpr double kTwoSyllableGiven = 0.65;  // Chinese given names of two syllables

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return h;
}

std::size_t field_index(std::string_view name) {
    const auto& all = vocabulary::fields();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].name == name) return i;
    throw std::logic_error("devset: unknown field " + std::string(name));
}

// The first code point of UTF-8 text.
std::string first_letter(std::string_view text) {
    if (text.empty()) return {};
    auto lead = static_cast<unsigned char>(text[0]);
    std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    return std::string(text.substr(0, std::min(n, text.size())));
}

struct Coauthor {
    std::string full;     // "Yifan Chen"
    std::string initial;  // "Y. Chen"; equal to `full` for names printed one way only
    double weight = 1;
    int from = 0, to = 0;  // active years with this person
    bool hub = false;      // on many of the person's works: an advisor, a close colleague
};

using Circle = std::vector<Coauthor>;

// One stretch of a person's career: a field, the person's own topics in it, a circle.
struct Phase {
    std::size_t field = 0;
    Words niche;
    int from = 0, to = 0;
    Circle circle;
};

class Generator {
public:
    // The name is part of the seed, so that two names with one seed are two unrelated sets.
    explicit Generator(const Options& options) : o_(options), rng_(options.seed ^ fnv1a(options.name)) {
        if (o_.people < 1) throw std::invalid_argument("devset: people must be at least 1");
        if (o_.works_per_person < 1)
            throw std::invalid_argument("devset: works per person must be at least 1");
        if (static_cast<long long>(o_.max_works) * o_.people <
            static_cast<long long>(o_.people) * o_.works_per_person)
            throw std::invalid_argument("devset: works per person exceeds max works");
        if (o_.first_year > o_.last_year || o_.first_year < 1992 || o_.last_year > 2091)
            throw std::invalid_argument("devset: bad year range");
        auto space = o_.name.rfind(' ');
        if (space == std::string::npos || space == 0 || space + 1 == o_.name.size())
            throw std::invalid_argument("devset: the name must be \"Given Family\"");
        given_ = o_.name.substr(0, space);
        family_ = o_.name.substr(space + 1);
        set_.name = o_.name;
        set_.block_key = names::block_key(names::parse(o_.name));
        culture_ = culture_of(family_);
    }

    DevSet run() {
        auto fields = choose_fields();
        auto counts = allocate_works();
        auto changers = choose_changers(counts);
        for (int p = 0; p < o_.people; ++p) make_person(p, fields[p], counts[p], changers[p]);
        assign_ids();
        build_mentions();
        return std::move(set_);
    }

private:
    static Culture culture_of(const std::string& family) {
        for (Culture c :
             {Culture::chinese, Culture::polish, Culture::korean, Culture::japanese, Culture::indian}) {
            const auto& pool = vocabulary::names(c).family;
            if (std::find(pool.begin(), pool.end(), family) != pool.end()) return c;
        }
        return Culture::western;
    }

    // Home fields: distinct while they last, except that some people land in a field someone
    // else of the set already works in.
    std::vector<std::size_t> choose_fields() {
        std::vector<std::size_t> order(vocabulary::fields().size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        rng_.shuffle(order);
        std::vector<std::size_t> chosen;
        std::size_t next = 0;
        for (int p = 0; p < o_.people; ++p) {
            if (!chosen.empty() && (next == order.size() || rng_.chance(o_.same_field_rate)))
                chosen.push_back(rng_.pick(chosen));
            else
                chosen.push_back(order[next++]);
        }
        return chosen;
    }

    // Works per person: heavy-tailed weights (1 / (c + u)), then one work at a time to a
    // person drawn by weight, until the total is people * works_per_person.
    std::vector<int> allocate_works() {
        std::vector<double> weight(o_.people);
        for (auto& w : weight) w = 1.0 / (0.06 + rng_.real());
        std::vector<int> counts(o_.people, 1);
        long long left = static_cast<long long>(o_.people) * (o_.works_per_person - 1);
        if (o_.lead_share > 0) {
            // One prolific person and a few namesakes, as on most real shared-name pages.
            int lead = static_cast<int>(o_.lead_share * o_.people * o_.works_per_person + 0.5);
            lead = std::clamp(lead, 1, o_.people * o_.works_per_person - (o_.people - 1));
            left -= lead - 1;
            counts[0] = lead;
            weight[0] = 0;
        }
        for (; left > 0; --left) {
            std::size_t p = rng_.weighted(weight);
            if (++counts[p] >= o_.max_works) weight[p] = 0;
        }
        return counts;
    }

    // Who changes field mid-career: people with a few works, each by chance; in a set of
    // three or more, at least one (the most prolific) when chance chose no one.
    std::vector<bool> choose_changers(const std::vector<int>& counts) {
        std::vector<bool> out(counts.size(), false);
        bool any = false;
        for (std::size_t p = 0; p < counts.size(); ++p)
            if (counts[p] >= kChangeMinWorks && rng_.chance(o_.field_change_rate)) out[p] = any = true;
        if (!any && counts.size() >= 3) {
            auto most = std::max_element(counts.begin(), counts.end()) - counts.begin();
            if (counts[most] >= kChangeMinWorks) out[most] = true;
        }
        return out;
    }

    Culture coauthor_culture(double local) {
        if (rng_.chance(local)) return culture_;
        static const std::array<Culture, vocabulary::kCultures> all = {Culture::chinese,  Culture::western,
                                                                       Culture::korean,   Culture::indian,
                                                                       Culture::japanese, Culture::polish};
        static const std::vector<double> mix = {0.35, 0.35, 0.08, 0.1, 0.07, 0.05};
        return all[rng_.weighted(mix)];
    }

    // A made-up person; never someone whose name falls in the set's own block.
    Coauthor new_coauthor(double local) {
        for (;;) {
            const auto& pool = vocabulary::names(coauthor_culture(local));
            bool female = !pool.given_female.empty() && rng_.chance(0.4);
            std::string given(female ? rng_.pick(pool.given_female) : rng_.pick(pool.given));
            if (!pool.syllables.empty() && rng_.chance(kTwoSyllableGiven))
                given = capitalized(rng_.pick(pool.syllables)) + std::string(rng_.pick(pool.syllables));
            std::string family(rng_.pick(pool.family));
            if (female) {
                for (std::string_view male : {"ski", "cki", "dzki"})
                    if (family.size() > male.size() &&
                        family.compare(family.size() - male.size(), male.size(), male) == 0)
                        family.replace(family.size() - 1, 1, "a");
            }
            Coauthor c;
            c.full = given + " " + family;
            c.initial = first_letter(given) + ". " + family;
            if (names::block_key(names::parse(c.full)) == set_.block_key) continue;
            return c;
        }
    }

    // 8-25 people, fewer for someone with few works: a student's three papers share an advisor.
    Circle make_circle(int from, int to, double local, int works) {
        Circle circle;
        int size = rng_.between(8, std::min(25, 8 + works));
        int hubs = rng_.between(1, 3);
        for (int k = 0; k < size; ++k) {
            Coauthor c = new_coauthor(local);
            if (k < hubs) {
                c.hub = true;
                c.weight = rng_.real(5, 9);
                c.from = from, c.to = to;
            } else {
                c.weight = 0.4 / (0.2 + rng_.real());  // 0.33 .. 2
                int length = rng_.between(1, to - from + 1);
                c.from = from + rng_.between(0, to - from + 1 - length);
                c.to = c.from + length - 1;
            }
            circle.push_back(std::move(c));
        }
        // Common names that turn up in other people's circles too ("Y. Wang").
        int common = rng_.geometric(1.0 / (1.0 + o_.common_coauthor_rate), 4);
        const auto& pool = vocabulary::common_coauthors();
        for (int k = 0; k < common; ++k) {
            Coauthor c;
            c.full = c.initial = std::string(rng_.pick(pool));
            c.weight = rng_.real(1, 2.5);
            c.from = from, c.to = to;
            if (names::block_key(names::parse(c.full)) != set_.block_key) circle.push_back(std::move(c));
        }
        return circle;
    }

    Words make_niche(std::size_t field) {
        Words words = vocabulary::fields()[field].words;
        rng_.shuffle(words);
        words.resize(std::min<std::size_t>(words.size(), static_cast<std::size_t>(rng_.between(12, 20))));
        return words;
    }

    // A field next to `field`; with probability `anywhere`, any other field at all.
    std::size_t related_field(std::size_t field, double anywhere) {
        const auto& related = vocabulary::fields()[field].related;
        if (!related.empty() && !rng_.chance(anywhere)) return field_index(rng_.pick(related));
        std::size_t other;
        do other = rng_.below(vocabulary::fields().size());
        while (other == field);
        return other;
    }

    void make_person(int index, std::size_t home, int count, bool change) {
        Person person;
        person.label = "P" + std::to_string(index + 1);
        person.works = count;
        const int span = o_.last_year - o_.first_year + 1;
        int length = std::clamp(2 + count / 3 + rng_.between(0, 6), change ? std::min(3, span) : 1, span);
        person.first_year = o_.first_year + rng_.between(0, span - length);
        person.last_year = person.first_year + length - 1;
        const double local = rng_.real(0.45, 0.9);  // share of co-authors from the name's own culture
        const double initials = std::clamp(o_.initial_rate * rng_.real(0.4, 1.6), 0.0, 0.9);  // "B. Zheng"
        change = change && length >= 3;

        std::vector<Phase> phases;
        if (change) {
            int at = person.first_year + std::max(1, length * rng_.between(35, 65) / 100);
            phases.push_back({home, make_niche(home), person.first_year, at - 1,
                              make_circle(person.first_year, at - 1, local, count)});
            std::size_t next = related_field(home, 0.1);
            phases.push_back({next, make_niche(next), at, person.last_year,
                              make_circle(at, person.last_year, local, count)});
            // One or two from before come along: the advisor, a close colleague.
            std::vector<Coauthor> hubs;
            for (const auto& c : phases[0].circle)
                if (c.hub) hubs.push_back(c);
            for (int k = std::min<int>(rng_.between(1, 2), static_cast<int>(hubs.size())); k > 0; --k) {
                Coauthor bridge = hubs[static_cast<std::size_t>(k - 1)];
                bridge.from = at, bridge.to = person.last_year, bridge.weight = rng_.real(3, 7);
                phases[1].circle.push_back(std::move(bridge));
            }
        } else {
            phases.push_back({home, make_niche(home), person.first_year, person.last_year,
                              make_circle(person.first_year, person.last_year, local, count)});
        }
        // A second field on the side, with a small circle of its own.
        std::optional<Phase> side;
        if (count >= 3 && rng_.chance(o_.second_field_rate)) {
            std::size_t second = related_field(phases.back().field, 0);
            Circle circle;
            for (int k = rng_.between(3, 7); k > 0; --k) {
                Coauthor c = new_coauthor(local);
                c.weight = rng_.real(1, 3);
                c.from = person.first_year, c.to = person.last_year;
                circle.push_back(std::move(c));
            }
            side = Phase{second, make_niche(second), person.first_year, person.last_year, std::move(circle)};
        }

        // Works: the first ones in the first phase, the rest in the second.
        std::size_t split =
            phases.size() == 2
                ? static_cast<std::size_t>(std::clamp(count * rng_.between(35, 65) / 100, 2, count - 2))
                : static_cast<std::size_t>(count);
        for (int w = 0; w < count; ++w) {
            Phase& phase = phases[static_cast<std::size_t>(w) < split ? 0 : phases.size() - 1];
            bool on_side = side && w > 0 && rng_.chance(kSecondFieldWorks);
            make_work(index, on_side ? *side : phase, on_side ? &phase : nullptr, initials, local);
        }

        for (const auto& phase : phases) add_field(person, phase.field);
        if (side) add_field(person, side->field);
        set_.people.push_back(std::move(person));
    }

    static void add_field(Person& person, std::size_t field) {
        std::string name(vocabulary::fields()[field].name);
        if (std::find(person.fields.begin(), person.fields.end(), name) == person.fields.end())
            person.fields.push_back(std::move(name));
    }

    std::string_view content_word(const Phase& phase, const Words& focus, double filler_share) {
        if (!focus.empty() && rng_.chance(kFocusShare)) return rng_.pick(focus);
        double x = rng_.real();
        if (x < filler_share) return rng_.pick(vocabulary::filler());
        x = (x - filler_share) / (1 - filler_share);
        if (x < kNicheShare / (kNicheShare + kFieldShare)) return rng_.pick(phase.niche);
        return rng_.pick(vocabulary::fields()[phase.field].words);
    }

    static std::string capitalized(std::string_view word) {
        std::string out(word);
        if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
        return out;
    }

    std::string make_title(const Phase& phase, const Words& focus) {
        static const Words prefixes = {"Towards",    "Learning",      "On",
                                       "Rethinking", "Understanding", "Revisiting"};
        const int length = rng_.between(6, 14);
        std::string title;
        int words = 0;
        auto append = [&](std::string_view piece) {
            if (!title.empty() && piece != ":") title.push_back(' ');
            title.append(piece);
        };
        if (rng_.chance(0.2)) append(rng_.pick(prefixes)), ++words;
        bool colon = rng_.chance(0.25), last_content = false;
        std::set<std::string_view> used;
        while (words < length) {
            bool room = length - words >= 2;
            if (last_content && room && rng_.chance(0.3)) {
                append(rng_.chance(0.03) ? "&" : rng_.pick(vocabulary::connectors()));
                last_content = false;
            } else {
                std::string_view word = content_word(phase, focus, 0.1);
                for (int retry = 0; retry < 4 && used.count(word); ++retry)
                    word = content_word(phase, focus, 0.1);
                used.insert(word);
                append(capitalized(word));
                last_content = true;
                if (colon && words >= 2 && room) append(":"), colon = false, last_content = false;
            }
            ++words;
        }
        return title;
    }

    std::string make_abstract(const Phase& phase, const Words& focus) {
        const int target = rng_.between(60, 150);
        std::string text;
        int words = 0;
        while (words < target) {
            std::string sentence;
            auto append = [&](std::string_view piece) {
                if (!sentence.empty()) sentence.push_back(' ');
                sentence.append(piece);
                ++words;
            };
            if (rng_.chance(0.5)) {
                std::string_view opener = rng_.pick(vocabulary::openers());
                sentence.append(opener);
                words += static_cast<int>(std::count(opener.begin(), opener.end(), ' ')) + 1;
            }
            for (int k = rng_.between(6, 18); k > 0; --k) {
                if (rng_.chance(0.45))
                    append(content_word(phase, focus, 0.2));
                else
                    append(rng_.pick(vocabulary::glue()));
            }
            if (rng_.chance(0.1)) {
                char number[48];
                if (rng_.chance(0.5))
                    std::snprintf(number, sizeof number, "by %d.%d%%", rng_.between(1, 40),
                                  rng_.between(0, 9));
                else
                    std::snprintf(number, sizeof number, "(p < 0.0%d)", rng_.between(1, 5));
                append(number);
            }
            sentence[0] = capitalized(sentence.substr(0, 1))[0];
            sentence.push_back('.');
            if (!text.empty()) text.push_back(' ');
            text += sentence;
        }
        return text;
    }

    std::vector<std::string> categories(const Phase& phase) {
        const auto& field = vocabulary::fields()[phase.field];
        std::vector<std::string> out;
        out.emplace_back(field.categories[0]);
        for (std::size_t k = 1; k < field.categories.size(); ++k)
            if (rng_.chance(0.7)) out.emplace_back(field.categories[k]);
        if (!field.neighbours.empty()) {
            if (rng_.chance(o_.neighbour_rate)) {
                std::string neighbour(rng_.pick(field.neighbours));
                out.erase(std::remove(out.begin(), out.end(), neighbour), out.end());
                out.insert(out.begin(), neighbour);
            } else if (rng_.chance(kCrossListRate)) {
                std::string neighbour(rng_.pick(field.neighbours));
                if (std::find(out.begin(), out.end(), neighbour) == out.end()) out.push_back(neighbour);
            }
        }
        return out;
    }

    // The work's co-authors from a circle (and, for second-field works, partly from the
    // main circle), weighted by how often each works with the person and whether they are
    // active that year; some are one-off collaborators.
    std::vector<std::string> coauthors(const Phase& phase, const Phase* main, int year, double local) {
        std::vector<std::string> out;
        if (rng_.chance(kSoloRate)) return out;
        const int count = 1 + rng_.geometric(0.3, 7);
        const bool fresh = rng_.chance(o_.new_coauthors_rate);
        std::set<const Coauthor*> taken;
        auto print = [&](const Coauthor& c) { return rng_.chance(0.15) ? c.initial : c.full; };
        for (int k = 0; k < count; ++k) {
            const Circle* circle = &phase.circle;
            if (main && !rng_.chance(kSideCircleShare)) circle = &main->circle;
            std::vector<double> weights;
            for (const auto& c : *circle) {
                double w = year >= c.from && year <= c.to ? c.weight : c.weight * kOutOfWindow;
                weights.push_back(taken.count(&c) ? 0 : w);
            }
            bool any = std::any_of(weights.begin(), weights.end(), [](double w) { return w > 0; });
            if (fresh || !any || rng_.chance(o_.one_off_rate)) {
                out.push_back(print(new_coauthor(local)));
                continue;
            }
            const Coauthor& c = (*circle)[rng_.weighted(weights)];
            taken.insert(&c);
            out.push_back(print(c));
        }
        return out;
    }

    void make_work(int person, const Phase& phase, const Phase* main, double initials, double local) {
        Work work;
        work.person = person;
        work.year = rng_.between(phase.from, phase.to);
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", work.year, rng_.between(1, 12),
                      rng_.between(1, 28));
        work.date = date;
        Words focus;
        for (int k = rng_.between(3, 5); k > 0; --k) focus.push_back(rng_.pick(phase.niche));
        work.title = make_title(phase, focus);
        work.abstract = make_abstract(phase, focus);
        work.categories = categories(phase);

        std::string printed = o_.name;
        if (rng_.chance(o_.reversed_rate))
            printed = family_ + " " + given_;
        else if (rng_.chance(initials))
            printed = first_letter(given_) + ". " + family_;
        auto others = coauthors(phase, main, work.year, local);
        if (others.empty()) {
            work.position = 0;
        } else {
            double x = rng_.real();
            work.position = x < 0.35 ? 0 : x < 0.5 ? others.size() : 1 + rng_.below(others.size());
        }
        work.authors = std::move(others);
        work.authors.insert(work.authors.begin() + static_cast<std::ptrdiff_t>(work.position), printed);
        set_.works.push_back(std::move(work));
    }

    // arXiv ids by month of submission: YYMM.NNNN before 2015, YYMM.NNNNN since.
    void assign_ids() {
        std::map<int, std::unordered_set<int>> used;
        for (auto& work : set_.works) {
            int month = std::stoi(work.date.substr(5, 2));
            int yymm = (work.year % 100) * 100 + month;
            bool five = work.year >= 2015;
            int number;
            do number = rng_.between(1, five ? 24999 : 9999);
            while (!used[yymm].insert(number).second);
            char id[24];
            std::snprintf(id, sizeof id, five ? "%04d.%05d" : "%04d.%04d", yymm, number);
            work.arxiv_id = id;
        }
        std::sort(set_.works.begin(), set_.works.end(), [](const Work& a, const Work& b) {
            return a.date != b.date ? a.date > b.date : a.arxiv_id > b.arxiv_id;
        });
    }

    // What the store would hand the resolver for the set's block.
    void build_mentions() {
        for (std::size_t w = 0; w < set_.works.size(); ++w) {
            const Work& work = set_.works[w];
            auto parsed = names::parse(work.authors[work.position]);
            if (names::block_key(parsed) != set_.block_key) {
                ++set_.outside_block;
                continue;
            }
            resolver::Mention m;
            m.id = static_cast<std::int64_t>(w + 1);
            m.work = static_cast<std::int64_t>(w + 1);
            m.given = parsed.given;
            for (std::size_t a = 0; a < work.authors.size(); ++a) {
                if (a == work.position) continue;
                auto name = names::parse(work.authors[a]);
                auto key = names::block_key(name);
                if (key.empty()) continue;
                m.coauthors.push_back(std::move(key));
                m.coauthor_names.push_back(names::name_key(name));
            }
            m.categories = work.categories;
            m.words = resolver::content_words(work.title + " " + work.abstract);
            m.year = work.year;
            set_.mentions.push_back(std::move(m));
            set_.labels.push_back(work.person);
            set_.mention_work.push_back(w);
        }
    }

    const Options& o_;
    Random rng_;
    DevSet set_;
    std::string given_, family_;
    Culture culture_ = Culture::western;
};

void xml_escaped(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out.push_back(c);
        }
    }
}

void json_string(std::string& out, std::string_view text) {
    out.push_back('"');
    for (char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out.push_back(c);
                }
        }
    }
    out.push_back('"');
}

}  // namespace

DevSet generate(const Options& options) { return Generator(options).run(); }

std::string atom_feed(const DevSet& set) {
    const std::string count = std::to_string(set.works.size());
    std::string out =
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\" "
        "xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">\n";
    auto element = [&](std::string_view indent, std::string_view tag, std::string_view text) {
        out.append(indent).append("<").append(tag).append(">");
        xml_escaped(out, text);
        out.append("</").append(tag).append(">\n");
    };
    std::string query = "search_query=au:\"" + set.name + "\"&id_list=&start=0&max_results=" + count;
    element("  ", "id", "https://arxiv.org/api/synthetic-devset");
    element("  ", "title", "arXiv Query: " + query);
    element("  ", "updated", "2026-01-01T00:00:00Z");
    out += "  <link href=\"";
    xml_escaped(out, "https://arxiv.org/api/query?" + query);
    out += "\" type=\"application/atom+xml\"/>\n";
    element("  ", "opensearch:itemsPerPage", count);
    element("  ", "opensearch:totalResults", count);
    element("  ", "opensearch:startIndex", "0");
    for (const auto& work : set.works) {
        const std::string timestamp = work.date + "T00:00:00Z";
        out += "  <entry>\n";
        element("    ", "id", "http://arxiv.org/abs/" + work.arxiv_id + "v1");
        element("    ", "title", work.title);
        element("    ", "updated", timestamp);
        out += "    <link href=\"https://arxiv.org/abs/" + work.arxiv_id +
               "v1\" rel=\"alternate\" type=\"text/html\"/>\n";
        out += "    <link href=\"https://arxiv.org/pdf/" + work.arxiv_id +
               "v1\" rel=\"related\" type=\"application/pdf\" title=\"pdf\"/>\n";
        element("    ", "summary", work.abstract);
        for (const auto& category : work.categories) {
            out += "    <category term=\"";
            xml_escaped(out, category);
            out += "\" scheme=\"http://arxiv.org/schemas/atom\"/>\n";
        }
        element("    ", "published", timestamp);
        out += "    <arxiv:primary_category term=\"";
        xml_escaped(out, work.categories.front());
        out += "\"/>\n";
        for (const auto& author : work.authors) {
            out += "    <author>\n";
            element("      ", "name", author);
            out += "    </author>\n";
        }
        out += "  </entry>\n";
    }
    out += "</feed>\n";
    return out;
}

std::string truth_json(const DevSet& set) {
    std::string out = "{\"name\": ";
    json_string(out, set.name);
    out += ", \"authorships\": [\n";
    for (std::size_t w = 0; w < set.works.size(); ++w) {
        const Work& work = set.works[w];
        out += "  {\"work\": ";
        json_string(out, "arxiv:" + work.arxiv_id);
        out += ", \"author\": ";
        json_string(out, work.authors[work.position]);
        out += ", \"person\": ";
        json_string(out, set.people[static_cast<std::size_t>(work.person)].label);
        out += w + 1 < set.works.size() ? "},\n" : "}\n";
    }
    out += "]}\n";
    return out;
}

std::string field_name(std::size_t field) { return std::string(vocabulary::fields().at(field).name); }
std::size_t field_count() { return vocabulary::fields().size(); }

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string describe(const resolver::Evidence& e) {
    std::string out = fmt::format(
        "total {:+.2f} = prior {:+.2f} coauthors {:+.2f} topics {:+.2f} words {:+.2f} venue {:+.2f} affil "
        "{:+.2f} time {:+.2f}",
        e.total(), e.prior, e.coauthors, e.topics, e.words, e.venue, e.affiliation, e.time);
    if (!e.shared_coauthors.empty()) out += "\n        shared co-authors: " + joined(e.shared_coauthors);
    if (!e.shared_categories.empty()) out += "\n        shared categories: " + joined(e.shared_categories);
    if (!e.shared_words.empty()) out += "\n        top shared words: " + joined(e.shared_words);
    return out;
}

// The key with the most mentions.
int largest(const std::map<int, std::vector<std::size_t>>& parts) {
    return std::max_element(parts.begin(), parts.end(),
                            [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); })
        ->first;
}

}  // namespace

ClusterScores score(const DevSet& set, const std::vector<int>& found) {
    auto labels = [](const std::vector<int>& ids) {
        std::vector<std::string> out;
        out.reserve(ids.size());
        for (int id : ids) out.push_back(std::to_string(id));
        return out;
    };
    return score_clusters(labels(set.labels), labels(found));
}

std::string describe_people(const DevSet& set) {
    std::string out;
    for (const auto& p : set.people)
        out += fmt::format("    {}: {} works {}-{} {}\n", p.label, p.works, p.first_year, p.last_year,
                           joined(p.fields));
    return out;
}

std::string explain_errors(const DevSet& set, const resolver::Result& result,
                           const resolver::Options& options) {
    std::map<int, std::map<int, std::vector<std::size_t>>> by_found, by_truth;
    for (std::size_t i = 0; i < set.labels.size(); ++i) {
        by_found[result.cluster[i]][set.labels[i]].push_back(i);
        by_truth[set.labels[i]][result.cluster[i]].push_back(i);
    }
    auto person = [&](int label) { return set.people[static_cast<std::size_t>(label)].label; };
    std::string out;
    for (const auto& [cluster, parts] : by_found) {
        if (parts.size() < 2) continue;
        int owner = largest(parts);
        for (const auto& [label, members] : parts) {
            if (label == owner) continue;
            auto e = resolver::compare(set.mentions, parts.at(owner), members, options);
            out += fmt::format("    WRONG MERGE cluster {}: {} mentions of {} into {} ({}): {}\n", cluster,
                               members.size(), person(label), person(owner), parts.at(owner).size(),
                               describe(e));
        }
    }
    for (const auto& [label, parts] : by_truth) {
        if (parts.size() < 2) continue;
        int main = largest(parts);
        for (const auto& [cluster, members] : parts) {
            if (cluster == main) continue;
            auto e = resolver::compare(set.mentions, parts.at(main), members, options);
            out += fmt::format("    MISSED LINK {}: {} mentions apart from its main cluster ({}): {}\n",
                               person(label), members.size(), parts.at(main).size(), describe(e));
        }
    }
    return out;
}

std::vector<int> coauthor_components(const std::vector<resolver::Mention>& mentions) {
    std::vector<std::size_t> parent(mentions.size());
    for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
    auto find = [&](std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    std::map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < mentions.size(); ++i)
        for (const auto& c : mentions[i].coauthors) {
            auto [it, added] = first.try_emplace(c, i);
            if (!added) parent[find(i)] = find(it->second);
        }
    std::vector<int> out(mentions.size());
    for (std::size_t i = 0; i < mentions.size(); ++i) out[i] = static_cast<int>(find(i));
    return out;
}

}  // namespace bzpeer::devset
