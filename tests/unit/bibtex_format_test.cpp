// Exact-byte tests of the bibtex format plugin's logic library.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "bibtex.hpp"
#include "bzpeer/sdk/document.hpp"

namespace {

using bzpeer::sdk::Document;
using bzpeer::sdk::Value;

Value work(std::string title, std::vector<std::string> authors, Value year, const char* type,
           const char* venue, const char* arxiv, const char* doi) {
    Value w = Value::object();
    w.set("id", "w:1");
    w.set("title", std::move(title));
    w.set("year", std::move(year));
    w.set("type", type ? Value(type) : Value());
    w.set("venue", venue ? Value(venue) : Value());
    Value ids = Value::object();
    ids.set("arxiv", arxiv ? Value(arxiv) : Value());
    ids.set("doi", doi ? Value(doi) : Value());
    w.set("ids", std::move(ids));
    Value names = Value::array();
    for (auto& a : authors) names.push(std::move(a));
    w.set("authors", std::move(names));
    Value categories = Value::array();
    categories.push("hep-th");
    w.set("categories", std::move(categories));
    return w;
}

Document works(std::vector<Value> items) {
    Document doc;
    doc.kind = "works";
    doc.data = Value::array();
    for (auto& item : items) doc.data.push(std::move(item));
    return doc;
}

TEST(BibtexFormat, EscapesTexSpecialsAndKeepsUtf8) {
    EXPECT_EQ(bzpeer::bibtex::escaped("#$%&_ ~^\\{} Ódor 郑博\n"),
              "\\#\\$\\%\\&\\_ \\textasciitilde{}\\textasciicircum{}\\textbackslash{}\\textbraceleft{}"
              "\\textbraceright{} Ódor 郑博 ");
}

TEST(BibtexFormat, TitlesBraceOnlyWordsWithInnerCapitals) {
    EXPECT_EQ(bzpeer::bibtex::title("Deep CTR models on GaN and iPhone data in Zürich"),
              "Deep {CTR} models on {GaN} and {iPhone} data in Zürich");
}

TEST(BibtexFormat, FoldingDropsAccentsAndOtherScripts) {
    EXPECT_EQ(bzpeer::bibtex::folded("Ódor Łukasz Straße Nguyễn 郑博 O'Brien"),
              "odor lukasz strasse nguyen    o brien");
}

TEST(BibtexFormat, KeysAreFamilyYearWordAndSharedKeysGetLetters) {
    Document doc = works({work("The Pipes", {"Balázs Ódor"}, 2023, "journal-article", "J", nullptr, nullptr),
                          work("Pipes, again", {"Ódor, Balázs"}, 2023, nullptr, nullptr, nullptr, nullptr),
                          work("On 郑博", {"郑博"}, Value(), nullptr, nullptr, nullptr, nullptr),
                          work("A study", {"Adrian Del Maestro"}, 2020, nullptr, nullptr, nullptr, nullptr)});
    std::vector<const Value*> items;
    for (const auto& item : std::get<Value::Array>(doc.data.v)) items.push_back(&item);
    EXPECT_EQ(bzpeer::bibtex::keys(items),
              (std::vector<std::string>{"odor2023pipesa", "odor2023pipesb", "anon", "maestro2020study"}));
}

TEST(BibtexFormat, EntryTypesFollowTheWorkType) {
    Document doc = works({
        work("Pipes & tables", {"Bo Zheng", "Smith and Sons"}, 2023, "journal-article", "Nature 100%",
             nullptr, "10.1000/a_b"),
        work("Proceeding", {"Bo Zheng"}, 2022, "proceedings-article", "KDD", "2201.00001", nullptr),
        work("Preprint", {"Bo Zheng"}, 2021, "preprint", nullptr, "hep-th/9901001", nullptr),
        work("No venue", {}, 2020, "journal-article", nullptr, nullptr, nullptr),
    });
    EXPECT_EQ(bzpeer::bibtex::render(doc, "bib"),
              "@article{zheng2023pipes,\n"
              "  author = {Bo Zheng and {Smith and Sons}},\n"
              "  title = {Pipes \\& tables},\n"
              "  journal = {Nature 100\\%},\n"
              "  year = {2023},\n"
              "  doi = {10.1000/a_b},\n"
              "  url = {https://doi.org/10.1000/a_b},\n"
              "}\n"
              "\n"
              "@inproceedings{zheng2022proceeding,\n"
              "  author = {Bo Zheng},\n"
              "  title = {Proceeding},\n"
              "  booktitle = {KDD},\n"
              "  year = {2022},\n"
              "  eprint = {2201.00001},\n"
              "  archiveprefix = {arXiv},\n"
              "  eprinttype = {arxiv},\n"
              "  primaryclass = {hep-th},\n"
              "  url = {https://arxiv.org/abs/2201.00001},\n"
              "}\n"
              "\n"
              "@misc{zheng2021preprint,\n"
              "  author = {Bo Zheng},\n"
              "  title = {Preprint},\n"
              "  year = {2021},\n"
              "  eprint = {hep-th/9901001},\n"
              "  archiveprefix = {arXiv},\n"
              "  eprinttype = {arxiv},\n"
              "  primaryclass = {hep-th},\n"
              "  url = {https://arxiv.org/abs/hep-th/9901001},\n"
              "}\n"
              "\n"
              "@misc{anon2020no,\n"
              "  title = {No venue},\n"
              "  year = {2020},\n"
              "}\n");
}

TEST(BibtexFormat, ProfilesGiveTheirWorksAndOtherDocumentsAreRefused) {
    Document profile;
    profile.kind = "profile";
    profile.data = Value::object();
    profile.data.set("works", Value::array())
        .push(work("Alone", {"Bo Zheng"}, 2019, nullptr, nullptr, nullptr, nullptr));
    EXPECT_EQ(bzpeer::bibtex::render(profile, "bibtex"),
              "@misc{zheng2019alone,\n  author = {Bo Zheng},\n  title = {Alone},\n  year = {2019},\n}\n");
    Document table;
    table.kind = "table";
    EXPECT_THROW(bzpeer::bibtex::render(table, "bibtex"), std::invalid_argument);
    EXPECT_THROW(bzpeer::bibtex::render(profile, "ris"), std::invalid_argument);
}

}  // namespace
