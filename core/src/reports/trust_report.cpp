#include "bzpeer/reports/trust_report.hpp"

#include <fmt/format.h>

#include "base/table_document.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/identity/people.hpp"

namespace bzpeer {

namespace {

using sdk::Block;
using sdk::Value;

Value components_value(const std::vector<social::TrustComponent>& components) {
    Value list = Value::array();
    for (const auto& c : components) {
        Value v = Value::object();
        v.set("name", c.name);
        v.set("value", c.value);
        v.set("weight", c.weight);
        v.set("max_points", static_cast<std::int64_t>(c.max_points));
        v.set("points", static_cast<std::int64_t>(c.points));
        v.set("evidence", c.evidence);
        list.push(std::move(v));
    }
    return list;
}

Block summary_block(std::int64_t person, const social::Trust& trust) {
    Block facts;
    facts.type = Block::Type::fields;
    facts.fields = {{"Person", ids::person_ref(person)},
                    {"Trust score", fmt::format("{} / 100", trust.score)},
                    {"Band", trust.band},
                    {"Verification", fmt::format("{}: {}", social::level_name(trust.verification.level),
                                                 trust.verification.reason)}};
    return facts;
}

Block components_block(const social::Trust& trust) {
    Block table = table_block({"component", "value", "weight", "points", "of", "evidence"});
    for (const auto& c : trust.components)
        table.table.rows.push_back({c.name, fmt::format("{:.2f}", c.value), fmt::format("{:g}", c.weight),
                                    std::to_string(c.points), std::to_string(c.max_points), c.evidence});
    table.table.rows.push_back({"total", "", "", std::to_string(trust.score), "100", trust.band});
    return table;
}

}  // namespace

sdk::Document trust_report(Database& db, std::int64_t person, const social::TrustOptions& options,
                           bool explain) {
    social::Trust trust = social::trust_of(db, person, options);
    std::string name = display_name(db, person);
    sdk::Document doc;
    doc.kind = "report";
    doc.title = fmt::format("Trust of {} ({})", name, ids::person_ref(person));
    doc.blocks.push_back(heading(doc.title, 1));
    doc.blocks.push_back(summary_block(person, trust));

    doc.data = Value::object();
    doc.data.set("id", ids::person_ref(person));
    doc.data.set("name", name);
    doc.data.set("score", static_cast<std::int64_t>(trust.score));
    doc.data.set("band", trust.band);
    Value verification = Value::object();
    verification.set("level", static_cast<std::int64_t>(trust.verification.level));
    verification.set("reason", trust.verification.reason);
    doc.data.set("verification", std::move(verification));
    if (!explain) return doc;

    doc.data.set("components", components_value(trust.components));
    doc.blocks.push_back(components_block(trust));
    doc.blocks.push_back(
        paragraph("Each component is a value from 0 to 1 times its points: the configured weights "
                  "(trust.weights.*) scaled to whole points that add up to 100. The score is the sum of "
                  "the points earned, each rounded to a whole point."));
    return doc;
}

}  // namespace bzpeer
