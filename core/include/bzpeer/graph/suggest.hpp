// Adjacent work: people a person does not work with yet but might — co-authors of their
// co-authors, and people publishing in the same arXiv categories — each with the reason in
// words, the strongest first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bzpeer/store/db.hpp"

namespace bzpeer::graph {

struct PersonName {
    std::int64_t id = 0;
    std::string name;
};

struct Suggestion {
    std::int64_t id = 0;
    std::string name;
    std::vector<PersonName> mutual;          // collaborators of both, most joint works with the person first
    std::vector<std::string> shared_topics;  // arXiv categories both publish in, the most shared first
    std::int64_t topic_works = 0;            // the suggested person's works in those categories
    double score = 0;                        // mutual collaborators + the share of the person's categories
    std::string reason;  // "3 mutual collaborators: A, B, C; shares cs.CL, cs.LG (12 works)"
};

// At most `limit` people (0: all) two co-author hops from `person` or sharing a category with
// them, never the person or one of their collaborators; by score, then topic works, then name.
std::vector<Suggestion> suggest(Database& db, std::int64_t person, std::size_t limit);

// "3 mutual collaborators: A, B, C" (the first three named, then "and N more").
std::string mutual_text(const std::vector<PersonName>& mutual);
// "shares cs.CL, cs.LG (12 works)".
std::string topics_text(const std::vector<std::string>& topics, std::int64_t works);

}  // namespace bzpeer::graph
